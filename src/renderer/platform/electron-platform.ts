import type { Platform } from '../../shared/platform'

/** The Electron host: every call goes through the preload's named functions. */
const bridge = window.attache

const platform: Platform = {
  loadDecks: () => bridge.loadDecks(),
  openExternal: async (url) => {
    await bridge.openExternal({ url })
  },
}
export default platform
