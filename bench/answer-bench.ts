import type { Scheduler } from '../src/core/scheduling/scheduler'
import { answerCard } from '../src/renderer/storage/answer'
import type { AttacheDb } from '../src/renderer/storage/db'
import { medianMs } from './measure'
import { openRawDb, putRawCards, rawAnswer } from './raw-indexeddb'

/**
 * Answers `ids` one after another through our answer transaction, then does the same reads
 * and writes on raw IndexedDB; per-answer medians of both. Runs wherever `indexedDB` exists
 * (fake-indexeddb in Node, the real one in Chromium).
 */
export async function compareAnswering(
  db: AttacheDb,
  scheduler: Scheduler,
  ids: readonly string[],
  start: Date,
) {
  let t = start.getTime()
  const revision = new Map(ids.map((id) => [id, 0]))
  const ours = await medianMs(async () => {
    for (const id of ids) {
      t += 1000
      const r = await answerCard(db, scheduler, {
        cardId: id,
        revision: revision.get(id) ?? 0,
        grade: 3,
        now: new Date(t),
        durationMs: 1,
      })
      revision.set(id, r.revisionAfter)
    }
  }, 5)
  const raw = await openRawDb(`bench-raw-${Date.now()}`)
  await putRawCards(
    raw,
    (await db.cards.bulkGet([...ids])).filter((c) => c !== undefined),
  )
  const base = await medianMs(async () => {
    for (const id of ids) await rawAnswer(raw, id)
  }, 5)
  raw.close()
  return { ours: ours / ids.length, raw: base / ids.length }
}
