import type { ByteSource } from '../../core/formats/byte-source'

/**
 * A file the window can read but a worker cannot reach (a backup in Electron's user-data
 * folder, read over IPC), served to the worker over a MessageChannel a piece at a time: the
 * worker asks for a range, the window reads it from its source and transfers the bytes.
 */
export interface ServedFile {
  name: string
  size: number
  port: MessagePort
}

interface Ask {
  id: number
  start: number
  end: number
}
type Answer = { id: number; bytes: Uint8Array } | { id: number; error: string }

/** Window side: answers the worker's reads of `source`; `close` ends the serving. */
export function serveSource(source: ByteSource): { file: ServedFile; close(): void } {
  const { port1, port2 } = new MessageChannel()
  port1.onmessage = async (event: MessageEvent<Ask>) => {
    const { id, start, end } = event.data
    let answer: Answer
    try {
      const read = await source.read(start, end)
      // A view of a larger buffer is copied: transferring it would empty the source's buffer.
      const bytes = read.byteLength === read.buffer.byteLength ? read : read.slice()
      answer = { id, bytes }
      port1.postMessage(answer, [bytes.buffer])
      return
    } catch (e) {
      answer = { id, error: e instanceof Error ? e.message : String(e) }
    }
    port1.postMessage(answer)
  }
  return {
    file: { name: source.name, size: source.size, port: port2 },
    close: () => port1.close(),
  }
}

/** Worker side: the served file as a source to read a piece at a time. */
export function portSource(file: ServedFile): ByteSource {
  let next = 0
  const waiting = new Map<number, { resolve(b: Uint8Array): void; reject(e: Error): void }>()
  file.port.onmessage = (event: MessageEvent<Answer>) => {
    const answer = event.data
    const asked = waiting.get(answer.id)
    waiting.delete(answer.id)
    if ('error' in answer) asked?.reject(new Error(answer.error))
    else asked?.resolve(answer.bytes)
  }
  return {
    name: file.name,
    size: file.size,
    read: (start, end) =>
      new Promise((resolve, reject) => {
        const id = next++
        waiting.set(id, { resolve, reject })
        const ask: Ask = { id, start, end }
        file.port.postMessage(ask)
      }),
  }
}
