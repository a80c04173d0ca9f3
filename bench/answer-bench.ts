import { answerCard } from '../src/app/answer'
import type { Scheduler } from '../src/core/scheduling/scheduler'
import { medianMs } from './measure'
import { openRawDb, putRawCards, rawAnswer } from './raw-indexeddb'
import type { Collection } from '../src/app/collection-writes'

/**
 * Answers `ids` one after another through our answer transaction, then does the same reads
 * and writes on raw IndexedDB; per-answer medians of both. Runs wherever `indexedDB` exists
 * (fake-indexeddb in Node, the real one in Chromium).
 */
export async function compareAnswering(
  store: Collection,
  scheduler: Scheduler,
  ids: readonly string[],
  start: Date,
) {
  let t = start.getTime()
  const ours = await medianMs(async () => {
    for (const id of ids) {
      t += 1000
      const card = await store.getCard(id)
      await answerCard(store, scheduler, {
        cardId: id,
        revision: card?.revision ?? 0,
        grade: 3,
        now: new Date(t),
        durationMs: 1,
      })
    }
  }, 5)
  const raw = await openRawDb(`bench-raw-${Date.now()}`)
  await putRawCards(
    raw,
    (await store.getCards(ids)).filter((c) => c !== undefined),
  )
  const base = await medianMs(async () => {
    for (const id of ids) await rawAnswer(raw, id)
  }, 5)
  raw.close()
  return { ours: ours / ids.length, raw: base / ids.length }
}
