// electron-builder's afterPack hook (electron-builder.json): Electron's fuses, see fuses.mjs.
import { flipPackedFuses } from './fuses.mjs'

/** @param {import('./fuses.mjs').PackContext} context */
export default async function afterPack(context) {
  const binary = await flipPackedFuses(context)
  console.log(`  • fuses flipped in ${binary}`)
}
