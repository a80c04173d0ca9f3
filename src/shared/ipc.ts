import { z } from 'zod'
import { deckSchema } from '../core/decks/deck-schema'
import { isBackupName } from '../core/formats/backup-name'
import type { IpcMethod } from './ipc-methods'

const deckProblemSchema = z.object({
  file: z.string(),
  line: z.number().int().optional(),
  reason: z.string(),
})

/** A sync server's address and user, as the renderer checked them (lengths bounded here). */
const syncServer = z.string().min(1).max(2048)
const syncUser = z.string().min(1).max(200)

/** A backup file's name: one plain name of the backups' own pattern, never a path. */
const backupFileName = z.string().max(200).refine(isBackupName, 'not a backup file name')

/**
 * The typed IPC contract: each method's request and response schema. Main parses every
 * request with it before a handler runs; the renderer's types come from it.
 *
 * Decks arrive validated (main runs core's parser at start-up; the web build runs the same
 * code at build time), together with the files that were skipped and why.
 */
export const ipcContract = {
  loadDecks: {
    request: z.undefined(),
    response: z.object({ decks: z.array(deckSchema), problems: z.array(deckProblemSchema) }),
  },
  openExternal: {
    request: z.object({ url: z.string().max(2048) }).strict(),
    response: z.object({ opened: z.boolean() }),
  },
  // The backup folder in the user-data folder; main checks every name (no paths).
  backupList: {
    request: z.undefined(),
    response: z.object({
      folder: z.string(),
      files: z.array(z.object({ name: z.string(), size: z.number() })),
    }),
  },
  // A backup is written a piece at a time into a file beside it, which becomes the backup on
  // commit (or is dropped): a backup of GBs of media never crosses the IPC whole.
  backupAppend: {
    request: z
      .object({ name: backupFileName, bytes: z.instanceof(Uint8Array), first: z.boolean() })
      .strict(),
    response: z.object({ written: z.literal(true) }),
  },
  backupCommit: {
    request: z.object({ name: backupFileName }).strict(),
    response: z.object({ written: z.literal(true) }),
  },
  backupDiscard: {
    request: z.object({ name: backupFileName }).strict(),
    response: z.object({ removed: z.literal(true) }),
  },
  // Bytes `start` to `end` of a backup (a restore reads it a piece at a time).
  backupRead: {
    request: z
      .object({
        name: backupFileName,
        start: z.number().int().min(0),
        end: z.number().int().min(0),
      })
      .strict(),
    response: z.object({ bytes: z.instanceof(Uint8Array) }),
  },
  backupRemove: {
    request: z.object({ name: backupFileName }).strict(),
    response: z.object({ removed: z.literal(true) }),
  },
  // The renderer finished its last work after CLOSE_REQUESTED_CHANNEL; the window may close.
  closeReady: {
    request: z.undefined(),
    response: z.object({ closing: z.literal(true) }),
  },
  // Sync passwords, sealed by the system keychain in main (safeStorage), by server and user.
  syncPasswordSave: {
    request: z
      .object({ server: syncServer, user: syncUser, password: z.string().max(1024) })
      .strict(),
    response: z.object({ saved: z.literal(true) }),
  },
  syncPasswordLoad: {
    request: z.object({ server: syncServer, user: syncUser }).strict(),
    response: z.object({ password: z.string().nullable() }),
  },
  syncPasswordForget: {
    request: z.object({ server: syncServer, user: syncUser }).strict(),
    response: z.object({ removed: z.literal(true) }),
  },
} satisfies Record<IpcMethod, { request: z.ZodType; response: z.ZodType }>

export type IpcContract = typeof ipcContract
export type IpcRequest<M extends IpcMethod> = z.input<IpcContract[M]['request']>
export type IpcResponse<M extends IpcMethod> = z.output<IpcContract[M]['response']>

/** What the preload puts on `window.attache`: one named function per contract entry. */
export type AttacheBridge = {
  [M in IpcMethod]: IpcRequest<M> extends undefined
    ? () => Promise<IpcResponse<M>>
    : (request: IpcRequest<M>) => Promise<IpcResponse<M>>
} & {
  /** Calls `listener` when the window is about to close (it then answers with `closeReady`). */
  onCloseRequested(listener: () => void): void
}

/** Validated decks, and the deck files that were skipped with why. */
export type LoadedDecks = IpcResponse<'loadDecks'>
