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
    figure: z.object({ value: z.number().finite(), unit: text }).strict().optional(),
    /** For dates: ISO year, year-month or full date. */
    date: z
      .string()
      .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD')
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
    source: z.object({ title: text, url: z.string().url().optional() }).strict().optional(),
    facts: z.array(factSchema).min(1, 'a deck needs at least one fact'),
  })
  .strict()
export type Deck = z.infer<typeof deckSchema>
