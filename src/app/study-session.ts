import type { Scheduler } from '../core/scheduling/scheduler'
import type { AnswerReceipt } from './answer'
import type { Collection } from './collection-writes'
import { deckScheduler } from './exam-plan'
import { nextCard, type NextCard } from './next-card'
import type { Preset } from './presets'
import type { Settings } from './settings'
import {
  studyDayAt,
  todaysLogs,
  withAnswer,
  type KeptQueue,
  type StudyScope,
  type TodaysLog,
} from './study-queue'

/**
 * What a study session keeps from one card to the next, as Anki keeps its queues: the deck's
 * preset and the scheduler made from it, read once; today's log, read once a study day and
 * then kept current from each answer; and what the last next card read of the deck's index
 * (`KeptQueue`), brought forward by the next. The study screen and the benchmark drive their
 * sessions through one, so the next card needs only the queue's reads.
 */
export class StudySession {
  #options: Promise<{ preset: Preset; scheduler: Scheduler }> | null = null
  #logs: { day: number; byDeck: ReadonlyMap<string, TodaysLog> } | null = null
  #kept: KeptQueue | null = null

  constructor(
    private readonly store: Collection,
    readonly scope: StudyScope,
    private readonly settings: Settings,
  ) {}

  /** The deck's preset and its scheduler (an exam date caps its intervals), read once. */
  options(): Promise<{ preset: Preset; scheduler: Scheduler }> {
    this.#options ??= deckScheduler(this.store, this.scope.deckId, this.settings).catch(
      (e: unknown) => {
        // Read again next time rather than fail every card after one failed read.
        this.#options = null
        throw e
      },
    )
    return this.#options
  }

  /** The next card at `now` (`preferId`: a card to show again unless it left the queue). */
  async next(now: Date, preferId?: string): Promise<NextCard> {
    const { preset, scheduler } = await this.options()
    const day = studyDayAt(this.settings, now)
    if (this.#logs?.day !== day.index)
      this.#logs = { day: day.index, byDeck: await todaysLogs(this.store, day) }
    const next = await nextCard(this.store, scheduler, {
      scope: this.scope,
      settings: this.settings,
      now,
      logs: this.#logs.byDeck,
      preset,
      kept: this.#kept,
      ...(preferId ? { preferId } : {}),
    })
    this.#kept = next.kept
    return next
  }

  /** An answer given in this session: today's log takes it in without a read. */
  answered(receipt: AnswerReceipt): void {
    if (this.#logs)
      this.#logs = { ...this.#logs, byDeck: withAnswer(this.#logs.byDeck, receipt.before) }
  }

  /** Today's log is read again at the next card: after an undo, or a write that failed. */
  forgetLog(): void {
    this.#logs = null
  }
}
