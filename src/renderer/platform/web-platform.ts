import deckFiles from 'virtual:attache-deck-files'
import type { Platform } from '../../shared/platform'

/** The browser host: deck files are bundled at build time; links open in a new tab. */
const platform: Platform = {
  kind: 'web',
  deckFiles: async () => deckFiles,
  openExternal: async (url) => {
    if (!/^https:\/\//.test(url)) return
    window.open(url, '_blank', 'noopener,noreferrer')
  },
}
export default platform
