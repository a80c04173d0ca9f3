/** A date at the precision it was written: a year, a month of a year, or a day. */
export interface PartialDate {
  year: number
  month?: number
  day?: number
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

function month(name: string): number | undefined {
  const i = MONTHS.indexOf(name.slice(0, 3).toLowerCase())
  return i >= 0 ? i + 1 : undefined
}

const valid = (d: PartialDate): PartialDate | null =>
  (d.month === undefined || (d.month >= 1 && d.month <= 12)) &&
  (d.day === undefined || (d.day >= 1 && d.day <= 31))
    ? d
    : null

/** The ISO form used in deck files: "2019", "2019-06", "2016-07-12". */
export function parseIsoDate(iso: string): PartialDate {
  const [y, m, d] = iso.split('-').map(Number)
  const out: PartialDate = { year: y ?? 0 }
  if (m) out.month = m
  if (d) out.day = d
  return out
}

/**
 * A date as people type it: "2019", "June 2019", "Jun. 2019", "2019-06", "6/2019",
 * "July 12, 2016", "12 July 2016", "2016-07-12", "2016/7/12". Null when it is not a date.
 */
export function parseTypedDate(input: string): PartialDate | null {
  const t = input
    .trim()
    .replace(/^(?:in|on)\s+/i, '')
    .replace(/(\d)(st|nd|rd|th)\b/gi, '$1')
    .replace(/\s+/g, ' ')
  let m: RegExpExecArray | null
  if ((m = /^(?:FY\s?)?(\d{4})$/i.exec(t))) return { year: Number(m[1]) }
  if ((m = /^(\d{4})[-/.](\d{1,2})$/.exec(t)))
    return valid({ year: Number(m[1]), month: Number(m[2]) })
  if ((m = /^(\d{1,2})[-/.](\d{4})$/.exec(t)))
    return valid({ year: Number(m[2]), month: Number(m[1]) })
  if ((m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(t)))
    return valid({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) })
  if ((m = /^([a-z]+)\.? (\d{4})$/i.exec(t))) {
    const mo = month(m[1] ?? '')
    return mo ? { year: Number(m[2]), month: mo } : null
  }
  if ((m = /^([a-z]+)\.? (\d{1,2}),? (\d{4})$/i.exec(t))) {
    const mo = month(m[1] ?? '')
    return mo ? valid({ year: Number(m[3]), month: mo, day: Number(m[2]) }) : null
  }
  if ((m = /^(\d{1,2}) ([a-z]+)\.?,? (\d{4})$/i.exec(t))) {
    const mo = month(m[2] ?? '')
    return mo ? valid({ year: Number(m[3]), month: mo, day: Number(m[1]) }) : null
  }
  return null
}

export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

/** "12 July 2016", "June 2019", "2005". */
export function formatDate(d: PartialDate): string {
  const m = d.month ? MONTH_NAMES[d.month - 1] : undefined
  if (m && d.day) return `${d.day} ${m} ${d.year}`
  if (m) return `${m} ${d.year}`
  return String(d.year)
}
