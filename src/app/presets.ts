import { z } from 'zod'
import { FSRS_PARAMETER_COUNT, STEP, type SchedulerOptions } from '../core/scheduling/scheduler'
import { DEFAULT_LIMITS, type StudyLimits } from '../core/study/review-queue'
import type { LeechRule } from './answer'
import type { DeckRow, SettingRow } from './collection'
import { EditError } from './editing'
import type { Settings } from './settings'
import type { Collection } from './collection-writes'

const steps = z
  .array(z.string().regex(STEP, 'a step is a number and a unit: 1m, 10m, 1h, 1d'))
  .max(20)

/** Deck options shared by several decks, as Anki's presets. */
export const presetSchema = z.object({
  id: z.string().min(1),
  name: z.string().trim().min(1, 'a preset needs a name'),
  newPerDay: z.number().int().min(0).max(9999),
  reviewsPerDay: z.number().int().min(0).max(99999),
  /** The recall probability FSRS schedules for (Anki's "desired retention"). */
  desiredRetention: z.number().min(0.7).max(0.99),
  learningSteps: steps,
  relearningSteps: steps,
  maximumIntervalDays: z.number().int().min(1).max(36500),
  leechThreshold: z.number().int().min(1).max(99),
  leechAction: z.enum(['tag', 'suspend']),
  /** Whether a card's siblings wait for the next day once one of them is studied. */
  burySiblings: z.boolean(),
  /** Whether intervals get a little random spread (FSRS fuzz); absent means on. */
  fuzz: z.boolean().optional(),
  /**
   * FSRS's parameters for this preset's decks, as the optimizer found them on the user's
   * history (FSRS-6's 21 numbers); absent means FSRS's defaults.
   */
  weights: z
    .array(z.number().finite('a parameter is a finite number'))
    .length(FSRS_PARAMETER_COUNT, `FSRS-6 has ${FSRS_PARAMETER_COUNT} parameters`)
    .optional(),
})
export type Preset = z.infer<typeof presetSchema>

/** The preset every deck has unless it is given another: limits and leeches from Settings. */
export const DEFAULT_PRESET_ID = 'default'

export function defaultPreset(settings: Settings): Preset {
  return {
    id: DEFAULT_PRESET_ID,
    name: 'Default',
    newPerDay: settings.newPerDay,
    reviewsPerDay: settings.reviewsPerDay,
    desiredRetention: 0.9,
    learningSteps: ['1m', '10m'],
    relearningSteps: ['10m'],
    maximumIntervalDays: 36500,
    leechThreshold: settings.leechThreshold,
    leechAction: settings.leechAction,
    burySiblings: true,
  }
}

/** The fields of the Default preset that Settings owns (limits and the leech rule). */
const fromSettings = (settings: Settings) => {
  const { newPerDay, reviewsPerDay, leechThreshold, leechAction } = defaultPreset(settings)
  return { newPerDay, reviewsPerDay, leechThreshold, leechAction }
}

/**
 * The Default preset: its scheduling (retention, steps, maximum interval, fuzz, FSRS
 * parameters) as stored once the user changed it, its limits and leech rule from Settings.
 */
export function defaultFrom(stored: Preset | undefined, settings: Settings): Preset {
  return stored
    ? { ...stored, id: DEFAULT_PRESET_ID, name: 'Default', ...fromSettings(settings) }
    : defaultPreset(settings)
}

/** The preset a deck studies with (the Default one when its own is gone). */
export async function presetOf(
  store: Collection,
  deck: Pick<DeckRow, 'presetId'> | undefined,
  settings: Settings,
  incoming?: IncomingRows,
): Promise<Preset> {
  // Store calls awaited here directly: Dexie keeps its transaction across them, not always
  // across another async function's promise (a PrematureCommitError in the study queue).
  const id = deck?.presetId
  const own =
    id && id !== DEFAULT_PRESET_ID
      ? (incoming?.presets.get(id) ?? (await store.getPreset(id)))
      : undefined
  const base =
    incoming?.presets.get(DEFAULT_PRESET_ID) ?? (await store.getPreset(DEFAULT_PRESET_ID))
  return own ?? defaultFrom(base, settings)
}

/**
 * Decks, presets and settings not stored yet (a sync's batch, about to be written): read in
 * place of the stored ones, so answers that arrive with them are replayed under them.
 */
export interface IncomingRows {
  decks: ReadonlyMap<string, DeckRow>
  presets: ReadonlyMap<string, Preset>
  /** Setting rows by key. */
  settings: ReadonlyMap<string, SettingRow>
}

/**
 * The preset a deck studies with, picked from `listPresets`' list (Default first): the same
 * choice as `presetOf`, for a caller that has the list already.
 */
export function presetIn(presets: readonly Preset[], deck: Pick<DeckRow, 'presetId'>): Preset {
  const own = deck.presetId && presets.find((p) => p.id === deck.presetId)
  return own || (presets[0] as Preset)
}

/** Every preset: Default first, then the user's by name. */
export async function listPresets(store: Collection, settings: Settings): Promise<Preset[]> {
  const all = await store.listPresets()
  const own = all
    .filter((p) => p.id !== DEFAULT_PRESET_ID)
    .sort((a, b) => a.name.localeCompare(b.name))
  return [
    defaultFrom(
      all.find((p) => p.id === DEFAULT_PRESET_ID),
      settings,
    ),
    ...own,
  ]
}

export const limitsOf = (p: Preset): StudyLimits => ({
  ...DEFAULT_LIMITS,
  newPerDay: p.newPerDay,
  reviewsPerDay: p.reviewsPerDay,
  burySiblings: p.burySiblings,
})

export const schedulerOptionsOf = (p: Preset): Partial<SchedulerOptions> => ({
  fuzz: p.fuzz ?? true,
  requestRetention: p.desiredRetention,
  maximumIntervalDays: p.maximumIntervalDays,
  learningSteps: p.learningSteps,
  relearningSteps: p.relearningSteps,
  ...(p.weights ? { weights: p.weights } : {}),
})

export const leechRuleOf = (p: Preset): LeechRule => ({
  threshold: p.leechThreshold,
  action: p.leechAction,
})

/** A preset with every field checked; an EditError names the field and what is wrong. */
export function checkedPreset(preset: Preset): Preset {
  const parsed = presetSchema.safeParse(preset)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  throw new EditError(
    `${String(issue?.path.join('.') ?? 'preset')}: ${issue?.message ?? 'invalid'}`,
  )
}

/** Gives a deck a preset (the Default one when `presetId` is "default"). */
export function setDeckPreset(store: Collection, deckId: string, presetId: string) {
  return store.transaction(async () => {
    const deck = await store.getDeck(deckId)
    if (!deck) throw new EditError('That deck no longer exists.')
    if (presetId !== DEFAULT_PRESET_ID && !(await store.getPreset(presetId)))
      throw new EditError('That preset no longer exists.')
    await store.putDeck(deckWithPreset(deck, presetId))
  }, ['decks', 'presets'])
}

/** A deck row set to a preset (no `presetId` for the Default one). */
export function deckWithPreset(deck: DeckRow, presetId: string): DeckRow {
  const { presetId: _old, ...rest } = deck
  return presetId === DEFAULT_PRESET_ID ? rest : { ...rest, presetId }
}

/**
 * How a preset is named in a list: its name, and where another preset of the list has the same
 * name (an Anki collection's own "Default" beside ours), what tells them apart — "from Anki"
 * for a preset an Anki import brought, else its place among the namesakes.
 */
export function presetLabel(preset: Preset, all: readonly Preset[]): string {
  const key = (p: Preset) => p.name.trim().toLowerCase()
  const fromAnki = (p: Preset) => p.id.startsWith('anki-')
  const namesakes = all.filter((p) => key(p) === key(preset))
  if (namesakes.length < 2) return preset.name
  const alike = namesakes.filter((p) => fromAnki(p) === fromAnki(preset))
  if (alike.length === 1) return fromAnki(preset) ? `${preset.name} (from Anki)` : preset.name
  return `${preset.name} (${alike.indexOf(preset) + 1})`
}
