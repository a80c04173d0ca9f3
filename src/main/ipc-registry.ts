import { ipcContract, type IpcRequest, type IpcResponse } from '../shared/ipc'
import { IPC_METHODS, channelOf, type IpcMethod } from '../shared/ipc-methods'

/** The part of Electron's IpcMainInvokeEvent the wrapper reads. */
export interface InvokeEvent {
  senderFrame: { url: string } | null
}

/** The part of Electron's ipcMain the wrapper uses (a parameter, so Node tests can pass a fake). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEvent, payload: unknown) => unknown): void
}

export type IpcHandlers = {
  [M in IpcMethod]: (request: IpcRequest<M>) => Promise<IpcResponse<M>> | IpcResponse<M>
}

export class IpcRejection extends Error {
  override name = 'IpcRejection'
}

/**
 * Registers every handler of the contract through one gate: the sender frame must be the
 * app's own page, and the payload must parse against the method's schema. Anything else is
 * refused before the handler runs (VS Code's validatedIpcMain, Electron security item 17).
 */
export function registerIpcHandlers(
  ipcMain: IpcMainLike,
  handlers: IpcHandlers,
  isTrustedUrl: (url: string) => boolean,
): void {
  for (const method of IPC_METHODS) {
    ipcMain.handle(channelOf(method), async (event, payload) => {
      const url = event.senderFrame?.url ?? ''
      if (!isTrustedUrl(url))
        throw new IpcRejection(`${method}: refused, sender ${url || '(none)'} is not the app`)
      const parsed = ipcContract[method].request.safeParse(payload)
      if (!parsed.success) {
        const issue = parsed.error.issues[0]
        const where = issue?.path.length ? issue.path.join('.') : 'payload'
        throw new IpcRejection(`${method}: refused, ${where}: ${issue?.message ?? 'invalid'}`)
      }
      const handler = handlers[method] as (r: unknown) => unknown
      return handler(parsed.data)
    })
  }
}

/**
 * Whether a frame URL is the app's renderer page, compared whole: scheme, host (and port),
 * and path — the dev server's page during development, otherwise the app:// index.html. A
 * query or fragment does not change the page; anything else is another page.
 */
export function rendererUrlCheck(appIndexUrl: string, devServerUrl?: string) {
  const page = new URL(devServerUrl ?? appIndexUrl)
  const paths = devServerUrl ? ['/', '/index.html'] : [page.pathname]
  return (url: string): boolean => {
    let u: URL
    try {
      u = new URL(url)
    } catch {
      return false
    }
    return (
      u.protocol === page.protocol &&
      u.host === page.host &&
      !u.username &&
      !u.password &&
      paths.includes(u.pathname)
    )
  }
}
