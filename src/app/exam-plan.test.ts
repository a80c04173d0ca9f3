import { describe, expect, it } from 'vitest'
import { Scheduler } from '../core/scheduling/scheduler'
import { deck, fact } from '../core/testing/factories'
import { answerCard } from './answer'
import { daysUntilExam, examPlan, schedulerOptionsFor, setExamDate } from './exam-plan'
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
    expect(schedulerOptionsFor(preset, exam, settings, now).maximumIntervalDays).toBe(10)
    expect(
      schedulerOptionsFor(preset, { ...exam, examCap: false }, settings, now).maximumIntervalDays,
    ).toBe(36500)
    // Each session makes its scheduler with the days left then: every next review falls on or
    // before the exam day, whatever the grade.
    let state = new Scheduler({ fuzz: false }).newState(now)
    let at = now
    while (daysUntilExam('2027-01-14', settings, at) >= 1) {
      const capped = new Scheduler({
        ...schedulerOptionsFor(preset, exam, settings, at),
        fuzz: false,
      })
      state = capped.review(state, 4, at, 'seed').state
      // The exam's study day begins at the 4 a.m. rollover.
      expect(state.due.getTime()).toBeLessThanOrEqual(local(2027, 1, 14, 4).getTime())
      at = state.due
    }
  })
})
