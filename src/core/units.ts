/** Milliseconds in a day of 24 hours (a study day can be longer or shorter: `study-days`). */
export const DAY_MS = 86_400_000

/** Milliseconds in an hour. */
export const HOUR_MS = 3_600_000
