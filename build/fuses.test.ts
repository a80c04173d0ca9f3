// The packaging configuration and its after-pack hook, run on a stand-in for the Electron
// binary (its fuse wire, exactly as Electron lays it out). Building real installers needs
// Electron's binary, which this machine cannot download: that step is not run here.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses'
import { describe, expect, it, onTestFinished } from 'vitest'
import afterPack from './after-pack.mjs'
import { FUSES, electronBinaryOf } from './fuses.mjs'

const root = resolve(import.meta.dirname, '..')
const config = JSON.parse(readFileSync(join(root, 'electron-builder.json'), 'utf8')) as Record<
  string,
  unknown
>

// Electron's fuse sentinel, then wire version 1, the wire's length, and one byte per fuse
// ('1' on, '0' off) as Electron ships them: RunAsNode on, cookie encryption off, NODE_OPTIONS
// on, --inspect on, asar integrity off, only-asar off, V8 snapshot off, file: privileges on,
// WASM trap handlers on.
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
const SHIPPED = '101100011'

function fakeElectron(dir: string, name: string) {
  const bytes = Buffer.concat([
    Buffer.from('\x7fELF…machine code…'),
    Buffer.from(SENTINEL),
    Buffer.from([1, SHIPPED.length]),
    Buffer.from(SHIPPED),
    Buffer.from('…more code…'),
  ])
  writeFileSync(join(dir, name), bytes)
  return bytes
}

console.warn(
  '[packaging] electron-builder itself was not run: it needs the Electron binary, which this machine cannot download (see README, "Installers").',
)

describe('packaging (electron-builder.json)', () => {
  it('packs the built app into an asar and flips the fuses after packing', () => {
    expect(config['asar']).toBe(true)
    expect(config['afterPack']).toBe('build/after-pack.mjs')
    expect(existsSync(join(root, String(config['afterPack'])))).toBe(true)
    expect(config['files']).toEqual(
      expect.arrayContaining(['out/main/**', 'out/preload/**', 'out/renderer/**']),
    )
    // The built-in decks beside the asar, where the main process looks when packaged.
    expect(config['extraResources']).toEqual([
      expect.objectContaining({ from: 'decks', to: 'decks' }),
    ])
  })

  it('sets every fuse Electron has, on purpose', () => {
    expect(FUSES.strictlyRequireAllFuses).toBe(true)
    const set = Object.keys(FUSES).filter((k) => /^\d+$/.test(k))
    expect(set.length).toBe(Object.keys(FuseV1Options).filter((k) => /^\d+$/.test(k)).length)
  })

  it('the after-pack hook turns Node, NODE_OPTIONS and inspect off, integrity and asar-only on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'attache-pack-'))
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }))
    const before = fakeElectron(dir, 'attache')
    await afterPack({
      appOutDir: dir,
      electronPlatformName: 'linux',
      packager: { appInfo: { productFilename: 'Attaché' }, executableName: 'attache' },
    })
    const wire = await getCurrentFuseWire(join(dir, 'attache'))
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE)
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE)
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE)
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE)
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE)
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE)
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE)
    expect(wire[FuseV1Options.WasmTrapHandlers]).toBe(FuseState.ENABLE)
    // Only the wire changed: the binary is as long as before, the code around it untouched.
    const after = readFileSync(join(dir, 'attache'))
    expect(after.length).toBe(before.length)
    const wireAt = before.indexOf(SENTINEL) + SENTINEL.length + 2
    expect(after.subarray(0, wireAt)).toEqual(before.subarray(0, wireAt))
    expect(after.subarray(wireAt + SHIPPED.length)).toEqual(
      before.subarray(wireAt + SHIPPED.length),
    )
  })

  it('finds the packed binary on each platform', () => {
    const packager = { appInfo: { productFilename: 'Attaché' }, executableName: 'attache' }
    expect(electronBinaryOf({ appOutDir: '/o', electronPlatformName: 'linux', packager })).toBe(
      '/o/attache',
    )
    expect(electronBinaryOf({ appOutDir: '/o', electronPlatformName: 'win32', packager })).toBe(
      '/o/Attaché.exe',
    )
    expect(electronBinaryOf({ appOutDir: '/o', electronPlatformName: 'darwin', packager })).toBe(
      '/o/Attaché.app',
    )
  })

  it('refuses a binary without a fuse wire rather than ship one unflipped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'attache-pack-'))
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }))
    writeFileSync(join(dir, 'attache'), 'not electron')
    await expect(
      afterPack({
        appOutDir: dir,
        electronPlatformName: 'linux',
        packager: { appInfo: { productFilename: 'Attaché' }, executableName: 'attache' },
      }),
    ).rejects.toThrow(/sentinel/)
  })
})
