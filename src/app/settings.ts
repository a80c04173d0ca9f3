import { z } from 'zod'
import { isTimeZone } from '../core/study/time-zone'
import { HISTORY_KEY, examHistorySchema } from './mock-exam'
import { SYNC_STATE_KEY, syncStateSchema } from './sync/sync-state'
import type { SettingRow } from './collection'
import type { Collection } from './collection-writes'

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
  /** The first-run welcome on the deck list was dismissed. */
  welcomeSeen: z.boolean().default(false),
  /**
   * The time zone the collection's study days were counted in when it was last exported (a
   * backup records it, so its history is optimized the same on any machine); '' when not
   * recorded. The app itself counts days on the clock of the machine it runs on, as Anki does.
   */
  timeZone: z
    .string()
    .refine((v) => v === '' || isTimeZone(v), 'not a time zone')
    .default(''),
})
export type Settings = z.infer<typeof settingsSchema>

/** What the settings every device shares are called on the Settings screen, and elsewhere. */
export const SETTING_LABELS = {
  rolloverHour: 'Next day starts at (hour)',
  newPerDay: 'New cards per day',
  reviewsPerDay: 'Maximum reviews per day',
  leechThreshold: 'Leech threshold (lapses)',
  leechAction: 'When a card becomes a leech',
} as const satisfies Partial<Record<keyof Settings, string>>
export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({})

/** Whether `key` is one of the app's settings (an own key of the schema, never `toString`). */
export const isSettingKey = (key: string): key is keyof Settings =>
  Object.hasOwn(settingsSchema.shape, key)

/**
 * Why a settings row cannot be used, or null: the table holds the settings and the mock exams'
 * history, each checked against its schema (a backup's rows and the stored ones alike).
 */
export function settingValueProblem(key: string, value: unknown): string | null {
  if (key === HISTORY_KEY)
    return examHistorySchema.safeParse(value).success ? null : 'not a mock exam history'
  if (key === SYNC_STATE_KEY)
    return syncStateSchema.safeParse(value).success ? null : 'not sync bookkeeping'
  if (!isSettingKey(key)) return `"${key}" is not a setting of this app`
  const parsed = settingsSchema.shape[key].safeParse(value)
  return parsed.success ? null : `${JSON.stringify(value) ?? String(value)} is not a valid ${key}`
}

/**
 * Stored settings over the defaults, and the rows that could not be used: a bad stored value
 * falls back to its default and is named, so a broken row never stops the app from starting.
 */
export async function readSettingsReport(
  store: Collection,
): Promise<{ settings: Settings; dropped: string[] }> {
  return settingsOfRows(await store.listSettings())
}

/** Settings rows (stored, or a backup's) over the defaults, and the rows that could not be used. */
export function settingsOfRows(rows: readonly SettingRow[]): {
  settings: Settings
  dropped: string[]
} {
  const merged: Settings = { ...DEFAULT_SETTINGS }
  const dropped: string[] = []
  for (const row of rows) {
    const problem = settingValueProblem(row.key, row.value)
    if (problem) dropped.push(problem)
    else if (isSettingKey(row.key)) Object.assign(merged, { [row.key]: row.value })
  }
  return { settings: merged, dropped }
}

/** Stored settings over the defaults; a bad stored value falls back to its default. */
export async function readSettings(store: Collection): Promise<Settings> {
  return (await readSettingsReport(store)).settings
}

/** Saves one setting after checking it against the schema. */
export async function writeSetting<K extends keyof Settings>(
  store: Collection,
  key: K,
  value: Settings[K],
) {
  settingsSchema.shape[key].parse(value)
  await store.putSetting({ key, value })
}
