import { z } from 'zod'
import type { IpcMethod } from './ipc-methods'

const deckSourceSchema = z.object({ file: z.string(), text: z.string() })
const deckProblemSchema = z.object({
  file: z.string(),
  line: z.number().int().optional(),
  reason: z.string(),
})

/**
 * The typed IPC contract: each method's request and response schema. Main parses every
 * request with it before a handler runs; the renderer's types come from it.
 *
 * Decks cross as source text and are parsed by core on the renderer side, so the web host
 * (which bundles the same files) and Electron run the very same validation.
 */
export const ipcContract = {
  loadDecks: {
    request: z.undefined(),
    response: z.object({
      sources: z.array(deckSourceSchema),
      problems: z.array(deckProblemSchema),
    }),
  },
  openExternal: {
    request: z.object({ url: z.string().max(2048) }).strict(),
    response: z.object({ opened: z.boolean() }),
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
}

export type DeckFiles = IpcResponse<'loadDecks'>
