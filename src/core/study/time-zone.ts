/**
 * UTC offsets of named time zones (IANA names, as `Intl` knows them), so that days can be
 * counted in a collection's own zone rather than the machine's.
 */

const formats = new Map<string, Intl.DateTimeFormat>()

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    formats.set(timeZone, format)
  }
  return format
}

/** Whether `name` is a time zone this runtime knows (e.g. "Asia/Tokyo", "UTC"). */
export function isTimeZone(name: string): boolean {
  if (!name) return false
  try {
    formatFor(name)
    return true
  } catch {
    return false
  }
}

/**
 * Local time minus UTC, in minutes, at `ms` (epoch ms): in `timeZone` when one is named, else
 * on this machine's clock. Throws a RangeError for a name `Intl` does not know.
 */
export function utcOffsetMinutes(ms: number, timeZone?: string): number {
  if (!timeZone) return -new Date(ms).getTimezoneOffset()
  const at = Math.floor(ms / 1000) * 1000
  const parts: Record<string, number> = {}
  for (const p of formatFor(timeZone).formatToParts(at))
    if (p.type !== 'literal') parts[p.type] = Number(p.value)
  const wall = Date.UTC(
    parts['year'] as number,
    (parts['month'] as number) - 1,
    parts['day'],
    parts['hour'],
    parts['minute'],
    parts['second'],
  )
  return Math.round((wall - at) / 60_000)
}

/** Instants whose UTC offsets tell time zones apart: winter and summer, then and lately. */
const PROBES = [
  Date.UTC(2001, 0, 15),
  Date.UTC(2001, 6, 15),
  Date.UTC(2025, 0, 15),
  Date.UTC(2025, 6, 15),
]
let zone = { key: '', name: '' }

/**
 * The time zone this host's clock is in (the one `Date` and so `dayIndexer` use). Asked of
 * Intl only when the offsets `Date` gives at a few fixed instants change (making an
 * `Intl.DateTimeFormat` costs about a millisecond, and every card or log write asks). Two zones
 * alike at all of them are taken for one: they differ, if at all, in years no log is from.
 */
export function hostZone(): string {
  const key = PROBES.map((t) => new Date(t).getTimezoneOffset()).join(' ')
  if (key !== zone.key) zone = { key, name: Intl.DateTimeFormat().resolvedOptions().timeZone }
  return zone.name
}
