import type { NoteType } from '../core/notes/note-types'
import type {
  CardRow,
  DeckRow,
  MediaContentRow,
  MediaRow,
  NoteRow,
  ReviewLogRow,
  SettingRow,
  VersionedTable,
  VersionRow,
} from './collection'
import { isCounted } from './collection'
import type { Preset } from './presets'
import type {
  CardDigestKey,
  CardDigestRow,
  CardRange,
  ChangeRow,
  StudyStore,
  TallyKey,
  TallyKind,
  TallyRow,
} from './store'

// The HTML structured-clone algorithm, present in every host this runs in (browsers, Node ≥ 17);
// declared here because core and app compile without DOM or Node types.
declare function structuredClone<T>(value: T): T
declare function setTimeout(callback: () => void, ms: number): unknown

const copy = <T>(row: T): T => structuredClone(row)

/** Moves `id` from the group `from` to the group `to` of an index (`undefined`: in none). */
function moveId<K>(
  index: Map<string, K[]>,
  id: K,
  from: string | undefined,
  to: string | undefined,
) {
  if (from === to) return
  if (from !== undefined) {
    const ids = index.get(from)
    const at = ids?.indexOf(id) ?? -1
    if (ids && at >= 0) ids.splice(at, 1)
    if (ids?.length === 0) index.delete(from)
  }
  if (to !== undefined) {
    const ids = index.get(to)
    if (ids) ids.push(id)
    else index.set(to, [id])
  }
}

/** Rows' ids grouped by a column, as an index on it would find them. */
function idsBy<R, K>(rows: Iterable<R>, keyOf: (row: R) => string, idOf: (row: R) => K) {
  const index = new Map<string, K[]>()
  for (const row of rows) {
    const ids = index.get(keyOf(row))
    if (ids) ids.push(idOf(row))
    else index.set(keyOf(row), [idOf(row)])
  }
  return index
}

/**
 * The whole collection in plain maps: the store of the unit tests and the command line.
 * Rows are copied in and out (as IndexedDB does), transactions and reads run one at a time,
 * and a transaction undoes its writes if `work` throws.
 */
export class MemoryStore implements StudyStore {
  private readonly decks = new Map<string, DeckRow>()
  private readonly noteTypes = new Map<string, NoteType>()
  private readonly notes = new Map<string, NoteRow>()
  private readonly cards = new Map<string, CardRow>()
  private readonly logs = new Map<number, ReviewLogRow>()
  private readonly settings = new Map<string, SettingRow>()
  private readonly presets = new Map<string, Preset>()
  private readonly media = new Map<string, MediaRow>()
  private readonly mediaContent = new Map<string, MediaContentRow>()
  private readonly versions = new Map<string, VersionRow>()
  private readonly tallies = new Map<string, TallyRow>()
  private readonly digests = new Map<string, CardDigestRow>()
  private readonly changes = new Map<number, ChangeRow>()
  /** The last change log number given (as IndexedDB's key generator, never reset). */
  private changeSeq = 0
  private journal: (() => void)[] | null = null
  private queue: Promise<unknown> = Promise.resolve()

  /** Reads under way (`read`): a read inside one joins it. */
  private reading = 0

  /**
   * Runs `work` against one snapshot, as IndexedDB's read transaction: in turn with the write
   * transactions, so a write asked for while it runs waits until it is done. Inside a write
   * transaction or another read it joins that one.
   */
  read<T>(work: () => Promise<T>): Promise<T> {
    if (this.journal || this.reading) return work()
    const run = async () => {
      this.reading++
      try {
        return await work()
      } finally {
        this.reading--
      }
    }
    const result = this.queue.then(run)
    this.queue = result.catch(() => undefined)
    return result
  }

  currentTransaction(): object | undefined {
    return this.journal ?? undefined
  }

  bound(): StudyStore {
    return this
  }

  /**
   * Runs `work` so that its writes all happen or none does, one transaction at a time. Inside
   * another it joins that one, as a nested IndexedDB transaction of Dexie's does: its failure
   * undoes the whole.
   */
  transaction<T>(work: () => Promise<T>): Promise<T> {
    if (this.journal) return work()
    const run = async () => {
      this.journal = []
      try {
        return await work()
      } catch (e) {
        // As IndexedDB's abort, which discards the writes still under way too: let the work's
        // other branches (a write of Promise.all beside the one that failed) finish first.
        await new Promise<void>((settled) => setTimeout(() => settled(), 0))
        for (const undo of this.journal.reverse()) undo()
        throw e
      } finally {
        this.journal = null
      }
    }
    const result = this.queue.then(run)
    this.queue = result.catch(() => undefined)
    return result
  }

  /** Writes `row` under `key`, remembering what was there for a rollback. */
  private write<K, V>(map: Map<K, V>, key: K, row: V | undefined) {
    const had = map.has(key)
    const old = map.get(key)
    this.journal?.push(() => {
      this.reindex(map, key, map.get(key), old)
      if (had) map.set(key, old as V)
      else map.delete(key)
    })
    this.reindex(map, key, old, row)
    if (row === undefined) map.delete(key)
    else map.set(key, copy(row))
  }

  /**
   * Keeps the indexes made so far true to a row going from `was` to `now` (either absent), as
   * IndexedDB keeps its indexes on each write: a write costs the rows it touches, not a new
   * index of the whole table at the next read (which made a sync's batches quadratic).
   */
  private reindex<K, V>(map: Map<K, V>, key: K, was: V | undefined, now: V | undefined) {
    if (map === (this.logs as Map<unknown, unknown>)) {
      this.logOrder = null
      if (this.logsByCard) {
        const from = was as ReviewLogRow | undefined
        const to = now as ReviewLogRow | undefined
        moveId(this.logsByCard, key as number, from?.cardId, to?.cardId)
      }
    } else if (map === (this.cards as Map<unknown, unknown>) && this.cardsByNote) {
      const from = was as CardRow | undefined
      const to = now as CardRow | undefined
      moveId(this.cardsByNote, key as string, from?.noteId, to?.noteId)
    }
  }

  /** The logs' ids in order, for paging through the log (made again after a log write). */
  private logOrder: number[] | null = null
  /** Each card's log ids: made when first asked for, then kept by each write (`reindex`). */
  private logsByCard: Map<string, number[]> | null = null

  /** Each note's card ids: made when first asked for, then kept by each write (`reindex`). */
  private cardsByNote: Map<string, string[]> | null = null

  private logIdsOfCard(cardId: string): number[] {
    this.logsByCard ??= idsBy(
      this.logs.values(),
      (l) => l.cardId,
      (l) => l.id,
    )
    return this.logsByCard.get(cardId) ?? []
  }

  async getDeck(id: string) {
    return copy(this.decks.get(id))
  }
  async listDecks() {
    return [...this.decks.values()].sort((a, b) => a.id.localeCompare(b.id)).map(copy)
  }
  async putDeck(row: DeckRow) {
    this.write(this.decks, row.id, row)
  }

  async getNoteType(id: string) {
    return copy(this.noteTypes.get(id))
  }
  async listNoteTypes() {
    return [...this.noteTypes.values()].map(copy)
  }
  async putNoteTypes(rows: readonly NoteType[]) {
    for (const r of rows) this.write(this.noteTypes, r.id, r)
  }

  async getNote(id: string) {
    return copy(this.notes.get(id))
  }
  async getNotes(ids: readonly string[]) {
    return ids.map((id) => copy(this.notes.get(id)))
  }
  async allNotes() {
    return [...this.notes.values()].map(copy)
  }
  async notesOfDeck(deckId: string) {
    return [...this.notes.values()].filter((n) => n.deckId === deckId).map(copy)
  }
  async putNotes(rows: readonly NoteRow[]) {
    for (const r of rows) this.write(this.notes, r.id, r)
  }

  async cardsByPositionRange(deckId: string, from: number, to: number) {
    return [...this.cards.values()]
      .filter((c) => c.deckId === deckId && c.position >= from && c.position <= to)
      .map(copy)
  }
  async notesPage(deckId: string, from: number, limit: number) {
    return [...this.notes.values()]
      .filter((n) => n.deckId === deckId && n.position >= from)
      .sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : 1))
      .slice(0, limit)
      .map(copy)
  }
  async trashedNotes() {
    return [...this.notes.values()].filter((n) => n.deletedAt !== undefined).map(copy)
  }
  async allTags() {
    return [...new Set([...this.notes.values()].flatMap((n) => n.tags))].sort()
  }
  async getCard(id: string) {
    return copy(this.cards.get(id))
  }
  async getCards(ids: readonly string[]) {
    return ids.map((id) => copy(this.cards.get(id)))
  }
  async putCard(row: CardRow) {
    this.write(this.cards, row.id, row)
  }
  async putCards(rows: readonly CardRow[]) {
    for (const r of rows) this.write(this.cards, r.id, r)
  }
  async cardsOfNotes(noteIds: readonly string[]) {
    const index = (this.cardsByNote ??= idsBy(
      this.cards.values(),
      (c) => c.noteId,
      (c) => c.id,
    ))
    return [...new Set(noteIds)].flatMap((n) =>
      (index.get(n) ?? []).map((id) => copy(this.cards.get(id) as CardRow)),
    )
  }
  private inQueue({ deckId, queue }: CardRange) {
    return [...this.cards.values()].filter((c) => c.deckId === deckId && c.queue === queue)
  }
  async queueIds(r: CardRange, by: 'due' | 'position') {
    const value = (c: CardRow) => (by === 'due' ? c.due : c.position)
    return this.inQueue(r)
      .filter((c) => value(c) >= r.from && value(c) < r.to)
      .sort((a, b) => value(a) - value(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .slice(0, r.limit ?? Infinity)
      .map((c) => c.id)
  }
  async cardsByDue(r: CardRange) {
    const ids = await this.queueIds(r, 'due')
    return ids.map((id) => copy(this.cards.get(id) as CardRow))
  }
  async firstByDue(r: Omit<CardRange, 'limit'>) {
    const [id] = await this.queueIds({ ...r, limit: 1 }, 'due')
    return id === undefined ? undefined : copy(this.cards.get(id))
  }
  async countByDue(r: CardRange) {
    return this.inQueue(r).filter((c) => c.due >= r.from && c.due < r.to).length
  }
  async buriedUntil(time: number) {
    return [...this.cards.values()]
      .filter((c) => c.buriedUntil !== undefined && c.buriedUntil <= time)
      .map(copy)
  }
  async countCards(deckId: string) {
    return [...this.cards.values()].filter((c) => c.deckId === deckId && isCounted(c.queue)).length
  }
  async sectionCards(deckId: string, prefix: string) {
    return [...this.cards.values()]
      .filter((c) => c.deckId === deckId && c.sectionKey.startsWith(prefix))
      .map(copy)
  }

  async addLog(row: ReviewLogRow) {
    if (this.logs.has(row.id)) throw new Error(`review log ${row.id} already exists`)
    this.write(this.logs, row.id, row)
  }
  async getLog(id: number) {
    return copy(this.logs.get(id))
  }
  async getLogs(ids: readonly number[]) {
    return ids.map((id) => copy(this.logs.get(id)))
  }
  async existingLogIds(ids: readonly number[]) {
    return new Set(ids.filter((id) => this.logs.has(id)))
  }
  async putLogs(rows: readonly ReviewLogRow[]) {
    for (const r of rows) this.write(this.logs, r.id, r)
  }
  async deleteLog(id: number) {
    this.write(this.logs, id, undefined)
  }
  async logsSince(since: number) {
    return [...this.logs.values()]
      .filter((l) => l.id >= since)
      .sort((a, b) => a.id - b.id)
      .map(copy)
  }
  async logsAfter(after: number, limit: number) {
    const order = (this.logOrder ??= [...this.logs.keys()].sort((a, b) => a - b))
    // The first id past `after`, by bisection.
    let lo = 0
    let hi = order.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if ((order[mid] as number) > after) hi = mid
      else lo = mid + 1
    }
    return order.slice(lo, lo + limit).map((id) => copy(this.logs.get(id) as ReviewLogRow))
  }
  async logsOfCard(cardId: string) {
    return [...this.logIdsOfCard(cardId)]
      .sort((a, b) => a - b)
      .map((id) => copy(this.logs.get(id) as ReviewLogRow))
  }
  async lastLogOfCard(cardId: string) {
    const ids = this.logIdsOfCard(cardId)
    return ids.length ? copy(this.logs.get(Math.max(...ids))) : undefined
  }

  async getPreset(id: string) {
    return copy(this.presets.get(id))
  }
  async listPresets() {
    return [...this.presets.values()].map(copy)
  }
  async putPreset(row: Preset) {
    this.write(this.presets, row.id, row)
  }

  async listSettings() {
    return [...this.settings.values()].map(copy)
  }
  async putSetting(row: SettingRow) {
    this.write(this.settings, row.key, row)
  }

  async getMedia(names: readonly string[]) {
    return names.map((n) => copy(this.media.get(n)))
  }
  async mediaNames() {
    return [...this.media.keys()]
  }
  async putMedia(rows: readonly MediaRow[]) {
    for (const r of rows) this.write(this.media, r.name, r)
  }
  async getMediaContent(hashes: readonly string[]) {
    return hashes.map((h) => copy(this.mediaContent.get(h))?.data)
  }
  async mediaContentHashes() {
    return [...this.mediaContent.keys()]
  }
  async putMediaContent(rows: readonly MediaContentRow[]) {
    for (const r of rows) this.write(this.mediaContent, r.hash, r)
  }
  async deleteMediaContent(hashes: readonly string[]) {
    for (const h of hashes) this.write(this.mediaContent, h, undefined)
  }

  async getTallies(keys: readonly TallyKey[]) {
    return keys.map((k) => copy(this.tallies.get(tallyKey(k))))
  }
  async putTallies(rows: readonly TallyRow[]) {
    for (const r of rows) this.write(this.tallies, tallyKey([r.deckId, r.kind, r.day]), r)
  }
  async deleteTallies(keys: readonly TallyKey[]) {
    for (const k of keys) this.write(this.tallies, tallyKey(k), undefined)
  }
  async talliesOfDeck(deckId: string, kind: TallyKind, from: number, to: number) {
    return [...this.tallies.values()]
      .filter((t) => t.deckId === deckId && t.kind === kind && t.day >= from && t.day <= to)
      .sort((a, b) => a.day - b.day)
      .map(copy)
  }
  async clearTallies() {
    for (const key of [...this.tallies.keys()]) this.write(this.tallies, key, undefined)
  }

  async getDigests(keys: readonly CardDigestKey[]) {
    return keys.map((k) => copy(this.digests.get(k.join('\u0000'))))
  }
  async putDigests(rows: readonly CardDigestRow[]) {
    for (const r of rows) this.write(this.digests, [r.deckId, r.block].join('\u0000'), r)
  }
  async deleteDigests(keys: readonly CardDigestKey[]) {
    for (const k of keys) this.write(this.digests, k.join('\u0000'), undefined)
  }
  async digestsOfDeck(deckId: string) {
    return [...this.digests.values()]
      .filter((r) => r.deckId === deckId)
      .sort((a, b) => a.block - b.block)
      .map(copy)
  }

  async clearAll() {
    const tables: Map<unknown, unknown>[] = [
      this.decks,
      this.noteTypes,
      this.notes,
      this.cards,
      this.logs,
      this.settings,
      this.presets,
      this.media,
      this.versions,
      this.tallies,
      this.digests,
    ]
    for (const table of tables)
      for (const key of [...table.keys()]) this.write(table, key, undefined)
  }

  async putVersions(rows: readonly VersionRow[]) {
    for (const row of rows) if (!this.versions.has(row.id)) this.write(this.versions, row.id, row)
  }
  async versionsOf(table: VersionedTable, key: string) {
    return [...this.versions.values()]
      .filter((v) => v.table === table && v.key === key)
      .sort((a, b) => a.at - b.at || (a.by < b.by ? -1 : 1))
      .map(copy)
  }
  async listVersions() {
    return [...this.versions.values()]
      .sort((a, b) => b.keptAt - a.keptAt || (a.id < b.id ? -1 : 1))
      .map(copy)
  }
  async getVersion(id: string) {
    return copy(this.versions.get(id))
  }

  async appendChange(row: ChangeRow) {
    const seq = ++this.changeSeq
    this.write(this.changes, seq, { ...row, seq })
  }
  async putChanges(rows: readonly (ChangeRow & { seq: number })[]) {
    for (const row of rows) {
      // As IndexedDB's put would, but a row the log does not have is a caller's mistake here.
      if (!this.changes.has(row.seq)) throw new Error(`No change log row ${row.seq} to rewrite`)
      this.write(this.changes, row.seq, row)
    }
  }
  async changesAfter(after: number, limit: number) {
    const out: ChangeRow[] = []
    // Numbers are given in order and rows are only appended: walk up from `after`.
    for (
      let seq = Math.max(0, Math.floor(after)) + 1;
      seq <= this.changeSeq && out.length < limit;
      seq++
    ) {
      const row = this.changes.get(seq)
      if (row) out.push(copy(row))
    }
    return out
  }
  async lastChangeSeq() {
    let seq = this.changeSeq
    while (seq > 0 && !this.changes.has(seq)) seq--
    return seq
  }
}

const tallyKey = (k: TallyKey) => k.join('\u0000')
