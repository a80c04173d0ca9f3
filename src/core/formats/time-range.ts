/**
 * The times a file may hold, epoch ms: from 1970 to 2200. Anything later is a broken or
 * crafted file (a card due in the year 275760, issue 19), never a real schedule.
 */
export const LATEST_TIME = Date.UTC(2200, 0, 1)

/** Whether `ms` is a time a collection can hold. */
export const isTimeInRange = (ms: number) => Number.isFinite(ms) && ms >= 0 && ms <= LATEST_TIME
