import { describe, expect, it } from 'vitest'
import { Scheduler } from '../core/scheduling/scheduler'
import { deck, fact } from '../core/testing/factories'
import { answerCard } from './answer'
import {
  daysUntilExam,
  deckScheduler,
  examPlan,
  schedulerOptionsFor,
  setExamDate,
} from './exam-plan'
import { defaultPreset } from './presets'
import { collectionWith, questionCard, settings } from './testing'

const DAY = 86_400_000
const local = (y: number, m: number, d: number, h = 12) => new Date(y, m - 1, d, h)
const iso = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`

describe('the exam plan', () => {
  it('projects each card’s recall to the exam day and says how many new cards a day finish the deck', async () => {
    const store = await collectionWith(
      deck('d', [
        fact({ id: 'a', section: ['Seas'] }),
        fact({ id: 'b', section: ['Seas'] }),
        fact({ id: 'c', section: ['Cyber'] }),
        fact({ id: 'e', section: ['Cyber'] }),
      ]),
    )
    const now = local(2027, 1, 4, 10)
    const scheduler = new Scheduler({ fuzz: false })
    const card = await store.getCard(questionCard('d', 'a'))
    await answerCard(store, scheduler, {
      cardId: questionCard('d', 'a'),
      revision: card?.revision ?? 0,
      grade: 4,
      now,
      durationMs: 3000,
    })
    const answered = await store.getCard(questionCard('d', 'a'))
    // FSRS's definition: recall falls to 90 % when as many days have passed as the stability.
    const exam = new Date(now.getTime() + Math.round(answered?.stability ?? 0) * DAY)
    await setExamDate(store, 'd', iso(exam), true)
    const plan = await examPlan(store, 'd', settings, now)
    expect(plan?.daysLeft).toBe(daysUntilExam(iso(exam), settings, now))
    expect(plan?.newLeft).toBe(3)
    expect(plan?.newPerDay).toBe(Math.ceil(3 / (plan?.daysLeft ?? 1)))
    const seas = plan?.sections.find((s) => s.path[0] === 'Seas')
    expect(seas?.cards).toBe(2)
    // One card near 90 % (the exam is at noon, the stability in whole days), one never seen.
    expect(seas?.expectedRecall).toBeGreaterThan(0.43)
    expect(seas?.expectedRecall).toBeLessThan(0.47)
    expect(plan?.sections.find((s) => s.path[0] === 'Cyber')?.expectedRecall).toBe(0)
    // Cleared: no plan.
    await setExamDate(store, 'd', null, false)
    expect(await examPlan(store, 'd', settings, now)).toBeNull()
  })

  it('with the cap, no interval reaches past the exam day', () => {
    const now = local(2027, 1, 4, 10)
    const preset = defaultPreset(settings)
    const exam = { examDate: '2027-01-14', examCap: true }
    expect(schedulerOptionsFor(preset, exam, settings).examDate).toBe('2027-01-14')
    expect(schedulerOptionsFor(preset, { ...exam, examCap: false }, settings)).not.toHaveProperty(
      'examDate',
    )
    // One scheduler, the days left worked out at each answer: every next review falls on or
    // before the exam day, whatever the grade.
    const capped = new Scheduler({ ...schedulerOptionsFor(preset, exam, settings), fuzz: false })
    const free = new Scheduler({ ...schedulerOptionsFor(preset, undefined, settings), fuzz: false })
    let state = capped.newState(now)
    let at = now
    let cut = 0
    while (daysUntilExam('2027-01-14', settings, at) >= 1) {
      const next = capped.review(state, 4, at, 'seed').state
      // The exam's study day begins at the 4 a.m. rollover.
      expect(next.due.getTime()).toBeLessThanOrEqual(local(2027, 1, 14, 4).getTime())
      if (next.due.getTime() < free.review(state, 4, at, 'seed').state.due.getTime()) cut++
      state = next
      at = state.due
    }
    expect(cut).toBeGreaterThan(0)
    // On the exam's day and after it, nothing is capped.
    const after = local(2027, 1, 14, 10)
    expect(capped.review(state, 4, after, 'seed')).toEqual(free.review(state, 4, after, 'seed'))
  })

  it('reads a deck and a preset arriving with a sync batch in place of the stored ones', async () => {
    const store = await collectionWith(deck('d', [fact({ id: 'a' })]))
    const stored = await store.getDeck('d')
    if (!stored) throw new Error('no deck d')
    const slow = { ...defaultPreset(settings), id: 'slow', name: 'Slow', desiredRetention: 0.7 }
    const incoming = {
      decks: new Map([
        ['d', { ...stored, examDate: '2027-01-07', examCap: true, presetId: 'slow' }],
      ]),
      presets: new Map([['slow', slow]]),
      settings: new Map(),
    }
    const here = await deckScheduler(store, 'd', settings)
    const arriving = await deckScheduler(store, 'd', settings, incoming)
    expect(here.preset.id).toBe('default')
    expect(arriving.preset).toEqual(slow)
    // The arriving exam caps an easy first answer three days before it.
    const now = local(2027, 1, 4, 10)
    const easy = (s: Scheduler) => s.review(s.newState(now), 4, now, 'seed').state.due.getTime()
    expect(easy(here.scheduler)).toBeGreaterThan(local(2027, 1, 7, 4).getTime())
    expect(easy(arriving.scheduler)).toBeLessThanOrEqual(local(2027, 1, 7, 4).getTime())
  })
})
