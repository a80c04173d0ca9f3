import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { backupFolder } from './backup-folder'
import { nodeBackupFs } from './node-backup-fs'

const NAME = 'attache-2026-11-29T14-52-07-123Z-2-notes-3-cards-4-logs.json.gz'

describe('the backup folder (Electron main, on real files)', () => {
  it('writes, lists, reads and removes backup files, and nothing else', async () => {
    const root = mkdtempSync(join(tmpdir(), 'attache-backups-'))
    const dir = join(root, 'backups')
    const folder = backupFolder(dir, nodeBackupFs)
    expect(await folder.list()).toEqual([])
    await folder.write(NAME, new Uint8Array([1, 2, 3]))
    writeFileSync(join(dir, 'notes.txt'), 'not a backup')
    expect(await folder.list()).toEqual([{ name: NAME, size: 3 }])
    expect(await folder.read(NAME)).toEqual(new Uint8Array([1, 2, 3]))
    expect(readdirSync(dir).sort()).toEqual([NAME, 'notes.txt'])
    await folder.remove(NAME)
    expect(await folder.list()).toEqual([])
  })

  it('refuses any name that is not a backup file name: no paths, no other files', async () => {
    const root = mkdtempSync(join(tmpdir(), 'attache-backups-'))
    const folder = backupFolder(join(root, 'backups'), nodeBackupFs)
    for (const name of [`../${NAME}`, `/etc/${NAME}`, 'notes.txt', `${NAME}/..`, 42, null]) {
      await expect(folder.write(name, new Uint8Array([1]))).rejects.toThrow(
        'not a backup file name',
      )
      await expect(folder.read(name)).rejects.toThrow('not a backup file name')
      await expect(folder.remove(name)).rejects.toThrow('not a backup file name')
    }
    expect(readdirSync(root)).toEqual([])
  })
})
