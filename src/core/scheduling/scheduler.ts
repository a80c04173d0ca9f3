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
import { DAY_MS, HOUR_MS } from '../units'

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
   * An exam on this date ("2026-01-20"), its cap on: an answer given before the exam's study
   * day gets an interval no longer than the study days left, and a due time no later than that
   * day's start (ts-fsrs keeps Easy's interval above Good's even past the maximum, so the due
   * time itself is capped too); from the exam's day on, nothing is capped. Worked out at each
   * answer from its own time and day rule, so a replay on any day gives what the answer gave.
   */
  examDate?: string
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

/** What an exam caps an answer to: the whole study days left, and the latest due time. */
interface ExamCap {
  days: number
  latestDue: number
}

/** The state with its due time no later than the exam's cap (and never before `now`). */
function capped(state: SchedulingState, now: Date, exam: ExamCap | undefined): SchedulingState {
  if (!exam || state.due.getTime() <= exam.latestDue) return state
  const due = new Date(Math.max(now.getTime(), exam.latestDue))
  const days = Math.max(0, Math.floor((due.getTime() - now.getTime()) / DAY_MS))
  return { ...state, due, scheduled_days: Math.min(state.scheduled_days, days) }
}

/**
 * The study-day number of an exam on `date` (YYYY-MM-DD): the study day its noon falls in,
 * so with a rollover hour after noon, the day before the date.
 */
function examDayOf(date: string, rule: DayRule | undefined): number {
  const [y = 1970, m = 1, d = 1] = date.split('-').map(Number)
  return Math.floor((Date.UTC(y, m - 1, d, 12) - (rule?.rolloverHour ?? 0) * HOUR_MS) / DAY_MS)
}

/** ts-fsrs with `params`, its fuzz seeded from the card (`withSeed`). */
function engineOf(params: FSRSParameters): FSRS {
  return fsrs(params).useStrategy(StrategyMode.SEED, function seedFromCard() {
    return String(Reflect.get(this['current'], SEED_FIELD) ?? '')
  })
}

/** A scheduler bound to options; every call takes `now` and the seed as arguments. */

export class Scheduler {
  private readonly engine: FSRS
  private readonly params: FSRSParameters
  /** Engines whose maximum interval an exam shortens, by that maximum. */
  private readonly examEngines = new Map<number, FSRS>()
  /** The exam's study-day number (days since 1970 on study days), when capped by one. */
  private readonly examDay: number | undefined
  private readonly dayRule: DayRule | undefined
  private readonly dayShift: ((ms: number) => number) | undefined
  /** Day shifts of other time zones this scheduler has replayed answers in, by zone. */
  private readonly zoneShifts = new Map<string, (ms: number) => number>()

  constructor(options: Partial<SchedulerOptions> = {}) {
    const o = { ...DEFAULT_SCHEDULER_OPTIONS, ...options }
    this.dayRule = o.dayRule
    this.dayShift = o.dayRule && dayShift(o.dayRule)
    this.examDay = o.examDate === undefined ? undefined : examDayOf(o.examDate, o.dayRule)
    const params: FSRSParameters = generatorParameters({
      enable_fuzz: o.fuzz,
      request_retention: o.requestRetention,
      maximum_interval: o.maximumIntervalDays,
      learning_steps: o.learningSteps.filter((x) => STEP.test(x)) as StepUnit[],
      relearning_steps: o.relearningSteps.filter((x) => STEP.test(x)) as StepUnit[],
      ...(o.weights ? { w: [...o.weights] } : {}),
    })
    this.params = params
    this.engine = engineOf(params)
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
    const shift = this.shiftIn(zone)
    const { input, at, back } = this.onStudyDays(state, now, shift)
    const exam = this.examAt(now, shift)
    const engine = this.engineBefore(exam)
    const { card, log } = engine.next(withSeed(input, seed), at, grade as FsrsGrade)
    if (!back) return { state: capped(pickState(card), now, exam), log }
    // Back on the clock: due times move by the same amount as `now` did, so an interval of
    // minutes stays one; the log's times are the real ones.
    const next = { ...pickState(card), due: back(card.due), last_review: now }
    return {
      state: capped(next, now, exam),
      log: { ...log, review: now, due: state.last_review ?? state.due },
    }
  }

  /**
   * The exam's cap on an answer at `now`, counted on the study days of `shift`: the whole days
   * left and the start of the exam's day; none without an exam, or from its day on.
   */
  private examAt(now: Date, shift: ((ms: number) => number) | undefined): ExamCap | undefined {
    const examDay = this.examDay
    if (examDay === undefined) return undefined
    const by = shift ?? (() => 0)
    const today = Math.floor((now.getTime() + by(now.getTime())) / DAY_MS)
    const days = examDay - today
    if (days < 1) return undefined
    // The instant whose study day begins the exam's: the day's number, less the shift then.
    const dayStart = examDay * DAY_MS
    return { days, latestDue: dayStart - by(dayStart - by(dayStart)) }
  }

  /** The engine for an answer under `exam`: intervals no longer than the days left. */
  private engineBefore(exam: ExamCap | undefined): FSRS {
    if (!exam || exam.days >= this.params.maximum_interval) return this.engine
    let engine = this.examEngines.get(exam.days)
    if (!engine) {
      engine = engineOf({ ...this.params, maximum_interval: exam.days })
      this.examEngines.set(exam.days, engine)
    }
    return engine
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

  /** When the card would next be due for each grade (for the buttons' labels). */
  preview(state: SchedulingState, now: Date, seed: string): Record<Grade, Date> {
    const { input, at, back } = this.onStudyDays(state, now)
    const exam = this.examAt(now, this.dayShift)
    const p = this.engineBefore(exam).repeat(withSeed(input, seed), at)
    const due = (r: Rating.Again | Rating.Hard | Rating.Good | Rating.Easy) => {
      const card = pickState(p[r].card)
      return capped(back ? { ...card, due: back(card.due) } : card, now, exam).due
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
