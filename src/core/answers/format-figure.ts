const CURRENCY: Record<string, string> = { USD: 'US dollars', JPY: 'Japanese yen' }

/**
 * Units whose figure names something (a resolution, an article) rather than counting it: such
 * an answer is right or wrong, never close, and is printed as a name ("resolution 2282").
 */
export const IDENTIFIER_UNITS: ReadonlySet<string> = new Set(['resolution', 'article'])

/** "52.5 million US dollars", "2.8 billion Japanese yen", "90%", "13 missions", "26th", "resolution 2282". */
export function formatFigure(value: number, unit: string): string {
  if (IDENTIFIER_UNITS.has(unit)) return `${unit} ${value}`
  if (unit === 'percent') return `${value}%`
  if (unit === 'ordinal') return ordinal(value)
  if (unit === 'year') return String(value)
  const amount = scaled(value)
  const label = CURRENCY[unit] ?? unit
  return label ? `${amount} ${label}` : amount
}

function scaled(value: number): string {
  const abs = Math.abs(value)
  for (const [size, word] of [
    [1e12, 'trillion'],
    [1e9, 'billion'],
    [1e6, 'million'],
  ] as const) {
    if (abs >= size) return `${Number((value / size).toPrecision(6))} ${word}`
  }
  return value.toLocaleString('en-US')
}

export function ordinal(n: number): string {
  const tens = n % 100
  const suffix =
    tens >= 11 && tens <= 13
      ? 'th'
      : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th')
  return `${n}${suffix}`
}
