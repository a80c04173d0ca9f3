import { CLOSE_REQUESTED_CHANNEL } from '../shared/ipc-methods'

/** The part of a BrowserWindow the close guard uses (a parameter, so Node tests pass a fake). */
export interface ClosableWindow {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): void
  close(): void
  isDestroyed(): boolean
  webContents: { send(channel: string): void }
}

export { CLOSE_REQUESTED_CHANNEL }

/**
 * Holds a window's first close until the renderer says its last work is done (a backup of a
 * changed collection, issue 9) or `timeoutMs` passes, then closes it for real. Returns the
 * function the `closeReady` IPC handler calls.
 */
export function guardClose(
  win: ClosableWindow,
  timeoutMs: number,
  timers: { set(fn: () => void, ms: number): unknown; clear(handle: unknown): void } = {
    set: (fn, ms) => setTimeout(fn, ms),
    clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  },
): () => void {
  let state: 'open' | 'waiting' | 'closing' = 'open'
  let timer: unknown
  const closeNow = () => {
    if (state === 'closing') return
    state = 'closing'
    timers.clear(timer)
    if (!win.isDestroyed()) win.close()
  }
  win.on('close', (event) => {
    if (state === 'closing') return
    event.preventDefault()
    if (state === 'waiting') return
    state = 'waiting'
    win.webContents.send(CLOSE_REQUESTED_CHANNEL)
    timer = timers.set(closeNow, timeoutMs)
  })
  return () => {
    if (state === 'waiting') closeNow()
  }
}
