import type { SourceDocument } from '../../core/generate/document'
import type { Proposal } from '../../core/generate/proposals'

/** What the window asks the generator worker: proposals for a document. */
export interface GenerateRequest {
  /** The file's name (its extension picks the reader), or "pasted.txt". */
  name: string
  text: string
}

/** What it answers: the document as read, and the proposals; or why there are none. */
export type GenerateResponse =
  | { type: 'progress'; fraction: number; stage: string }
  | { type: 'proposals'; doc: SourceDocument; proposals: Proposal[]; ms: number }
  | { type: 'error'; message: string }
