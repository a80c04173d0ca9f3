import type { NoteType } from '../core/notes/note-types'
import { makeDigest } from './card-digests'
import { MemoryStore } from './memory-store'
import type {
  CardRow,
  DeckRow,
  MediaContentRow,
  MediaRow,
  NoteRow,
  ReviewLogRow,
  SettingRow,
  VersionRow,
} from './collection'
import { logMarks, markRows } from './change-log'
import { compactChanges, ensureTallies, followChanges } from './derived'
import type { Preset } from './presets'
import {
  READ_METHODS,
  type Change,
  type StoreReads,
  type StoreTable,
  type StudyStore,
  type UserTable,
} from './store'
import type { TallyRule } from './tallies'

declare function setTimeout(callback: () => void, ms: number): unknown

/** The change of a put of rows under `keys` (none for no rows). */
const putOf = (table: UserTable, keys: (string | number)[]): Change | null =>
  keys.length ? { table, op: 'put', keys } : null

/** How long after a commit that wrote cards or logs the derived tables follow it. */
const FOLLOW_DELAY_MS = 250

/** What a commit changed: the tables written, and whether the whole collection was replaced. */
export interface CommitNews {
  tables: readonly UserTable[]
  /** A restore: every table was cleared first (what was shown from it is gone). */
  cleared: boolean
}

/** What listeners hear of a commit, here or in another tab or worker (`here` false). */
export type CommitListener = (news: CommitNews & { here: boolean }) => void

/**
 * How a Collection tells the others over the same database (other tabs, workers) of its
 * commits, and hears theirs: a host gives one (a BroadcastChannel in the browser).
 */
export interface CommitChannel {
  post(news: CommitNews): void
  listen(heard: (news: CommitNews) => void): void
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type -- the reads, passed through in the constructor
export interface Collection extends StoreReads {}

/** What a Collection and the views of it bound to a transaction share. */
interface Shared {
  /** The store, unbound: transactions of their own, the derived tables' follow. */
  store: StudyStore
  /** The changes of each open transaction, under the store's handle for it. */
  open: WeakMap<object, { changes: Change[] }>
  listeners: Set<CommitListener>
  following: Promise<boolean> | null
  compacting: Promise<void> | null
  /** A commit wrote cards or logs since the last follow began. */
  dirty: boolean
  scheduled: boolean
  channel: CommitChannel | undefined
}

/**
 * The collection, and the only way to write to it. Every use case reads and writes through
 * one: reads pass through to the store; every write is gathered with the others of its
 * transaction into one row of the change log, written in that same transaction (so the log
 * holds every change, in the order they committed, and nothing the store did not keep). After
 * a transaction commits, the derived tables follow the log (`derived.ts`) and listeners hear
 * which tables changed.
 *
 * A write outside any transaction runs in one of its own.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- see above
export class Collection {
  /**
   * The store its reads and writes go to: the store, or (a view made by `bound()`) the store
   * bound to one transaction. Private, so only a Collection is a Collection (the type is not
   * structural).
   */
  readonly #store: StudyStore
  readonly #shared: Shared

  /** `view`: internal, for `bound()`: the collection this is a view of shares its state. */
  constructor(store: StudyStore, channel?: CommitChannel, view?: Shared) {
    this.#store = store
    if (view) this.#shared = view
    else {
      this.#shared = {
        store,
        open: new WeakMap(),
        listeners: new Set(),
        following: null,
        compacting: null,
        dirty: false,
        scheduled: false,
        channel,
      }
      // Another tab's or worker's commit: listeners hear it, and its cards and logs are followed.
      channel?.listen((news) => this.#heard({ ...news, here: false }))
    }
    for (const name of READ_METHODS)
      Object.defineProperty(this, name, {
        value: (store[name] as (...args: unknown[]) => unknown).bind(store),
      })
  }

  /**
   * This collection bound to the transaction the caller runs in (`StudyStore.bound()`): for
   * helpers with long chains of awaits, whose reads and writes would otherwise leave it in
   * Dexie. Its writes are logged with the transaction's; it joins that transaction. Call it
   * before the work's first await.
   */
  bound(): Collection {
    const store = this.#shared.store.bound()
    return store === this.#store ? this : new Collection(store, undefined, this.#shared)
  }

  /**
   * Runs `work` so that all its writes happen or none does, and logs them as one change.
   * Only Collection and store calls may be awaited in it. `tables`: the only tables it
   * touches (the change log is added).
   */
  transaction<T>(
    work: () => Promise<T>,
    tables?: readonly StoreTable[],
    options?: { source?: 'sync' },
  ): Promise<T> {
    const store = this.#store
    // A view bound to an open transaction of this collection joins it: the outer one logs.
    if (store !== this.#shared.store) {
      const tx = store.currentTransaction()
      if (tx && this.#shared.open.has(tx)) return work()
    }
    const scope = tables && [...new Set<StoreTable>([...tables, 'changes'])]
    const written = new Set<UserTable>()
    let cleared = false
    return store
      .transaction(async () => {
        const tx = store.currentTransaction()
        if (!tx || this.#shared.open.has(tx)) return work()
        const open = { changes: [] as Change[] }
        this.#shared.open.set(tx, open)
        // Bound before any await, so the log row is written in this transaction however long
        // the work's chain of awaits.
        const bound = store.bound()
        try {
          // The caller's work: its own awaits are checked where it is written.
          // eslint-disable-next-line attache/store-awaits
          const result = await work()
          if (open.changes.length) {
            for (const c of open.changes)
              if (c.table === '*') cleared = true
              else written.add(c.table)
            await bound.appendChange({
              changes: open.changes,
              // When the commit happened, as the sequence says in what order: the store's own
              // record, not a time a use case decides (those take `now` as an argument).
              // eslint-disable-next-line no-restricted-syntax
              at: Date.now(),
              ...(options?.source ? { source: options.source } : {}),
            })
          }
          return result
        } finally {
          this.#shared.open.delete(tx)
        }
      }, scope)
      .then((result) => {
        if (written.size || cleared) {
          const news = { tables: [...written], cleared }
          this.#heard({ ...news, here: true })
          this.#shared.channel?.post(news)
        }
        return result
      })
  }

  /** Listens to every commit that wrote, here or (with a channel) elsewhere; returns how to stop. */
  onCommit(listener: CommitListener): () => void {
    const { listeners } = this.#shared
    listeners.add(listener)
    return () => listeners.delete(listener)
  }

  #heard(news: CommitNews & { here: boolean }) {
    const shared = this.#shared
    for (const listener of shared.listeners) listener(news)
    if (news.cleared || news.tables.includes('cards') || news.tables.includes('revlog')) {
      shared.dirty = true
      // A moment later, once the caller has moved on: the follow is a read-write transaction
      // over cards and logs, and the next card's reads would wait behind it.
      if (!shared.scheduled) {
        shared.scheduled = true
        setTimeout(() => {
          shared.scheduled = false
          void this.follow().catch(() => undefined)
        }, FOLLOW_DELAY_MS)
      }
    }
  }

  /**
   * Brings the derived tables up to date with the change log (done after every commit that
   * wrote cards or logs; call it to wait for it). Returns whether there was anything to follow.
   */
  follow(): Promise<boolean> {
    // One follow at a time; a commit made while one runs makes it go round again.
    const shared = this.#shared
    if (shared.following) return shared.following
    const run = async (): Promise<boolean> => {
      let any = false
      let behind = false
      do {
        shared.dirty = false
        const followed = await followChanges(shared.store)
        any ||= followed.followed
        behind ||= followed.behind
      } while (shared.dirty)
      // Not waited for: after an upgrade it reads the whole log, and the statistics follow first.
      if (behind) void this.compact().catch(() => undefined)
      return any
    }
    shared.following = run().finally(() => {
      shared.following = null
    })
    return shared.following
  }

  /**
   * Catches the change log's compaction up with the derived tables (`compactChanges`); started
   * by a follow that finds it behind, one at a time; call it to wait for it.
   */
  compact(): Promise<void> {
    const shared = this.#shared
    shared.compacting ??= compactChanges(shared.store).finally(() => {
      shared.compacting = null
    })
    return shared.compacting
  }

  /** Makes the kept counts follow `rule`, counting afresh if they do not (`derived.ts`). */
  ensureTallies(rule: TallyRule): Promise<boolean> {
    return ensureTallies(this.#shared.store, rule)
  }

  /** Makes a deck's card digest if it has none (`card-digests.ts`). */
  makeDigest(deckId: string): Promise<boolean> {
    return makeDigest(this.#shared.store, deckId)
  }

  /** The changes of the transaction the caller runs in, if it is one of this Collection's. */
  #openNow() {
    const tx = this.#store.currentTransaction()
    return tx && this.#shared.open.get(tx)
  }

  /**
   * Records `change` in the caller's transaction and makes the write, or runs both in a
   * transaction of its own. The store's promise is handed back as it is: Dexie keeps its
   * transaction across its own promises, not always across more layers of async functions.
   */
  #write(
    tables: readonly StoreTable[] | undefined,
    change: Change | null,
    write: (store: StudyStore) => Promise<void>,
  ): Promise<void> {
    const open = this.#openNow()
    if (!open) return this.transaction(() => this.#write(tables, change, write), tables)
    if (change) open.changes.push(change)
    return write(this.#store)
  }

  /** As `#write`, for a put of rows under `keys` to one table. */
  #put(table: UserTable, keys: (string | number)[], write: (store: StudyStore) => Promise<void>) {
    return this.#write([table], putOf(table, keys), write)
  }

  /** As `#write`, for a change that needs rows read first (what cards and logs were). */
  #writeAfter<T>(
    tables: readonly StoreTable[] | undefined,
    read: (store: StudyStore) => Promise<T>,
    then: (read: T) => { change: Change | null; write: (store: StudyStore) => Promise<void> },
  ): Promise<void> {
    const open = this.#openNow()
    if (!open) return this.transaction(() => this.#writeAfter(tables, read, then), tables)
    return read(this.#store).then((was) => {
      const { change, write } = then(was)
      if (change) open.changes.push(change)
      return write(this.#store)
    })
  }

  putDeck(row: DeckRow) {
    return this.#put('decks', [row.id], (s) => s.putDeck(row))
  }
  putNoteTypes(rows: readonly NoteType[]) {
    return this.#put(
      'noteTypes',
      rows.map((r) => r.id),
      (s) => s.putNoteTypes(rows),
    )
  }
  putNotes(rows: readonly NoteRow[]) {
    return this.#put(
      'notes',
      rows.map((r) => r.id),
      (s) => s.putNotes(rows),
    )
  }
  /** `replacing`: the card as stored, when the caller read it in this transaction. */
  putCard(row: CardRow, replacing?: CardRow) {
    const change = (was: CardRow | undefined): Change => ({
      table: 'cards',
      op: 'put',
      keys: [row.id],
      before: was ? [was] : [],
    })
    if (replacing?.id === row.id)
      return this.#write(['cards'], change(replacing), (s) => s.putCard(row))
    return this.#writeAfter(
      ['cards'],
      (s) => s.getCards([row.id]),
      ([was]) => ({ change: change(was), write: (s) => s.putCard(row) }),
    )
  }
  putCards(rows: readonly CardRow[]) {
    const ids = rows.map((r) => r.id)
    return this.#writeAfter(
      ['cards'],
      (s) => s.getCards(ids),
      (was) => ({
        change: rows.length
          ? { table: 'cards', op: 'put', keys: ids, before: was.flatMap((c) => (c ? [c] : [])) }
          : null,
        write: (s) => s.putCards(rows),
      }),
    )
  }
  addLog(row: ReviewLogRow) {
    return this.#write(
      ['revlog'],
      { table: 'revlog', op: 'put', keys: [row.id], before: [] },
      (s) => s.addLog(row),
    )
  }
  putLogs(rows: readonly ReviewLogRow[]) {
    const ids = rows.map((r) => r.id)
    // Keys first: most imported logs are new, and reading keys clones no row.
    return this.#writeAfter(
      ['revlog'],
      (s) => s.existingLogIds(ids).then((stored) => s.getLogs([...stored])),
      (was) => ({
        change: rows.length
          ? { table: 'revlog', op: 'put', keys: ids, before: was.flatMap((l) => (l ? [l] : [])) }
          : null,
        write: (s) => s.putLogs(rows),
      }),
    )
  }
  deleteLog(id: number) {
    return this.#writeAfter(
      ['revlog'],
      (s) => s.getLog(id),
      (was) => ({
        change: was ? { table: 'revlog', op: 'delete', keys: [id], before: [was] } : null,
        write: (s) => s.deleteLog(id),
      }),
    )
  }
  putPreset(row: Preset) {
    return this.#put('presets', [row.id], (s) => s.putPreset(row))
  }
  putSetting(row: SettingRow) {
    return this.#put('settings', [row.key], (s) => s.putSetting(row))
  }
  putMedia(rows: readonly MediaRow[]) {
    return this.#put(
      'media',
      rows.map((r) => r.name),
      (s) => s.putMedia(rows),
    )
  }
  putMediaContent(rows: readonly MediaContentRow[]) {
    return this.#put(
      'mediaContent',
      rows.map((r) => r.hash),
      (s) => s.putMediaContent(rows),
    )
  }
  putVersions(rows: readonly VersionRow[]) {
    return this.#put(
      'versions',
      rows.map((r) => r.id),
      (s) => s.putVersions(rows),
    )
  }
  deleteMediaContent(hashes: readonly string[]) {
    const change: Change | null = hashes.length
      ? { table: 'mediaContent', op: 'delete', keys: [...hashes] }
      : null
    return this.#write(['mediaContent'], change, (s) => s.deleteMediaContent(hashes))
  }
  /**
   * Deletes every row of every table but media content (`StudyStore.clearAll`); the derived
   * tables keep where they stand in the change log.
   */
  clearAll() {
    return this.#writeAfter(
      undefined,
      (s) => logMarks(s),
      (marks) => ({
        change: { table: '*', op: 'clear', keys: [] },
        write: (s) => s.clearAll().then(() => s.putTallies(markRows(marks))),
      }),
    )
  }
}

/** A collection in memory (the tests and the command line). */
export const memoryCollection = () => new Collection(new MemoryStore())
