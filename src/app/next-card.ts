import { formatInterval } from '../core/scheduling/format-interval'
import { fuzzSeed, type Grade, type Scheduler } from '../core/scheduling/scheduler'
import { fromStoredState } from '../core/scheduling/stored-state'
import type { QueueCounts } from '../core/study/review-queue'
import { cardView, type CardView } from './card-view'
import { isStudiable } from './collection'
import type { Collection } from './collection-writes'
import type { Preset } from './presets'
import type { Settings } from './settings'
import { studyQueue, type KeptQueue, type StudyScope, type TodaysLog } from './study-queue'

/** What the study screen shows next: the queue's counts, and the card with its four labels. */
export interface NextCard {
  counts: QueueCounts
  /** A section session showing new cards beyond the deck's daily limit (said on screen). */
  pastDeckLimit: boolean
  /** New cards the deck's daily limit still allows today. */
  deckNewLeft: number
  /**
   * The deck's index reads behind this card (for a deck studied whole): pass it to the next
   * call, which brings it forward instead of reading them again.
   */
  kept: KeptQueue | null
  /** When something is next available once nothing is left (epoch ms), and the day's end. */
  nextAt: number | null
  dayEnd: number
  /** The card to show, or null when the session is done. */
  view: CardView | null
  /** When the card would come back for each grade ("1m", "10m", "3d"…), as the buttons say. */
  intervals: Record<Grade, string> | null
}

/**
 * The next card of a study session, in one read: the queue's counts, the card's faces and the
 * four interval labels (Anki's `get_queued_cards` with `describe_next_states`), so the screen,
 * the command line and a test drive a session the same way. `preferId`: a card to show again
 * (undone, or just edited) unless it left the queue. `logs`: today's log when the caller keeps
 * it (read here otherwise); `scheduler`: the one the deck's preset makes; `kept`: what the
 * previous next card read of the deck's index.
 */
export function nextCard(
  store: Collection,
  scheduler: Scheduler,
  input: {
    scope: StudyScope
    settings: Settings
    now: Date
    logs?: ReadonlyMap<string, TodaysLog>
    preset?: Preset
    preferId?: string
    /** The `kept` of the session's previous next card, if any. */
    kept?: KeptQueue | null
  },
): Promise<NextCard> {
  const { scope, settings, now } = input
  return store.read(async () => {
    const queue = await studyQueue(
      store,
      scope,
      settings,
      now,
      input.logs,
      input.preset,
      input.kept ?? undefined,
    )
    const preferred = input.preferId ? await cardView(store, input.preferId) : null
    const first = queue.order[0]
    const view =
      preferred && isStudiable(preferred.card)
        ? preferred
        : first
          ? await cardView(store, first)
          : null
    const due =
      view &&
      scheduler.preview(fromStoredState(view.card), now, fuzzSeed(view.card.id, view.card.reps))
    return {
      counts: queue.counts,
      pastDeckLimit: queue.pastDeckLimit,
      deckNewLeft: queue.deckNewLeft,
      kept: queue.kept,
      nextAt: queue.nextAt,
      dayEnd: queue.day.end.getTime(),
      view,
      intervals: due
        ? {
            1: formatInterval(now, due[1]),
            2: formatInterval(now, due[2]),
            3: formatInterval(now, due[3]),
            4: formatInterval(now, due[4]),
          }
        : null,
    }
  })
}
