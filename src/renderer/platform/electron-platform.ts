import type { Platform } from '../../shared/platform'

/** The most one IPC call carries (main refuses more than BACKUP_PIECE_BYTES). */
const IPC_PIECE = 8 * 2 ** 20

/** The Electron host: every call goes through the preload's named functions. */
const bridge = window.attache

const platform: Platform = {
  loadDecks: () => bridge.loadDecks(),
  syncPasswords: {
    save: async (server, user, password) => {
      await bridge.syncPasswordSave({ server, user, password })
    },
    load: async (server, user) => (await bridge.syncPasswordLoad({ server, user })).password,
    forget: async (server, user) => {
      await bridge.syncPasswordForget({ server, user })
    },
  },
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
    // Main writes the pieces beside the backup and renames the whole into place.
    async write(name, chunks) {
      let first = true
      try {
        for await (const chunk of chunks)
          for (let at = 0; at < chunk.length || first; at += IPC_PIECE) {
            const bytes = chunk.subarray(at, at + IPC_PIECE) as Uint8Array<ArrayBuffer>
            await bridge.backupAppend({ name, bytes, first })
            first = false
          }
        await bridge.backupCommit({ name })
      } catch (e) {
        await bridge.backupDiscard({ name }).catch(() => undefined)
        throw e
      }
    },
    async open(name) {
      const file = (await bridge.backupList()).files.find((f) => f.name === name)
      if (!file) throw new Error(`no backup named ${name}`)
      return {
        name,
        size: file.size,
        read: async (start, end) => {
          const out = new Uint8Array(Math.max(0, end - start))
          for (let at = start; at < end; at += IPC_PIECE) {
            const piece = (
              await bridge.backupRead({ name, start: at, end: Math.min(end, at + IPC_PIECE) })
            ).bytes
            out.set(piece, at - start)
          }
          return out
        },
      }
    },
    remove: async (name) => {
      await bridge.backupRemove({ name })
    },
  },
}
export default platform
