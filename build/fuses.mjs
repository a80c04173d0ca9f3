// Electron's fuses as the packaged app sets them: flipped in the Electron binary itself after
// electron-builder has packed it (build/after-pack.mjs), so no flag, variable or file at run
// time can turn them back. Read by the after-pack hook and by its Node test.
import { FuseV1Options, FuseVersion, flipFuses } from '@electron/fuses'

/**
 * What electron-builder's afterPack hook is given (the part read here).
 * @typedef {{
 *   appOutDir: string
 *   electronPlatformName: string
 *   packager: { appInfo: { productFilename: string }; executableName?: string }
 * }} PackContext
 */

/**
 * Every fuse this Electron knows, each set on purpose (strict: a new fuse fails the build).
 * @type {import('@electron/fuses').FuseV1Config & { strictlyRequireAllFuses: true }}
 */
export const FUSES = {
  version: FuseVersion.V1,
  strictlyRequireAllFuses: true,
  // The binary can never act as plain Node (ELECTRON_RUN_AS_NODE).
  [FuseV1Options.RunAsNode]: false,
  // Cookies are encrypted at rest with the OS keychain.
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS and --inspect / --inspect-brk are ignored: no code injection, no debugger.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // app.asar is checked against the hash embedded at packing, and the app loads only from it.
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // Electron's default V8 snapshot for the browser process.
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // The renderer is served from app://, so file: pages need no extra privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  // V8's WebAssembly trap handlers (Electron's default): sql.js and the optimizer run WASM.
  [FuseV1Options.WasmTrapHandlers]: true,
}

/**
 * The packed Electron executable electron-builder made in `appOutDir`, per platform (as its
 * own `addElectronFuses` finds it: the executable name on Linux, the product's file name
 * elsewhere).
 * @param {PackContext} context
 */
export function electronBinaryOf(context) {
  const { appOutDir, electronPlatformName, packager } = context
  const name = packager.appInfo.productFilename
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas')
    return `${appOutDir}/${name}.app`
  if (electronPlatformName === 'win32') return `${appOutDir}/${name}.exe`
  return `${appOutDir}/${packager.executableName ?? name}`
}

/**
 * electron-builder's afterPack hook: flips the fuses of the packed binary.
 * @param {PackContext} context
 */
export async function flipPackedFuses(context) {
  const binary = electronBinaryOf(context)
  await flipFuses(binary, {
    ...FUSES,
    // macOS: the ad-hoc signature is redone after the binary changed (real signing follows).
    resetAdHocDarwinSignature: context.electronPlatformName === 'darwin',
  })
  return binary
}
