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
