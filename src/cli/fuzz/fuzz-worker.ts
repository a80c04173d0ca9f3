import { parentPort } from 'node:worker_threads'
import { nodeSqlEngine } from '../node-sqlite'
import { importOne } from './import-one'

/** One input at a time from the runner, answered with its outcome and how long it took. */
const engine = await nodeSqlEngine()
parentPort?.on(
  'message',
  async (input: { name: string; bytes: Uint8Array; target: 'import' | 'revlog' }) => {
    const started = performance.now()
    const outcome = await importOne(input.name, input.bytes, engine, input.target)
    parentPort?.postMessage({ outcome, ms: performance.now() - started })
  },
)
parentPort?.postMessage('ready')
