import loaded from 'virtual:attache-decks'
import type { Platform } from '../../shared/platform'
import { opfsBackups } from './opfs-backups'
import { onUpdateReady, registerOffline } from './web-offline'

/** The browser host: decks are validated and bundled at build time; links open in a new tab. */
const platform: Platform = {
  loadDecks: async () => loaded,
  openExternal: async (url) => {
    if (!/^https:\/\//.test(url)) return
    window.open(url, '_blank', 'noopener,noreferrer')
  },
  backups: opfsBackups,
  onUpdateReady,
  onClose: (work) => {
    // Best effort: a closing tab may not wait for the work to finish.
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') void work().catch(() => undefined)
    })
  },
}
registerOffline()

export default platform
