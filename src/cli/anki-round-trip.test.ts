import { readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { unzipSync } from 'fflate'
import { applyImport } from '../app/exchange/import-collection'
import { exportCollection } from '../app/exchange/export-collection'
import { ankiPackageOf } from '../app/exchange/anki-package'
import { readImport } from '../app/exchange/read-import'
import { contentStoredIn } from '../app/exchange/media-files'
import type { CollectionData } from '../app/exchange/collection-data'
import { bytesSource } from '../core/formats/byte-source'
import { ankiDatabaseProblems } from '../core/formats/anki/check-database'
import { nodeSqlEngine } from './node-sqlite'
import {
  readSharedFixture,
  sharedFixture,
  sharedFixturesPresent,
  warnIfFixturesAbsent,
} from './shared-fixtures'
import { memoryCollection } from '../app/collection-writes'

const now = new Date('2026-11-29T12:00:00Z')
warnIfFixturesAbsent('the Anki round trips of real packages (src/cli/anki-round-trip.test.ts)')
const packages = sharedFixturesPresent
  ? readdirSync(sharedFixture('anki')).filter((f) => f.endsWith('.apkg'))
  : []

/** Reads a package as the app does and imports it into an empty collection. */
async function importInto(name: string, bytes: Uint8Array) {
  const store = memoryCollection()
  const engine = await nodeSqlEngine()
  const read = await readImport(bytesSource(name, bytes), engine, now, contentStoredIn(store))
  await applyImport(store, read.data, 'keep', now)
  return { store, read }
}

/** What a round trip must leave unchanged: every row, minus the times an import stamps. */
function comparable(data: CollectionData) {
  const byId = <T extends { id: string | number }>(rows: readonly T[]) =>
    [...rows].sort((a, b) => String(a.id).localeCompare(String(b.id)))
  return {
    noteTypes: byId(data.noteTypes),
    decks: byId(data.decks).map(({ updatedAt: _u, ...d }) => d),
    presets: byId(data.presets),
    notes: byId(data.notes),
    cards: byId(data.cards),
    reviewLogs: byId(data.reviewLogs),
    media: [...data.media]
      .map(({ addedAt: _a, ...m }) => m)
      .sort((a, b) => a.name.localeCompare(b.name)),
  }
}

describe.runIf(sharedFixturesPresent)('Anki round trip of every shared fixture (issue 20)', () => {
  it.each(packages)(
    '%s: import → export → import is the identity, and Anki finds nothing to fix',
    async (file) => {
      const engine = await nodeSqlEngine()
      const first = await importInto(file, readSharedFixture(`anki/${file}`))
      const exported = ankiPackageOf(await exportCollection(first.store), engine, now)
      const db = engine.open(unzipSync(exported)['collection.anki21'] as Uint8Array)
      try {
        expect(ankiDatabaseProblems(db, now)).toEqual([])
      } finally {
        db.close()
      }
      const second = await importInto(`again-${file}`, exported)
      expect(comparable(second.read.data)).toEqual(comparable(first.read.data))
    },
  )
})
