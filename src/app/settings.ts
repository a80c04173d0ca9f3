import { z } from 'zod'
import type { StudyStore } from './store'

/** The numeric settings, with their bounds and defaults: the schema and the form both read them. */
export const NUMBER_SETTINGS = {
  /** Local hour at which a new study day starts (Anki's default: 4). */
  rolloverHour: { min: 0, max: 23, default: 4 },
  newPerDay: { min: 0, max: 9999, default: 20 },
  reviewsPerDay: { min: 0, max: 99999, default: 200 },
  /** Lapses that make a card a leech (Anki's default: 8). */
  leechThreshold: { min: 1, max: 99, default: 8 },
} as const
export type NumberSetting = keyof typeof NUMBER_SETTINGS

const whole = (k: NumberSetting) =>
  z
    .number()
    .int()
    .min(NUMBER_SETTINGS[k].min)
    .max(NUMBER_SETTINGS[k].max)
    .default(NUMBER_SETTINGS[k].default)

const settingsSchema = z.object({
  rolloverHour: whole('rolloverHour'),
  newPerDay: whole('newPerDay'),
  reviewsPerDay: whole('reviewsPerDay'),
  leechThreshold: whole('leechThreshold'),
  /** What happens to a leech: tagged only (Anki's default), or tagged and suspended. */
  leechAction: z.enum(['tag', 'suspend']).default('tag'),
  theme: z.enum(['system', 'light', 'dark']).default('system'),
})
export type Settings = z.infer<typeof settingsSchema>
export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({})

/** Stored settings over the defaults; a bad stored value falls back to its default. */
export async function readSettings(store: StudyStore): Promise<Settings> {
  const rows = await store.listSettings()
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS }
  for (const row of rows) {
    const field = settingsSchema.shape[row.key as keyof Settings]
    if (field?.safeParse(row.value).success) merged[row.key] = row.value
  }
  return settingsSchema.parse(merged)
}

/** Saves one setting after checking it against the schema. */
export async function writeSetting<K extends keyof Settings>(
  store: StudyStore,
  key: K,
  value: Settings[K],
) {
  settingsSchema.shape[key].parse(value)
  await store.putSetting({ key, value })
}
