import type { Platform } from '../../shared/platform'

/** The Electron host: every call goes through the preload's named functions. */
const bridge = window.attache

const platform: Platform = {
  loadDecks: () => bridge.loadDecks(),
  // An IPC call; the main process checks the URL against its allow-list before any shell call.
  openExternal: async (url) => {
    await bridge.openExternal({ url }) // eng-disable OPEN_EXTERNAL_JS_CHECK
  },
  onClose: (work) =>
    bridge.onCloseRequested(() => {
      void work()
        .catch(() => undefined)
        .finally(() => void bridge.closeReady())
    }),
  backups: {
    where: 'the “backups” folder of Attaché’s user data',
    list: async () => (await bridge.backupList()).files,
    write: async (name, bytes) => {
      await bridge.backupWrite({ name, bytes: bytes as Uint8Array<ArrayBuffer> })
    },
    read: async (name) => (await bridge.backupRead({ name })).bytes,
    remove: async (name) => {
      await bridge.backupRemove({ name })
    },
  },
}
export default platform
