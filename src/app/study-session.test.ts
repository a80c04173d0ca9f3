import { expect, it, onTestFinished, vi } from 'vitest'
import { DAY_MS } from '../core/units'
import { answerCard, undoAnswer, type AnswerReceipt } from './answer'
import { memoryCollection } from './collection-writes'
import { MemoryStore } from './memory-store'
import { nextCard } from './next-card'
import { StudySession } from './study-session'
import { pastLimitsDeck, scheduler } from './testing'

it('a session keeps its preset, today’s log and index reads, and shows what a fresh read shows', async () => {
  // (The collection binds its reads as it is made: the spy comes first.)
  const logReads = vi.spyOn(MemoryStore.prototype, 'logsSince')
  onTestFinished(() => {
    logReads.mockRestore()
  })
  const store = memoryCollection()
  const { settings, day } = await pastLimitsDeck(store)
  const scope = { deckId: 'd', section: null }
  const session = new StudySession(store, scope, settings)
  const options = session.options()
  expect(session.options()).toBe(options)
  const { scheduler: sessionScheduler } = await options

  const differences: string[] = []
  const undo: AnswerReceipt[] = []
  const readAt: number[] = []
  let now = day
  for (let step = 0; step < 60; step++) {
    // At step 35, the next study day: the limits start over.
    now += step === 35 ? DAY_MS : 20_000
    const at = new Date(now)
    const before = logReads.mock.calls.length
    const shown = await session.next(at)
    if (logReads.mock.calls.length > before) readAt.push(step)
    const fresh = await nextCard(store, scheduler, { scope, settings, now: at })
    const said = JSON.stringify([shown.counts, shown.view?.card.id, shown.intervals])
    const truth = JSON.stringify([fresh.counts, fresh.view?.card.id, fresh.intervals])
    if (said !== truth) differences.push(`step ${step}: session ${said}, afresh ${truth}`)
    const card = shown.view?.card
    if (!card) break
    if (step % 10 === 9 && undo.length) {
      await undoAnswer(store, undo.pop() as AnswerReceipt)
      session.forgetLog()
      continue
    }
    const receipt = await answerCard(store, sessionScheduler, {
      cardId: card.id,
      revision: card.revision,
      grade: ([3, 1, 4, 2, 3] as const)[step % 5] ?? 3,
      now: at,
      durationMs: 2000,
    })
    undo.push(receipt)
    session.answered(receipt)
  }
  expect(differences).toEqual([])
  // Today's log is read at the first card, after each undo, and on the new day; between them
  // each answer is taken in without a read.
  expect(readAt).toEqual([0, 10, 20, 30, 35, 40, 50])
})
