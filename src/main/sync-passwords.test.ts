import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { readFile, rename, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { NoKeychain, syncPasswords, type SafeStorageLike } from './sync-passwords'

// A stand-in for the system keychain: reversible, and plainly not the password's own bytes.
const keychain = (available = true): SafeStorageLike => ({
  isEncryptionAvailable: () => available,
  encryptString: (text) => Buffer.from([...Buffer.from(text)].map((b) => b ^ 0x5a).reverse()),
  decryptString: (data) => Buffer.from([...data].reverse().map((b) => b ^ 0x5a)).toString(),
})

const dirs: string[] = []
const fileIn = () => {
  const dir = mkdtempSync(join(tmpdir(), 'attache-passwords-'))
  dirs.push(dir)
  return join(dir, 'sync-passwords.json')
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})
const fs = { readFile, writeFile, rename }

describe('sync passwords on the desktop', () => {
  it('keeps a password sealed by the keychain, by server and user, and forgets it', async () => {
    const file = fileIn()
    const store = syncPasswords(file, fs, keychain())
    await store.save('https://couch.example.org', 'ann', 'correct horse')
    await store.save('https://couch.example.org', 'bob', 'other')
    expect(readFileSync(file, 'utf8')).not.toContain('correct horse')
    expect(await store.load('https://couch.example.org', 'ann')).toBe('correct horse')
    expect(await store.load('https://couch.example.org', 'carl')).toBeNull()
    expect(await store.load('https://elsewhere.example.org', 'ann')).toBeNull()
    await store.forget('https://couch.example.org', 'ann')
    expect(await store.load('https://couch.example.org', 'ann')).toBeNull()
    expect(await store.load('https://couch.example.org', 'bob')).toBe('other')
  })

  it('refuses to keep a password without a keychain, writing nothing', async () => {
    const file = fileIn()
    const store = syncPasswords(file, fs, keychain(false))
    await expect(store.save('https://couch.example.org', 'ann', 'pw')).rejects.toThrow(NoKeychain)
    expect(() => readFileSync(file)).toThrow()
  })

  it('reads a damaged file as holding no password', async () => {
    const file = fileIn()
    await writeFile(file, '{not json')
    expect(await syncPasswords(file, fs, keychain()).load('https://x.example', 'a')).toBeNull()
  })
})
