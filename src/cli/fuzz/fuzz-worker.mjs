// The fuzz worker's entry: a worker thread cannot take tsx as a flag of its own, so it loads
// the TypeScript worker through tsx's API (the thread's heap limit is set by its parent).
import { tsImport } from 'tsx/esm/api'

await tsImport('./fuzz-worker.ts', import.meta.url)
