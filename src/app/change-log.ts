import type { ChangeRow, StoreReads, StudyStore, TallyKey, TallyRow } from './store'

/**
 * Where the derived tables (kept counts, card digests) stand in the change log: the `seq` of
 * the last change they follow. Kept beside the counts, written in the transaction that brings
 * them up to date (`derived.ts`).
 */
export const CURSOR_KEY: TallyKey = ['', 'rule', 2]

/** The change log rows read at most while following it in one transaction. */
export const FOLLOW_ROWS = 2_000

/** How far the derived tables have followed the change log. */
export function derivedCursor(store: Pick<StoreReads, 'getTallies'>): Promise<number> {
  // The store's own promise, chained: Dexie keeps its transaction across it.
  return store.getTallies([CURSOR_KEY]).then(([row]) => row?.n[0] ?? 0)
}

/**
 * The keys of `table` written since the derived tables last followed the change log, or null
 * when the log is too far ahead to read here (read the rows themselves instead).
 */
export function pendingKeys(
  store: Pick<StoreReads, 'getTallies' | 'changesAfter'>,
  table: 'cards' | 'revlog',
): Promise<Set<string | number> | null> {
  // Chained on the store's own promises (no async function): Dexie keeps its transaction, and
  // a live query its watch, across them.
  return derivedCursor(store)
    .then((cursor) => store.changesAfter(cursor, FOLLOW_ROWS + 1))
    .then((rows) => {
      if (rows.length > FOLLOW_ROWS) return null
      const keys = new Set<string | number>()
      for (const row of rows)
        for (const c of row.changes) {
          if (c.op === 'clear') return null
          if (c.table === table) for (const k of c.keys) keys.add(k)
        }
      return keys
    })
}

/** The row that says the derived tables follow the change log through `seq`. */
export const cursorRow = (seq: number): TallyRow => ({
  deckId: CURSOR_KEY[0],
  kind: CURSOR_KEY[1],
  day: CURSOR_KEY[2],
  n: [seq],
})

/**
 * How far the change log is compacted: the `seq` through which its rows no longer carry the
 * rows as they were before each write (`Change.before`). Only following the log reads those,
 * so once the derived tables have followed a row they are dead weight: an answer's row is
 * about 450 bytes of JSON with the card it replaced, 140 without. What sync reads of a row —
 * its tables, keys, time and source — is kept. Kept beside the cursor, never past it.
 */
export const COMPACTED_KEY: TallyKey = ['', 'rule', 3]

/** The cursor and the compaction mark, as stored together in the tallies. */
export function logMarks(
  store: Pick<StoreReads, 'getTallies'>,
): Promise<{ cursor: number; compacted: number }> {
  return store.getTallies([CURSOR_KEY, COMPACTED_KEY]).then(([cursor, compacted]) => ({
    cursor: cursor?.n[0] ?? 0,
    compacted: compacted?.n[0] ?? 0,
  }))
}

/** The rows that put back both marks where `marks` says (after the tallies were cleared). */
export const markRows = (marks: { cursor: number; compacted: number }): TallyRow[] => [
  cursorRow(marks.cursor),
  compactedRow(marks.compacted),
]

/** The row that says the change log is compacted through `seq`. */
export const compactedRow = (seq: number): TallyRow => ({
  deckId: COMPACTED_KEY[0],
  kind: COMPACTED_KEY[1],
  day: COMPACTED_KEY[2],
  n: [seq],
})

/** `rows` without what only following the log reads; the rows that had none are left out. */
export function withoutBefore(rows: readonly ChangeRow[]): (ChangeRow & { seq: number })[] {
  const out: (ChangeRow & { seq: number })[] = []
  for (const row of rows) {
    if (row.seq === undefined || !row.changes.some((c) => c.before)) continue
    out.push({ ...row, seq: row.seq, changes: row.changes.map(({ before: _, ...c }) => c) })
  }
  return out
}

/** Rewrites `rows` without what only following the log reads (nothing when none had it). */
export function stripBefore(store: Pick<StudyStore, 'putChanges'>, rows: readonly ChangeRow[]) {
  const stripped = withoutBefore(rows)
  return stripped.length ? store.putChanges(stripped) : Promise.resolve()
}
