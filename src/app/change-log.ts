import type { StoreReads, TallyKey, TallyRow } from './store'

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
