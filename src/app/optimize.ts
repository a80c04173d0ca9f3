import { groupBy } from '../core/group-by'
import { replayAnswers, type PastAnswer } from '../core/scheduling/replay'
import { CardState, Scheduler, type Grade } from '../core/scheduling/scheduler'
import { toStoredState } from '../core/scheduling/stored-state'
import { evaluateParameters } from '../core/stats/evaluate-parameters'
import { fsrsItems, type FsrsReview, type HistoryEntry } from '../core/stats/fsrs-items'
import { Queue, queueOf, type CardRow, type DeckRow } from './collection'
import { cardsOfDecks } from './deck-cards'
import { schedulerOptionsFor } from './exam-plan'
import { EditError } from './editing'
import { DEFAULT_PRESET_ID, checkedPreset, deckWithPreset, type Preset } from './presets'
import type { Settings } from './settings'
import { dayIndexer } from './study-queue'
import type { Collection } from './collection-writes'

/**
 * Trains FSRS parameters on review histories: the FSRS project's optimizer (fsrs-rs), which
 * each host reaches its own way (the Node binding on the command line, fsrs-browser's WASM in
 * the app's worker). `progress` gets the fraction done, when the trainer can tell.
 */
export type Trainer = (
  items: readonly FsrsReview[][],
  progress?: (fraction: number) => void,
) => Promise<number[]>

/** How well a parameter set predicts the history it is scored on (lower is better). */
export interface Fit {
  logLoss: number
  rmse: number
}

/** What the optimizer found, beside the defaults and the parameters in use. */
export interface OptimizeReport {
  /** Reviews on a later day than the one before: what the optimizer trains on. */
  items: number
  parameters: number[]
  defaults: Fit
  current: Fit
  optimized: Fit
  /**
   * Whether the optimized parameters predict the history better than the ones in use: a lower
   * log loss, and calibration (RMSE) no worse. A short history can buy a lower loss with a
   * worse calibration; then the parameters in use are kept.
   */
  better: boolean
}

/** Fewer training items than this, and the optimizer says there is too little history. */
export const MIN_ITEMS = 400

/** Thrown when a history is too short to optimize on; the message says how short. */
export class TooLittleHistory extends Error {}

/**
 * Optimizes FSRS parameters on a history with `train`, then scores the defaults, the
 * parameters in use (`current`, the defaults when absent) and the result the same way (ts-fsrs's
 * memory model, core/stats/evaluate-parameters), so the caller applies only what is better.
 */
export async function optimizeOn(
  items: readonly FsrsReview[][],
  train: Trainer,
  current?: readonly number[],
  progress?: (fraction: number) => void,
): Promise<OptimizeReport> {
  if (items.length < MIN_ITEMS)
    throw new TooLittleHistory(
      `too little history to optimize: ${items.length} reviews on a later day than the one before (at least ${MIN_ITEMS} are needed)`,
    )
  const parameters = (await train(items, progress)).map(Number)
  const fit = (w?: readonly number[]): Fit => {
    const { logLoss, rmse } = evaluateParameters(items, w)
    return { logLoss, rmse }
  }
  const defaults = fit()
  const inUse = current ? fit(current) : defaults
  const optimized = fit(parameters)
  return {
    items: items.length,
    parameters,
    defaults,
    current: inUse,
    optimized,
    better: optimized.logLoss < inUse.logLoss && optimized.rmse <= inUse.rmse,
  }
}

/** The decks (not in the trash) that study with a preset. */
function decksOfPreset(decks: readonly DeckRow[], presetId: string) {
  return decks.filter(
    (d) => d.deletedAt === undefined && (d.presetId ?? DEFAULT_PRESET_ID) === presetId,
  )
}

/**
 * The cards of a preset's decks (and of `alsoDeckId`, a deck about to use it), with every
 * review log of each, oldest first.
 */
async function presetCards(store: Collection, presetId: string, alsoDeckId?: string) {
  const all = await store.listDecks()
  const decks = decksOfPreset(all, presetId)
  const also = all.find((d) => d.id === alsoDeckId && !decks.includes(d))
  if (also) decks.push(also)
  const cards = await cardsOfDecks(store, decks)
  const ids = new Set(cards.map((c) => c.id))
  const logs = groupBy(
    (await store.logsSince(0)).filter((l) => ids.has(l.cardId)),
    (l) => l.cardId,
  )
  return { decks, cards, logs }
}

/**
 * The review history of a preset's cards (and of `alsoDeckId`'s) as the optimizer trains on it
 * (one snapshot), and the number of reviews it holds.
 */
export function presetHistory(
  store: Collection,
  presetId: string,
  settings: Settings,
  alsoDeckId?: string,
) {
  return store.read(async () => {
    const { logs } = await presetCards(store, presetId, alsoDeckId)
    const history: HistoryEntry[] = []
    for (const [cardId, rows] of logs)
      for (const l of rows) history.push({ cardId, at: l.review, rating: l.rating })
    return {
      reviews: history.length,
      items: fsrsItems(history, dayIndexer({ rolloverHour: settings.rolloverHour })),
    }
  })
}

/**
 * Reschedules the cards of a preset's decks from their review logs with `preset` (FSRS
 * parameters, desired retention, maximum interval, an exam cap): each card's history since it
 * was last made new is replayed with the same `review` and fuzz seeds a live answer uses, and
 * the card takes the memory and due time that replay ends with. Cards never studied, and cards
 * whose history is not all here (imported without it), keep their schedule; suspended and
 * buried cards stay so. Runs inside the caller's transaction; returns how many cards changed.
 */
async function rescheduleCards(store: Collection, preset: Preset, settings: Settings) {
  const { decks, cards, logs } = await presetCards(store, preset.id)
  const schedulers = new Map(
    decks.map((d) => [d.id, new Scheduler(schedulerOptionsFor(preset, d, settings))]),
  )
  const changed: CardRow[] = []
  for (const card of cards) {
    const scheduler = schedulers.get(card.deckId)
    const answers = (logs.get(card.id) ?? [])
      .filter((l) => l.rating >= 1 && l.rating <= 4)
      .slice(-card.reps)
    const first = answers[0]
    if (!scheduler || card.state === CardState.New || !first || answers.length < card.reps) continue
    const past: PastAnswer[] = answers.map((l) => ({
      at: new Date(l.review),
      grade: l.rating as Grade,
      ...(l.zone ? { zone: l.zone } : {}),
    }))
    const { state } = replayAnswers(scheduler, card.id, new Date(first.review), past)
    const kept = card.queue === Queue.Suspended || card.queue === Queue.Buried
    changed.push({
      ...card,
      ...toStoredState(state),
      queue: kept ? card.queue : queueOf(state.state),
      revision: card.revision + 1,
    })
  }
  await store.putCards(changed)
  return changed.length
}

/**
 * Saves a preset (checked field by field), gives it to `deckId` if set, and when `reschedule`
 * is set, reschedules its decks' cards from their logs with it, in one transaction: a new
 * desired retention or new FSRS parameters take effect on every card at once, or nothing
 * changes. Returns how many cards were rescheduled.
 */
export function updatePreset(
  store: Collection,
  preset: Preset,
  options: { reschedule: boolean; settings: Settings; deckId?: string },
): Promise<number> {
  // The check runs inside the transaction: a bad field rejects like any other failure.
  return store.transaction(async () => {
    const bound = store.bound()
    const checked = checkedPreset(preset)
    await store.putPreset(checked)
    if (options.deckId) {
      const deck = await store.getDeck(options.deckId)
      if (!deck) throw new EditError('That deck no longer exists.')
      await store.putDeck(deckWithPreset(deck, checked.id))
    }
    // Only the preset's scheduling is read; the Default's limits (Settings') do not matter here.
    return options.reschedule ? rescheduleCards(bound, checked, options.settings) : 0
  }, ['decks', 'presets', 'cards', 'revlog'])
}

/** The preset with new FSRS parameters, or FSRS's defaults when `weights` is absent. */
export function withParameters(preset: Preset, weights: readonly number[] | undefined): Preset {
  const { weights: _old, ...rest } = preset
  return weights ? { ...rest, weights: [...weights] } : rest
}
