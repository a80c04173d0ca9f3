/** A moment as the user's locale writes a date and a time ("Dec 6, 2026, 7:19 AM"). */
export const when = (ms: number) =>
  new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
