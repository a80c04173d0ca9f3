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
