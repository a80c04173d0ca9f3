import { describe, expect, it } from 'vitest'
import { default_w } from 'ts-fsrs'
import { CardState } from '../core/scheduling/scheduler'
import { deck, fact } from '../core/testing/factories'
import { changeCards } from './card-actions'
import { Queue, type CardRow } from './collection'
import { EditError } from './editing'
import {
  MIN_ITEMS,
  TooLittleHistory,
  optimizeOn,
  presetHistory,
  updatePreset,
  withParameters,
  type Trainer,
} from './optimize'
import { DEFAULT_PRESET_ID, listPresets, presetOf } from './presets'
import { answer, collectionWith, questionCard, settings, t0 } from './testing'

const DAY = 86_400_000
const ids = ['a', 'b', 'c', 'd']

/** A deck of four cards studied over a month: Good, Good, then Again or Good. */
async function studied() {
  const store = await collectionWith(
    deck(
      'd',
      ids.map((id) => fact({ id })),
    ),
  )
  for (const [i, id] of ids.entries()) {
    const card = questionCard('d', id)
    await answer(store, card, 3, t0)
    await answer(store, card, 3, new Date(t0.getTime() + 10 * 60_000))
    await answer(store, card, 3, new Date(t0.getTime() + 3 * DAY))
    await answer(store, card, i % 2 ? 1 : 3, new Date(t0.getTime() + 20 * DAY))
  }
  return store
}

const cardsOf = async (store: Awaited<ReturnType<typeof studied>>) =>
  (await store.getCards(ids.map((id) => questionCard('d', id)))) as CardRow[]

describe('rescheduling a preset’s cards from their logs', () => {
  it('changes nothing when the preset is unchanged: the replay is the live answers', async () => {
    const store = await studied()
    const before = await cardsOf(store)
    const preset = await presetOf(store, await store.getDeck('d'), settings)
    expect(await updatePreset(store, preset, { reschedule: true, settings })).toBe(4)
    const after = await cardsOf(store)
    after.forEach((c, i) => {
      const b = before[i] as CardRow
      expect(c.due).toBe(b.due)
      expect(c.stability).toBeCloseTo(b.stability, 10)
      expect(c.difficulty).toBeCloseTo(b.difficulty, 10)
      expect([c.reps, c.lapses, c.state]).toEqual([b.reps, b.lapses, b.state])
    })
  })

  it('takes a lower desired retention as longer intervals, the same memory', async () => {
    const store = await studied()
    const before = await cardsOf(store)
    const preset = await presetOf(store, await store.getDeck('d'), settings)
    await updatePreset(store, { ...preset, desiredRetention: 0.75 }, { reschedule: true, settings })
    const after = await cardsOf(store)
    // The Default preset's scheduling is stored, its limits still Settings'.
    const saved = await presetOf(store, undefined, settings)
    expect(saved?.desiredRetention).toBe(0.75)
    expect(saved?.newPerDay).toBe(settings.newPerDay)
    for (const [i, c] of after.entries()) {
      const b = before[i] as CardRow
      expect(c.stability).toBeCloseTo(b.stability, 10)
      if (b.state === CardState.Review) expect(c.due).toBeGreaterThan(b.due)
      expect(c.revision).toBe(b.revision + 1)
    }
  })

  it('takes new FSRS parameters as a new memory, and keeps suspended cards suspended', async () => {
    const store = await studied()
    const suspended = questionCard('d', 'a')
    await changeCards(store, [suspended], { kind: 'suspend' })
    const before = await cardsOf(store)
    const preset = await presetOf(store, await store.getDeck('d'), settings)
    const weights = [...default_w]
    weights[2] = (weights[2] as number) * 3 // a Good first answer makes a much stronger memory
    await updatePreset(store, withParameters(preset, weights), { reschedule: true, settings })
    const after = await cardsOf(store)
    expect((await presetOf(store, await store.getDeck('d'), settings)).weights).toEqual(weights)
    expect(after.map((c) => c.stability)).not.toEqual(before.map((c) => c.stability))
    expect(after[0]?.queue).toBe(Queue.Suspended)
  })

  it('leaves alone cards never studied and cards whose history is not all here', async () => {
    const store = await studied()
    const [a] = await cardsOf(store)
    // As an imported card whose earlier reviews were not in the package.
    await store.putCard({ ...(a as CardRow), reps: 9 })
    const preset = await presetOf(store, await store.getDeck('d'), settings)
    expect(
      await updatePreset(
        store,
        { ...preset, desiredRetention: 0.8 },
        { reschedule: true, settings },
      ),
    ).toBe(3)
    expect((await store.getCard(questionCard('d', 'a')))?.due).toBe(a?.due)
  })

  it('refuses bad parameters by field and writes nothing', async () => {
    const store = await studied()
    const before = await cardsOf(store)
    const preset = await presetOf(store, await store.getDeck('d'), settings)
    await expect(
      updatePreset(store, withParameters(preset, [1, 2, 3]), { reschedule: true, settings }),
    ).rejects.toThrow(new EditError('weights: FSRS-6 has 21 parameters'))
    const bad = [...default_w]
    bad[4] = Number.NaN
    await expect(
      updatePreset(store, withParameters(preset, bad), { reschedule: true, settings }),
    ).rejects.toThrow(EditError)
    expect(await cardsOf(store)).toEqual(before)
    expect((await listPresets(store, settings))[0]?.weights).toBeUndefined()
  })
})

describe('optimizing on the history of a preset', () => {
  it('reads the preset’s history as training items, a card’s later-day reviews each', async () => {
    const store = await studied()
    const { reviews, items } = await presetHistory(store, DEFAULT_PRESET_ID, settings)
    expect(reviews).toBe(16)
    // Per card: the reviews on day 3 and day 20 come on a later day than the one before.
    expect(items).toHaveLength(8)
    expect(items[1]?.map((r) => r.deltaT)).toEqual([0, 0, 3, 17])
    expect(await presetHistory(store, 'no-such-preset', settings)).toEqual({
      reviews: 0,
      items: [],
    })
  })

  it('says plainly when there is too little history, before training', async () => {
    let trained = false
    const train: Trainer = () => {
      trained = true
      return Promise.resolve([...default_w])
    }
    const items = Array.from({ length: MIN_ITEMS - 1 }, () => [
      { rating: 3, deltaT: 0 },
      { rating: 3, deltaT: 2 },
    ])
    await expect(optimizeOn(items, train)).rejects.toThrow(TooLittleHistory)
    expect(trained).toBe(false)
  })

  it('scores the parameters in use and the result alike, and calls worse not better', async () => {
    // A history where every card is recalled: a model that forgets fast fits it worse.
    const items = Array.from({ length: MIN_ITEMS }, (_, i) => [
      { rating: 3, deltaT: 0 },
      { rating: 3, deltaT: 1 + (i % 5) },
      { rating: 3, deltaT: 5 + (i % 7) },
    ])
    const forgetful = default_w.map((w, i) => (i < 4 ? w / 20 : w))
    const report = await optimizeOn(items, () => Promise.resolve(forgetful))
    expect(report.parameters).toEqual(forgetful)
    expect(report.current).toEqual(report.defaults)
    expect(report.optimized.logLoss).toBeGreaterThan(report.current.logLoss)
    expect(report.better).toBe(false)
    const back = await optimizeOn(items, () => Promise.resolve([...default_w]), forgetful)
    expect(back.current).toEqual(report.optimized)
    expect(back.better).toBe(true)
  })
})
