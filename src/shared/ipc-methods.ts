// Kept free of imports so the sandboxed preload bundles nothing but these names.

/** Every function the preload exposes on `window.attache`; one IPC channel each. */
export const IPC_METHODS = [
  'loadDecks',
  'openExternal',
  'backupList',
  'backupAppend',
  'backupCommit',
  'backupDiscard',
  'backupRead',
  'backupRemove',
  'closeReady',
  'syncPasswordSave',
  'syncPasswordLoad',
  'syncPasswordForget',
] as const
export type IpcMethod = (typeof IPC_METHODS)[number]

/** The channel a method travels on. */
export const channelOf = (method: IpcMethod): string => `attache:${method}`

/** The one main → renderer message: the window is about to close (see main/close-guard). */
export const CLOSE_REQUESTED_CHANNEL = 'attache:closeRequested'
