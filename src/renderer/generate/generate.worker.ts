/// <reference lib="webworker" />
// Card proposals for a document, off the window's thread: the same reader and generator as
// `cli generate` (src/core/generate). A megabyte of text takes seconds of NLP.
import { readDocument } from '../../core/generate/document'
import { proposeCards } from '../../core/generate/proposals'
import { ImportError } from '../../core/formats/import-error'
import type { GenerateRequest, GenerateResponse } from './generate-messages'

const post = (message: GenerateResponse) =>
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(message)

self.onmessage = (event: MessageEvent<GenerateRequest>) => {
  const { name, text } = event.data
  try {
    const started = performance.now()
    post({ type: 'progress', fraction: 0.1, stage: 'Reading the document' })
    const doc = readDocument(name, text)
    const stage = `Finding figures, dates and names in ${doc.blocks.length} paragraphs`
    post({ type: 'progress', fraction: 0.2, stage })
    const proposals = proposeCards(doc, {
      onProgress: (f) => post({ type: 'progress', fraction: 0.2 + 0.75 * f, stage }),
    })
    post({ type: 'proposals', doc, proposals, ms: performance.now() - started })
  } catch (e) {
    post({
      type: 'error',
      message:
        e instanceof ImportError
          ? e.message
          : `${name}: could not be read (${e instanceof Error ? e.message : String(e)})`,
    })
  }
}
