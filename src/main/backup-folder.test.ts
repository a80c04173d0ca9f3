import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { BACKUP_PIECE_BYTES, backupFolder } from './backup-folder'
import { nodeBackupFs } from './node-backup-fs'

const NAME = 'attache-2026-11-29T14-52-07-123Z-2-notes-3-cards-4-logs.zip'

describe('the backup folder (Electron main, on real files)', () => {
  it('writes a backup in pieces, lists it only once committed, reads ranges and removes it', async () => {
    const root = mkdtempSync(join(tmpdir(), 'attache-backups-'))
    onTestFinished(() => rmSync(root, { recursive: true, force: true }))
    const dir = join(root, 'backups')
    const folder = backupFolder(dir, nodeBackupFs)
    expect(await folder.list()).toEqual([])
    await folder.append(NAME, new Uint8Array([1, 2, 3]), true)
    await folder.append(NAME, new Uint8Array([4, 5]), false)
    writeFileSync(join(dir, 'notes.txt'), 'not a backup')
    // Not a backup until the last piece is in: a crash part way leaves no half file by its name.
    expect(await folder.list()).toEqual([])
    await folder.commit(NAME)
    expect(await folder.list()).toEqual([{ name: NAME, size: 5 }])
    expect(await folder.read(NAME, 1, 4)).toEqual(new Uint8Array([2, 3, 4]))
    expect(await folder.read(NAME, 3, 99)).toEqual(new Uint8Array([4, 5]))
    expect(readdirSync(dir).sort()).toEqual([NAME, 'notes.txt'])
    // Starting anew truncates what an earlier, failed write left; a discard drops it.
    await folder.append(NAME, new Uint8Array([9]), true)
    await folder.discard(NAME)
    expect(existsSync(join(dir, `${NAME}.partial`))).toBe(false)
    await folder.remove(NAME)
    expect(await folder.list()).toEqual([])
  })

  it('refuses any name that is not a backup file name, and pieces or ranges too large', async () => {
    const root = mkdtempSync(join(tmpdir(), 'attache-backups-'))
    onTestFinished(() => rmSync(root, { recursive: true, force: true }))
    const folder = backupFolder(join(root, 'backups'), nodeBackupFs)
    for (const name of [`../${NAME}`, `/etc/${NAME}`, 'notes.txt', `${NAME}/..`, 42, null]) {
      await expect(folder.append(name, new Uint8Array([1]), true)).rejects.toThrow(
        'not a backup file name',
      )
      await expect(folder.commit(name)).rejects.toThrow('not a backup file name')
      await expect(folder.read(name, 0, 1)).rejects.toThrow('not a backup file name')
      await expect(folder.remove(name)).rejects.toThrow('not a backup file name')
    }
    expect(readdirSync(root)).toEqual([])
    await expect(folder.read(NAME, 0, BACKUP_PIECE_BYTES + 1)).rejects.toThrow('too large')
    await expect(folder.read(NAME, 5, 2)).rejects.toThrow('not a range')
  })
})
