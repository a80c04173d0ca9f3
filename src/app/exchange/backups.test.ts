import { describe, expect, it } from 'vitest'
import { at } from '../../core/testing/factories'
import { isBackupName } from '../../core/formats/backup-name'
import { bytesSource } from '../../core/formats/byte-source'
import { joinChunks } from '../../core/formats/chunks'
import { backupFile, readBackupZip } from './backup-zip'
import { backupInfo, backupName, backupsToKeep, type BackupInfo } from './backups'
import { emptyCollectionData } from './collection-data'

const HOUR = 3_600_000
const DAY = 24 * HOUR

describe('automatic backups', () => {
  it('name a backup by its time and counts, and read them back from the name', () => {
    const name = backupName(at('2026-11-29T14:52:07.123Z'), {
      notes: 120,
      cards: 240,
      reviewLogs: 300,
    })
    expect(name).toBe('attache-2026-11-29T14-52-07-123Z-120-notes-240-cards-300-logs.zip')
    expect(backupInfo({ name, size: 10 })).toEqual({
      name,
      size: 10,
      createdAt: at('2026-11-29T14:52:07.123Z').getTime(),
      counts: { notes: 120, cards: 240, reviewLogs: 300 },
    })
    // Backups written before the archive format are still listed and restored.
    const older = name.replace(/\.zip$/, '.json.gz')
    expect(backupInfo({ name: older, size: 10 })?.counts).toEqual({
      notes: 120,
      cards: 240,
      reviewLogs: 300,
    })
    for (const other of [
      '../attache.json.gz',
      'notes.txt',
      `${name}.exe`,
      `x${name}`,
      `${name}.json`,
    ]) {
      expect(isBackupName(other)).toBe(false)
      expect(backupInfo({ name: other, size: 1 })).toBeNull()
    }
  })

  it('are archives that read back to the same rows', async () => {
    const data = { ...emptyCollectionData(), settings: [{ key: 'theme', value: 'dark' }] }
    const file = backupFile(data, async () => undefined, at('2026-11-29T12:00:00Z'))
    const chunks: Uint8Array[] = []
    for await (const chunk of file.chunks) chunks.push(chunk)
    const bytes = joinChunks(
      chunks,
      chunks.reduce((n, c) => n + c.length, 0),
    )
    expect([bytes[0], bytes[1]]).toEqual([0x50, 0x4b])
    const read = await readBackupZip(bytesSource(file.name, bytes), async () => undefined)
    expect(read).toEqual({ data, problems: [] })
  })

  it('keep the 10 newest, one a day for a week and one a week for a month', () => {
    const now = at('2026-11-29T12:00:00Z')
    // One every 30 minutes for the last day, then one every 6 hours for 40 days.
    const times = [
      ...Array.from({ length: 48 }, (_, i) => now.getTime() - i * 30 * 60_000),
      ...Array.from({ length: 160 }, (_, i) => now.getTime() - DAY - i * 6 * HOUR),
    ]
    const backups: BackupInfo[] = times.map((t) => ({
      name: backupName(new Date(t), { notes: 1, cards: 1, reviewLogs: 0 }),
      size: 1,
      createdAt: t,
      counts: { notes: 1, cards: 1, reviewLogs: 0 },
    }))
    const keep = backupsToKeep(backups, now)
    const kept = backups.filter((b) => keep.has(b.name))
    // The ten newest.
    for (const b of backups.slice(0, 10)) expect(keep.has(b.name)).toBe(true)
    // One per day for the last 7 days (by UTC day).
    const days = new Set(
      kept
        .filter((b) => now.getTime() - b.createdAt < 7 * DAY)
        .map((b) => Math.floor(b.createdAt / DAY)),
    )
    expect(days.size).toBe(8)
    // Nothing older than four weeks, and far fewer than were made.
    expect(kept.every((b) => now.getTime() - b.createdAt < 28 * DAY)).toBe(true)
    expect(kept.length).toBeLessThan(25)
    expect(kept.length).toBeGreaterThanOrEqual(10 + 6 + 3)
  })
})
