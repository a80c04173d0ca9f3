import { z } from 'zod'
import type { AttacheDb } from './db'

export const settingsSchema = z.object({
  /** Local hour at which a new study day starts (Anki's default: 4). */
  rolloverHour: z.number().int().min(0).max(23).default(4),
  newPerDay: z.number().int().min(0).max(9999).default(20),
  reviewsPerDay: z.number().int().min(0).max(99999).default(200),
  theme: z.enum(['system', 'light', 'dark']).default('system'),
})
export type Settings = z.infer<typeof settingsSchema>
export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({})

/** Stored settings over the defaults; a bad stored value falls back to its default. */
export async function readSettings(db: AttacheDb): Promise<Settings> {
  const rows = await db.settings.toArray()
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS }
  for (const row of rows) {
    const field = settingsSchema.shape[row.key as keyof Settings]
    if (field?.safeParse(row.value).success) merged[row.key] = row.value
  }
  return settingsSchema.parse(merged)
}

export async function writeSetting<K extends keyof Settings>(
  db: AttacheDb,
  key: K,
  value: Settings[K],
) {
  settingsSchema.shape[key].parse(value)
  await db.settings.put({ key, value })
}
