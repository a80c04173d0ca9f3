/// <reference lib="webworker" />
// Saving a preset whose FSRS parameters or desired retention changed reschedules every card of
// its decks from their logs: a replay of up to a million reviews, done here so the window
// never waits on it. The same one-transaction `updatePreset` the tests run.
import { updatePreset } from '../../app/optimize'
import type { RescheduleRequest } from '../../app/commands'
import { EditError } from '../../app/editing'
import { openDb } from '../storage/db'
import { dexieCollection } from '../storage/open-collection'

/** Saved (with how many cards were rescheduled), a field the preset gets wrong, or a failure. */
export type RescheduleResponse =
  | { type: 'saved'; rescheduled: number }
  | { type: 'invalid'; message: string }
  | { type: 'error'; message: string }

const post = (message: RescheduleResponse) =>
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(message)

self.onmessage = async (event: MessageEvent<RescheduleRequest>) => {
  const { preset, deckId, settings } = event.data
  const db = openDb()
  try {
    const rescheduled = await updatePreset(dexieCollection(db), preset, {
      reschedule: true,
      settings,
      deckId,
    })
    post({ type: 'saved', rescheduled })
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e)
    post(e instanceof EditError ? { type: 'invalid', message } : { type: 'error', message })
  } finally {
    db.close()
  }
}
