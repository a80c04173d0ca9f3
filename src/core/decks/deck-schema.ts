import { z } from 'zod'

/** What a fact states; drives which cards it makes and how distractors are chosen. */
export const FACT_KINDS = [
  'figure',
  'date',
  'acronym',
  'person',
  'organization',
  'event',
  'agreement',
  'relation',
] as const
export type FactKind = (typeof FACT_KINDS)[number]

/** A trillion trillion: larger figures are typos (and would print as 1e+296 trillion). */
const MAX_FIGURE = 1e24

/** Whether `YYYY`, `YYYY-MM` or `YYYY-MM-DD` names a real year, month or day. */
function isCalendarDate(iso: string): boolean {
  const [y, m, d] = iso.split('-').map(Number)
  if (m === undefined) return true
  if (m < 1 || m > 12) return false
  if (d === undefined) return true
  const daysInMonth = new Date(Date.UTC(y ?? 0, m, 0)).getUTCDate()
  return d >= 1 && d <= daysInMonth
}

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens')

const text = z.string().trim().min(1, 'must not be empty')

export const factSchema = z
  .object({
    id: slug,
    /** Section path from the chapter's top heading down, e.g. ["(4) The Oceans and Seas", "B …"]. */
    section: z.array(text).min(1, 'needs at least one heading'),
    kind: z.enum(FACT_KINDS),
    prompt: text,
    answer: text,
    /** For figures: the number and its unit as data, so typed answers can be checked. */
    figure: z
      .object({
        value: z
          .number()
          .finite()
          .refine((v) => Math.abs(v) <= MAX_FIGURE, `must be at most ${MAX_FIGURE} in size`),
        unit: text,
      })
      .strict()
      .refine((f) => f.unit !== 'ordinal' || (Number.isInteger(f.value) && f.value >= 1), {
        message: 'an ordinal must be a whole number from 1 up',
        path: ['value'],
      })
      .optional(),
    /** For dates: ISO year, year-month or full date, a real day of the calendar. */
    date: z
      .string()
      .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD')
      .refine(isCalendarDate, 'is not a real date (month 01–12, a day that month has)')
      .optional(),
    /** For acronyms: both forms, so a reverse card can be made. */
    acronym: z.object({ short: text, long: text }).strict().optional(),
    /** A statement with the answer marked as {{…}}, for a cloze card. */
    cloze: z
      .string()
      .regex(/\{\{[^{}]+\}\}/, 'must mark the hidden part as {{…}}')
      .optional(),
    note: z.string().optional(),
  })
  .strict()
export type Fact = z.infer<typeof factSchema>

export const deckSchema = z
  .object({
    format: z.literal(1),
    id: slug,
    name: text,
    description: z.string().default(''),
    source: z
      .object({
        title: text,
        // Shown as a link that opens outside the app: https only.
        url: z
          .string()
          .url()
          .refine((u) => u.startsWith('https://'), 'must be an https:// address')
          .optional(),
      })
      .strict()
      .optional(),
    facts: z.array(factSchema).min(1, 'a deck needs at least one fact'),
  })
  .strict()
export type Deck = z.infer<typeof deckSchema>
