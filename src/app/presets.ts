import { z } from 'zod'
import { STEP, type SchedulerOptions } from '../core/scheduling/scheduler'
import { DEFAULT_LIMITS, type StudyLimits } from '../core/study/review-queue'
import type { LeechRule } from './answer'
import type { DeckRow } from './collection'
import { EditError } from './editing'
import type { Settings } from './settings'
import type { StudyStore } from './store'

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

/** The preset a deck studies with. */
export async function presetOf(
  store: StudyStore,
  deck: Pick<DeckRow, 'presetId'> | undefined,
  settings: Settings,
): Promise<Preset> {
  const id = deck?.presetId
  const stored = id && id !== DEFAULT_PRESET_ID ? await store.getPreset(id) : undefined
  return stored ?? defaultPreset(settings)
}

/** Every preset: Default first, then the user's by name. */
export async function listPresets(store: StudyStore, settings: Settings): Promise<Preset[]> {
  const own = (await store.listPresets()).sort((a, b) => a.name.localeCompare(b.name))
  return [defaultPreset(settings), ...own]
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
})

export const leechRuleOf = (p: Preset): LeechRule => ({
  threshold: p.leechThreshold,
  action: p.leechAction,
})

/**
 * Saves a preset of the user's (new or changed) after checking every field; the Default preset
 * is edited in Settings. The message names the field and what is wrong.
 */
export async function savePreset(store: StudyStore, preset: Preset): Promise<Preset> {
  if (preset.id === DEFAULT_PRESET_ID)
    throw new EditError('The Default preset is changed in Settings.')
  const parsed = presetSchema.safeParse(preset)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new EditError(
      `${String(issue?.path.join('.') ?? 'preset')}: ${issue?.message ?? 'invalid'}`,
    )
  }
  await store.transaction(() => store.putPreset(parsed.data), ['presets'])
  return parsed.data
}

/** Gives a deck a preset (the Default one when `presetId` is "default"). */
export function setDeckPreset(store: StudyStore, deckId: string, presetId: string) {
  return store.transaction(async () => {
    const deck = await store.getDeck(deckId)
    if (!deck) throw new EditError('That deck no longer exists.')
    if (presetId !== DEFAULT_PRESET_ID && !(await store.getPreset(presetId)))
      throw new EditError('That preset no longer exists.')
    const { presetId: _old, ...rest } = deck
    await store.putDeck(presetId === DEFAULT_PRESET_ID ? rest : { ...rest, presetId })
  }, ['decks', 'presets'])
}
