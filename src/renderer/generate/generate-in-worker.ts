import type { SourceDocument } from '../../core/generate/document'
import type { Proposal } from '../../core/generate/proposals'
import type { Progress } from '../../core/formats/import-error'
import { callWorker } from '../worker-call'
import type { GenerateRequest, GenerateResponse } from './generate-messages'

/** Proposals for a document, made off the window's thread. */
export function proposalsInWorker(
  request: GenerateRequest,
  progress: Progress,
): Promise<{ doc: SourceDocument; proposals: Proposal[] }> {
  const worker = new Worker(new URL('./generate.worker.ts', import.meta.url), { type: 'module' })
  return callWorker<
    GenerateRequest,
    GenerateResponse,
    { doc: SourceDocument; proposals: Proposal[] }
  >(
    worker,
    request,
    [],
    (m) => (m.type === 'proposals' ? { doc: m.doc, proposals: m.proposals } : undefined),
    progress,
  )
}
