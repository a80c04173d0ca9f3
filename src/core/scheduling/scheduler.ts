import {
  Rating,
  State,
  StrategyMode,
  createEmptyCard,
  default_w,
  fsrs,
  generatorParameters,
  type Card as FsrsCard,
  type FSRS,
  type FSRSParameters,
  type Grade as FsrsGrade,
  type StepUnit,
  type ReviewLog as FsrsReviewLog,
} from 'ts-fsrs'
import { dayShift, type DayRule } from '../study/day-boundary'
import { hostZone, isTimeZone } from '../study/time-zone'
import { DAY_MS } from '../units'

/** A card's scheduling state, exactly as ts-fsrs models it (FSRS-6). */
export type SchedulingState = FsrsCard
/** One review as ts-fsrs records it; enough to roll the review back. */
export type ReviewRecord = FsrsReviewLog
export { State as CardState, Rating }

/** The four answer buttons, 1 = Again … 4 = Easy (Anki's and FSRS's numbering). */
export type Grade = 1 | 2 | 3 | 4
export const GRADES: readonly Grade[] = [1, 2, 3, 4]
export const GRADE_NAMES: Record<Grade, string> = { 1: 'Again', 2: 'Hard', 3: 'Good', 4: 'Easy' }

export interface SchedulerOptions {
  /** Off only in tests that compare with published vectors. */
  fuzz: boolean
  requestRetention: number
  maximumIntervalDays: number
  /** Learning and relearning steps in ts-fsrs's units ("1m", "10m", "1h", "1d"). */
  learningSteps: readonly string[]
  relearningSteps: readonly string[]
  /**
   * No next review after this time (epoch ms): an exam day. ts-fsrs keeps Easy's interval above
   * Good's even past `maximumIntervalDays`, so the cap is applied to the due time itself.
   */
  latestDue?: number
  /**
   * FSRS's model parameters (FSRS-6: 21 numbers; older 17- or 19-number sets are migrated by
   * ts-fsrs). Absent: FSRS's defaults.
   */
  weights?: readonly number[]
  /**
   * Where the user's study days begin (rollover hour, time zone). ts-fsrs counts the days since
   * a card's last review by UTC dates; with a rule, every time it is given is moved so that its
   * UTC date is its study day, so it counts study days, as Anki does. Absent: UTC dates.
   */
  dayRule?: DayRule
}

export const DEFAULT_SCHEDULER_OPTIONS: SchedulerOptions = {
  fuzz: true,
  requestRetention: 0.9,
  maximumIntervalDays: 36500,
  learningSteps: ['1m', '10m'],
  relearningSteps: ['10m'],
}

/** The most stability (days) a card can have: FSRS's and Anki's 100-year cap. */
export const MAX_STABILITY = 36_500

/** How many parameters FSRS-6 has (the optimizer's output, a preset's `weights`). */
export const FSRS_PARAMETER_COUNT = default_w.length

/** The forgetting curve's decay of a set of FSRS-6 parameters (its last, w20), or the default's. */
export const decayOf = (weights?: readonly number[]) => weights?.[20] ?? (default_w[20] as number)

/** A step as ts-fsrs reads it: a number and a unit (seconds, minutes, hours, days). */
export const STEP = /^\d+(?:\.\d+)?[smhd]$/

// The seed travels on the card object because ts-fsrs reads it there (`this.current`).
const SEED_FIELD = '__attacheSeed'

/** The fuzz seed for one review of one card: stable, so a replay gives the same interval. */
export function fuzzSeed(cardId: string, reps: number): string {
  return `${cardId}#${reps}`
}

/** A scheduler bound to options; every call takes `now` and the seed as arguments. */

export class Scheduler {
  private readonly engine: FSRS
  private readonly latestDue: number | undefined
  private readonly dayRule: DayRule | undefined
  private readonly dayShift: ((ms: number) => number) | undefined
  /** Day shifts of other time zones this scheduler has replayed answers in, by zone. */
  private readonly zoneShifts = new Map<string, (ms: number) => number>()

  constructor(options: Partial<SchedulerOptions> = {}) {
    const o = { ...DEFAULT_SCHEDULER_OPTIONS, ...options }
    this.latestDue = o.latestDue
    this.dayRule = o.dayRule
    this.dayShift = o.dayRule && dayShift(o.dayRule)
    const params: FSRSParameters = generatorParameters({
      enable_fuzz: o.fuzz,
      request_retention: o.requestRetention,
      maximum_interval: o.maximumIntervalDays,
      learning_steps: o.learningSteps.filter((x) => STEP.test(x)) as StepUnit[],
      relearning_steps: o.relearningSteps.filter((x) => STEP.test(x)) as StepUnit[],
      ...(o.weights ? { w: [...o.weights] } : {}),
    })
    this.engine = fsrs(params).useStrategy(StrategyMode.SEED, function seedFromCard() {
      return String(Reflect.get(this['current'], SEED_FIELD) ?? '')
    })
  }

  /** A card never studied, created at `now`. */
  newState(now: Date): SchedulingState {
    return createEmptyCard(now)
  }

  /**
   * The time zone this scheduler counts study days in (this machine's when its rule names
   * none), recorded with each answer so that a device elsewhere replays it as it was made.
   * Undefined when days are counted in a fixed UTC offset or in UTC.
   */
  get zone(): string | undefined {
    const rule = this.dayRule
    if (!rule || rule.utcOffsetMinutes !== undefined) return undefined
    return rule.timeZone || hostZone()
  }

  /**
   * The state and log that answering `grade` at `now` would produce. `zone`: the time zone the
   * answer was given in, when replaying one made on another device (its days are counted
   * there, with this scheduler's rollover hour); a zone this runtime does not know counts here.
   */
  review(
    state: SchedulingState,
    grade: Grade,
    now: Date,
    seed: string,
    zone?: string,
  ): { state: SchedulingState; log: ReviewRecord } {
    const { input, at, back } = this.onStudyDays(state, now, this.shiftIn(zone))
    const { card, log } = this.engine.next(withSeed(input, seed), at, grade as FsrsGrade)
    if (!back) return { state: this.capped(pickState(card), now), log }
    // Back on the clock: due times move by the same amount as `now` did, so an interval of
    // minutes stays one; the log's times are the real ones.
    const next = { ...pickState(card), due: back(card.due), last_review: now }
    return {
      state: this.capped(next, now),
      log: { ...log, review: now, due: state.last_review ?? state.due },
    }
  }

  /**
   * The card and the time as ts-fsrs is given them: moved so that UTC dates are study days
   * when the scheduler has a day rule, and `back`, which moves its results back.
   */
  private onStudyDays(state: SchedulingState, now: Date, shift = this.dayShift) {
    if (!shift) return { input: state, at: now, back: undefined }
    const moved = (d: Date) => new Date(d.getTime() + shift(d.getTime()))
    const input = { ...pickState(state), due: moved(state.due) }
    if (state.last_review) input.last_review = moved(state.last_review)
    const by = shift(now.getTime())
    return {
      input,
      at: new Date(now.getTime() + by),
      back: (d: Date) => new Date(d.getTime() - by),
    }
  }

  /** The day shift of answers given in `zone`: this scheduler's own unless it is another, known zone. */
  private shiftIn(zone: string | undefined) {
    const rule = this.dayRule
    if (!zone || !rule || rule.utcOffsetMinutes !== undefined || zone === this.zone)
      return this.dayShift
    let shift = this.zoneShifts.get(zone)
    if (!shift) {
      shift = isTimeZone(zone)
        ? dayShift({ rolloverHour: rule.rolloverHour, timeZone: zone })
        : (this.dayShift as (ms: number) => number)
      this.zoneShifts.set(zone, shift)
    }
    return shift
  }

  /** The state with its due time no later than `latestDue` (and never before `now`). */
  private capped(state: SchedulingState, now: Date): SchedulingState {
    if (this.latestDue === undefined || state.due.getTime() <= this.latestDue) return state
    const due = new Date(Math.max(now.getTime(), this.latestDue))
    const days = Math.max(0, Math.floor((due.getTime() - now.getTime()) / DAY_MS))
    return { ...state, due, scheduled_days: Math.min(state.scheduled_days, days) }
  }

  /** When the card would next be due for each grade (for the buttons' labels). */
  preview(state: SchedulingState, now: Date, seed: string): Record<Grade, Date> {
    const { input, at, back } = this.onStudyDays(state, now)
    const p = this.engine.repeat(withSeed(input, seed), at)
    const due = (r: Rating.Again | Rating.Hard | Rating.Good | Rating.Easy) => {
      const card = pickState(p[r].card)
      return this.capped(back ? { ...card, due: back(card.due) } : card, now).due
    }
    return { 1: due(Rating.Again), 2: due(Rating.Hard), 3: due(Rating.Good), 4: due(Rating.Easy) }
  }

  /** The interval in days FSRS gives a card of `stability` at this scheduler's desired retention. */
  intervalDays(stability: number): number {
    return this.engine.next_interval(stability, 0)
  }

  /** The probability of recalling the card at `now` (FSRS retrievability, 0–1); 0 for new cards. */
  retrievability(state: SchedulingState, now: Date): number {
    return this.engine.get_retrievability(state, now, false)
  }

  /**
   * `retrievability` from the stored numbers alone, without building a card (the Sections
   * screen asks it of every card of a deck): whole days since the last review, as ts-fsrs
   * counts them; a card with no last review counts none.
   */
  recall(state: number, stability: number, lastReview: number | undefined, now: number): number {
    if (state === State.New) return 0
    const days = lastReview === undefined ? 0 : Math.max(Math.floor((now - lastReview) / DAY_MS), 0)
    return this.engine.forgetting_curve(days, +stability.toFixed(8))
  }
}

function withSeed(state: SchedulingState, seed: string): SchedulingState {
  return { ...pickState(state), [SEED_FIELD]: seed } as SchedulingState
}

/** Only ts-fsrs's own fields, so storage rows never leak into the engine or back. */
function pickState(c: SchedulingState): SchedulingState {
  const s: SchedulingState = {
    due: c.due,
    stability: c.stability,
    difficulty: c.difficulty,
    elapsed_days: c.elapsed_days,
    scheduled_days: c.scheduled_days,
    learning_steps: c.learning_steps,
    reps: c.reps,
    lapses: c.lapses,
    state: c.state,
  }
  if (c.last_review) s.last_review = c.last_review
  return s
}
