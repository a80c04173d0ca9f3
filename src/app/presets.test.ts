import { describe, expect, it } from 'vitest'
import { Scheduler } from '../core/scheduling/scheduler'
import { deck, fact } from '../core/testing/factories'
import {
  DEFAULT_PRESET_ID,
  defaultPreset,
  listPresets,
  presetIn,
  presetLabel,
  presetOf,
  schedulerOptionsOf,
  setDeckPreset,
} from './presets'
import { studyQueue } from './study-queue'
import { collectionWith, settings, t0 } from './testing'
import { updatePreset } from './optimize'
import type { Collection } from './collection-writes'
import type { Preset } from './presets'

const DAY = 86_400_000
const acronyms = deck(
  'd',
  Array.from({ length: 10 }, (_, i) =>
    fact({ id: `f${i}`, kind: 'acronym', acronym: { short: `A${i}`, long: `Long ${i}` } }),
  ),
)
/** Saves a preset as the Options screen does, without rescheduling. */
const savePreset = (store: Collection, preset: Preset) =>
  updatePreset(store, preset, { reschedule: false, settings })

const exam = { ...defaultPreset(settings), id: 'exam', name: 'Exam cram' }

describe('presets', () => {
  it('the Default preset takes the limits and leech rule from Settings', async () => {
    const store = await collectionWith(acronyms)
    const p = await presetOf(store, await store.getDeck('d'), { ...settings, newPerDay: 3 })
    expect(p).toMatchObject({ id: DEFAULT_PRESET_ID, newPerDay: 3, leechThreshold: 8 })
  })

  it('a deck given a preset studies with its limits and its sibling rule', async () => {
    const store = await collectionWith(acronyms)
    await savePreset(store, { ...exam, newPerDay: 4, burySiblings: false })
    await setDeckPreset(store, 'd', 'exam')
    const q = await studyQueue(store, { deckId: 'd', section: null }, settings, t0)
    // Four new cards, siblings not buried: a fact's reverse card comes right after its first.
    expect(q.order).toEqual(['d/f0#0', 'd/f0#2', 'd/f1#0', 'd/f1#2'])
    expect((await listPresets(store, settings)).map((p) => p.name)).toEqual([
      'Default',
      'Exam cram',
    ])
    await setDeckPreset(store, 'd', DEFAULT_PRESET_ID)
    expect((await store.getDeck('d'))?.presetId).toBeUndefined()
  })

  it('picks a deck’s preset from the list as presetOf reads it, the Default’s when it is gone', async () => {
    const store = await collectionWith(acronyms)
    await savePreset(store, exam)
    const list = await listPresets(store, settings)
    for (const presetId of [undefined, DEFAULT_PRESET_ID, 'exam', 'deleted-since'])
      expect(presetIn(list, { presetId }).id, String(presetId)).toBe(
        (await presetOf(store, { presetId }, settings)).id,
      )
    expect(presetIn(list, { presetId: 'deleted-since' }).id).toBe(DEFAULT_PRESET_ID)
  })

  it('refuses a preset with a field out of range, naming the field', async () => {
    const store = await collectionWith(acronyms)
    await expect(savePreset(store, { ...exam, desiredRetention: 0.5 })).rejects.toThrow(
      /^desiredRetention: /,
    )
    await expect(savePreset(store, { ...exam, learningSteps: ['10 minutes'] })).rejects.toThrow(
      /learningSteps\.0: a step is a number and a unit/,
    )
  })

  it('keeps the Default preset’s scheduling as saved, its limits and leech rule from Settings', async () => {
    const store = await collectionWith(acronyms)
    await savePreset(store, {
      ...defaultPreset(settings),
      name: 'Renamed',
      desiredRetention: 0.85,
      newPerDay: 999,
      learningSteps: ['5m'],
    })
    const limits = { ...settings, newPerDay: 7 }
    const [saved] = await listPresets(store, limits)
    expect(saved).toMatchObject({
      id: DEFAULT_PRESET_ID,
      name: 'Default',
      desiredRetention: 0.85,
      learningSteps: ['5m'],
      newPerDay: 7,
    })
    expect(await presetOf(store, await store.getDeck('d'), limits)).toEqual(saved)
  })

  it('a higher desired retention schedules shorter intervals', () => {
    const card = (retention: number) => {
      const s = new Scheduler({
        ...schedulerOptionsOf({ ...exam, desiredRetention: retention }),
        fuzz: false,
      })
      let state = s.newState(t0)
      state = s.review(state, 4, t0, 'x').state
      return (state.due.getTime() - t0.getTime()) / DAY
    }
    expect(card(0.95)).toBeLessThan(card(0.85))
  })
})

describe('preset names in a list', () => {
  const ours = defaultPreset(settings)
  const anki = { ...ours, id: 'anki-1', name: 'Default' }
  const mine = { ...ours, id: 'p-1', name: 'Treaties' }

  it("tells an Anki collection's own Default from ours, and leaves other names alone", () => {
    const all = [ours, anki, mine]
    expect(all.map((p) => presetLabel(p, all))).toEqual([
      'Default',
      'Default (from Anki)',
      'Treaties',
    ])
  })

  it('numbers namesakes that are not one Anki preset beside others', () => {
    const twin = { ...mine, id: 'p-2', name: 'treaties ' }
    const all = [ours, mine, twin]
    expect(all.map((p) => presetLabel(p, all))).toEqual([
      'Default',
      'Treaties (1)',
      'treaties  (2)',
    ])
  })
})
