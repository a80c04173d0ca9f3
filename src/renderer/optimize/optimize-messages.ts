import type { OptimizeReport } from '../../app/optimize'
import type { Settings } from '../../app/settings'

/** What the window asks the optimizer worker: optimize a preset on its decks' history. */
export interface OptimizeRequest {
  presetId: string
  /** A deck about to use the preset (a new preset has no deck yet): its history counts too. */
  deckId?: string
  /** The parameters in use, scored beside the result (absent: FSRS's defaults). */
  current?: number[]
  settings: Settings
}

/** What it answers: progress, then the report, or why there is none. */
export type OptimizeResponse =
  | { type: 'progress'; fraction: number; stage: string }
  | { type: 'report'; report: OptimizeReport; reviews: number }
  | { type: 'too-little'; message: string }
  | { type: 'error'; message: string }
