import { Scheduler, type SchedulerOptions } from '../core/scheduling/scheduler'
import { isStudiable, sectionPathOf, type DeckRow } from './collection'
import { deckCards } from './card-digests'
import { deckAndChildren } from './deck-tree'
import { EditError } from './editing'
import { presetOf, schedulerOptionsOf, type IncomingRows, type Preset } from './presets'
import { settingsOfRows, type Settings } from './settings'
import { studyDayAt } from './study-queue'
import type { Collection } from './collection-writes'

/** The exam day's moment recall is projected to: noon, local time, on that date. */
export function examMoment(examDate: string): Date {
  const [y, m, d] = examDate.split('-').map(Number)
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1, 12)
}

/** Whole study days from today until the exam day (0 on the day itself; negative after it). */
export function daysUntilExam(examDate: string, settings: Settings, now: Date): number {
  return studyDayAt(settings, examMoment(examDate)).index - studyDayAt(settings, now).index
}

/**
 * The scheduler options a deck studies with: its preset's, days counted as the user's study
 * days (rollover hour, this machine's clock), and with an exam date and the cap on, the exam
 * date, by whose study day the scheduler ends every interval.
 */
export function schedulerOptionsFor(
  preset: Preset,
  deck: Pick<DeckRow, 'examDate' | 'examCap'> | undefined,
  settings: Settings,
): Partial<SchedulerOptions> {
  const options = {
    ...schedulerOptionsOf(preset),
    dayRule: { rolloverHour: settings.rolloverHour },
  }
  // The scheduler works the cap out at each answer (days left, due by the exam's morning).
  return deck?.examDate && deck.examCap ? { ...options, examDate: deck.examDate } : options
}

/** Sets or clears a deck's exam date and cap. */
export function setExamDate(
  store: Collection,
  deckId: string,
  examDate: string | null,
  cap: boolean,
) {
  return store.transaction(async () => {
    const deck = await store.getDeck(deckId)
    if (!deck) throw new EditError('That deck no longer exists.')
    if (examDate !== null && !/^\d{4}-\d{2}-\d{2}$/.test(examDate))
      throw new EditError('An exam date looks like 2027-03-15.')
    const row: DeckRow = { ...deck }
    if (examDate === null) {
      delete row.examDate
      delete row.examCap
    } else {
      row.examDate = examDate
      row.examCap = cap
    }
    await store.putDeck(row)
  }, ['decks'])
}

/** What the plan for a deck's exam says: days left, new cards a day to finish, recall on the day. */
export interface ExamPlan {
  examDate: string
  daysLeft: number
  cap: boolean
  newLeft: number
  /** New cards to introduce each day, from today, to have seen every card by the exam. */
  newPerDay: number
  /** Mean recall on the exam day if nothing more were studied (new cards count 0). */
  expectedRecall: number
  sections: { path: string[]; cards: number; expectedRecall: number }[]
}

/**
 * A deck's exam plan: every card's FSRS retrievability projected to the exam day (as if not
 * reviewed again, so it is the floor the plan starts from), per top-level section and overall,
 * and the new cards a day that see the whole deck before the day. Null without an exam date.
 */
export function examPlan(store: Collection, deckId: string, settings: Settings, now: Date) {
  return store.read(async (): Promise<ExamPlan | null> => {
    const decks = await store.listDecks()
    const deck = decks.find((d) => d.id === deckId)
    if (!deck?.examDate) return null
    const preset = await presetOf(store, deck, settings)
    const memory = new Scheduler(schedulerOptionsOf(preset))
    const at = examMoment(deck.examDate)
    // The digests the Sections screen beside it reads too (the card rows while there are none).
    const cards = (
      await Promise.all(deckAndChildren(decks, deckId).map((d) => deckCards(store, d.id)))
    )
      .flat()
      .filter(isStudiable)
    const recall = (c: (typeof cards)[number]) =>
      memory.recall(c.state, c.stability, c.lastReview, at.getTime())
    const bySection = new Map<string, { path: string[]; cards: number; sum: number }>()
    let sum = 0
    for (const c of cards) {
      const r = recall(c)
      sum += r
      const top = sectionPathOf(c.sectionKey).slice(0, 1)
      const key = top.join('')
      const row = bySection.get(key) ?? { path: top, cards: 0, sum: 0 }
      row.cards++
      row.sum += r
      bySection.set(key, row)
    }
    const daysLeft = daysUntilExam(deck.examDate, settings, now)
    const newLeft = cards.filter((c) => c.state === 0).length
    return {
      examDate: deck.examDate,
      daysLeft,
      cap: deck.examCap === true,
      newLeft,
      newPerDay: daysLeft > 0 ? Math.ceil(newLeft / daysLeft) : newLeft,
      expectedRecall: cards.length ? sum / cards.length : 0,
      sections: [...bySection.values()]
        .filter((s) => s.path.length > 0)
        .map((s) => ({ path: s.path, cards: s.cards, expectedRecall: s.sum / s.cards })),
    }
  })
}

/**
 * The scheduler a deck's cards are answered with: its preset's options and, with an exam date
 * and its cap, intervals that end by the exam (worked out at each answer, so the same
 * scheduler serves any day). The study session and sync (which replays answers from other
 * devices) take it from here.
 */
export async function deckScheduler(
  store: Collection,
  deckId: string,
  settings: Settings,
  incoming?: IncomingRows,
): Promise<{ preset: Preset; scheduler: Scheduler }> {
  const deck = incoming?.decks.get(deckId) ?? (await store.getDeck(deckId))
  const preset = await presetOf(store, deck, settings, incoming)
  return { preset, scheduler: new Scheduler(schedulerOptionsFor(preset, deck, settings)) }
}

/**
 * What sync replays a deck's answers with: `deckScheduler` over the settings as they are stored
 * at the call (an earlier batch of the same sync may have changed them), or as the batch being
 * applied brings them (a new rollover hour arrives with the answers given under it).
 */
export function replayScheduler(store: Collection) {
  return async (deckId: string, incoming?: IncomingRows): Promise<Scheduler> => {
    const rows = await store.listSettings()
    const { settings } = settingsOfRows([...rows, ...(incoming?.settings.values() ?? [])])
    return (await deckScheduler(store, deckId, settings, incoming)).scheduler
  }
}
