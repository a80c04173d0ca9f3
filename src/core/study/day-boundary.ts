import { utcOffsetMinutes } from './time-zone'

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** Where the user's study day starts and ends; `utcOffsetMinutes` is local time minus UTC at `now`. */
export interface StudyDay {
  /** Days since 1970-01-01 in local time, shifted by the rollover hour. */
  index: number
  start: Date
  end: Date
}

/**
 * The study day containing `now`. The day rolls over at `rolloverHour` local time (Anki's
 * "next day starts at", default 4), not at UTC midnight, so a late-night session counts
 * toward the day it started in.
 */
export function studyDay(now: Date, rolloverHour: number, utcOffsetMinutes: number): StudyDay {
  if (!Number.isInteger(rolloverHour) || rolloverHour < 0 || rolloverHour > 23) {
    throw new RangeError(`rollover hour must be a whole hour from 0 to 23, got ${rolloverHour}`)
  }
  const shift = utcOffsetMinutes * 60_000 - rolloverHour * HOUR
  const index = Math.floor((now.getTime() + shift) / DAY)
  const start = new Date(index * DAY - shift)
  return { index, start, end: new Date(start.getTime() + DAY) }
}

/**
 * Where a collection's study days begin: at `rolloverHour`, local time in a fixed UTC offset
 * (Anki collections record one), else in a named time zone, else on this machine's clock.
 */
export interface DayRule {
  rolloverHour: number
  /** An IANA time zone ("Asia/Tokyo"); absent or empty: this machine's clock. */
  timeZone?: string
  /** Local time minus UTC in minutes, fixed; wins over `timeZone`. */
  utcOffsetMinutes?: number
}

/** Local time minus UTC (minutes) at `ms` under a day rule. */
export function ruleOffsetMinutes(rule: DayRule, ms: number): number {
  return rule.utcOffsetMinutes ?? utcOffsetMinutes(ms, rule.timeZone)
}

/** The study day containing `now` under a day rule. */
export function studyDayUnder(rule: DayRule, now: Date): StudyDay {
  return studyDay(now, rule.rolloverHour, ruleOffsetMinutes(rule, now.getTime()))
}

/**
 * What to add to an instant so that its UTC calendar date is its study day under `rule`: the
 * local offset, less the rollover hour. A library that counts days by UTC dates (ts-fsrs does)
 * then counts them as the collection does.
 */
export function dayShift(rule: DayRule): (ms: number) => number {
  return (ms) => ruleOffsetMinutes(rule, ms) * 60_000 - rule.rolloverHour * HOUR
}
