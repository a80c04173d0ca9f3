import { BACKUP_NAME as NAME } from '../../core/formats/backup-name'
import type { CollectionCounts } from './collection-data'
import { DAY_MS } from '../../core/units'

/**
 * Automatic backups (issue 9): the whole collection as a backup archive, named for its
 * time and what it holds so a list needs no index to keep in step, kept by Anki-like rules.
 * Names and rules only: the window lists and prunes backups without loading the archive code
 * (the archive itself is `backupFile` in backup-zip.ts, run in a worker).
 */

/** A backup file as the host lists it. */
export interface BackupFile {
  name: string
  size: number
}

/** A backup file with what its name says. */
export interface BackupInfo extends BackupFile {
  createdAt: number
  counts: Pick<CollectionCounts, 'notes' | 'cards' | 'reviewLogs'>
}

/** A backup file's name: its time (UTC) and counts, e.g. `attache-2026-11-29T14-52-00-000Z-120-notes-240-cards-300-logs.zip`. */
export function backupName(now: Date, counts: BackupInfo['counts']): string {
  const time = now.toISOString().replace(/:/g, '-').replace('.', '-')
  return `attache-${time}-${counts.notes}-notes-${counts.cards}-cards-${counts.reviewLogs}-logs.zip`
}

/** What a backup file's name says; null for other files. */
export function backupInfo(file: BackupFile): BackupInfo | null {
  const m = NAME.exec(file.name)
  if (!m) return null
  const [y, mo, d, h, mi, s, ms, notes, cards, logs] = m.slice(1).map(Number) as number[]
  return {
    ...file,
    createdAt: Date.UTC(y as number, (mo as number) - 1, d, h, mi, s, ms),
    counts: { notes: notes as number, cards: cards as number, reviewLogs: logs as number },
  }
}

/**
 * Which backups to keep: the 10 newest, the newest of each of the last 7 days, and the newest
 * of each of the last 4 weeks; the rest may go.
 */
export function backupsToKeep(backups: readonly BackupInfo[], now: Date): Set<string> {
  const newest = [...backups].sort((a, b) => b.createdAt - a.createdAt)
  const keep = new Set(newest.slice(0, 10).map((b) => b.name))
  const firstOf = (bucket: (b: BackupInfo) => number | null) => {
    const seen = new Set<number>()
    for (const b of newest) {
      const k = bucket(b)
      if (k === null || seen.has(k)) continue
      seen.add(k)
      keep.add(b.name)
    }
  }
  const age = (b: BackupInfo) => now.getTime() - b.createdAt
  firstOf((b) => (age(b) < 7 * DAY_MS ? Math.floor(b.createdAt / DAY_MS) : null))
  firstOf((b) => (age(b) < 28 * DAY_MS ? Math.floor(age(b) / (7 * DAY_MS)) : null))
  return keep
}
