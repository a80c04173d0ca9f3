import { CardState, fuzzSeed, type Grade, type Scheduler } from '../../core/scheduling/scheduler'
import {
  fromStoredState,
  storedStateOf,
  toStoredState,
  type StoredState,
} from '../../core/scheduling/stored-state'
import {
  Queue,
  queueOf,
  type CardRow,
  type DeckRow,
  type MediaRow,
  type NoteRow,
  type ReviewLogRow,
  type SettingRow,
  type VersionedTable,
  type VersionRow,
  versionIdOf,
  versionedKeyOf,
} from '../collection'
import type { Collection } from '../collection-writes'
import { DEFAULT_SETTINGS, type Settings } from '../settings'
import { HISTORY_KEY, mergedHistories } from '../mock-exam'
import type { StoreTable } from '../store'
import type { NoteType } from '../../core/notes/note-types'
import { DEFAULT_PRESET_ID, schedulerOptionsOf, type IncomingRows, type Preset } from '../presets'
import { base64Decode, base64Encode } from '@bufbuild/protobuf/wire'
import { contentHash } from '../../core/media/content-hash'
import {
  MAX_MEDIA_BYTES,
  SHARED_SETTINGS,
  SYNC_DOC_VERSION,
  docIdOf,
  docProblem,
  isNewer,
  logDocId,
  meaningHash,
  meaningOf,
  MAX_SEEN,
  newest,
  sameData,
  type CardBase,
  type CardBody,
  type DocKind,
  type LogBody,
  type Register,
  type SyncDoc,
  type Stamp,
  type SyncDocOf,
} from './sync-docs'
import { SYNC_STATE_KEY, syncStateSchema, type SyncState } from './sync-state'
import { encryptedReplica, type SyncKey } from './encryption'

/**
 * The part of a PouchDB database sync uses (PouchDB's own type fits it): this device's replica
 * of the server's database. The collection is written to it, PouchDB replicates it with the
 * server over CouchDB's replication protocol, and what came back is applied to the collection.
 */
export interface Replica {
  allDocs(options: { keys: string[]; include_docs: true; conflicts: true }): Promise<{
    rows: { key: string; doc?: unknown; value?: { rev: string; deleted?: boolean } }[]
  }>
  bulkDocs(docs: object[]): Promise<unknown[]>
  get(id: string, options: { rev?: string; attachments?: boolean }): Promise<unknown>
  changes(options: {
    since: number | string
    limit: number
    include_docs: true
    conflicts: true
  }): Promise<{
    results: { id: string; seq: number | string; deleted?: boolean; doc?: unknown }[]
    last_seq: number | string
  }>
  info(): Promise<{ update_seq: number | string }>
}

/** Where a sync is, for a progress bar: `done` of `total` (when known) in this phase. */
export interface SyncProgress {
  phase: 'send' | 'replicate' | 'receive'
  done: number
  total?: number
}

/** What PouchDB says of a replication's batch (its `change` event). */
interface ReplicationBatch {
  /** Changes read from the source so far. */
  docs_read: number
  /** The source's sequence the batch reached. */
  last_seq?: number | string
  /** Changes the source still holds after it (CouchDB 2.0 and later say; others do not). */
  pending?: number
}

/** A PouchDB database's replication, as sync uses it (PouchDB's own fits it). */
interface Replicating {
  replicate: {
    to(target: never, options: { batch_size: number }): PromiseLike<{ doc_write_failures: number }>
    from(
      source: never,
      options: { batch_size: number },
    ): PromiseLike<{ doc_write_failures: number }> & {
      on?(event: 'change', listener: (batch: ReplicationBatch) => void): unknown
    }
  }
  info(): Promise<{ update_seq: number | string }>
}

/** How far the server's documents have come down: `done` of about `total`. */
export interface DownProgress {
  done: number
  total: number
}

/**
 * A CouchDB sequence as a number: PouchDB's are numbers; CouchDB 2.0 and later write
 * `N-opaque`, whose N grows with the database's updates. NaN when it is neither.
 */
const seqNumber = (seq: number | string | undefined) =>
  typeof seq === 'number' ? seq : typeof seq === 'string' ? parseInt(seq, 10) : NaN

/**
 * Replicates a replica with the server both ways, by PouchDB (CouchDB's replication protocol):
 * what it has goes up, then what the server has comes down. Each host makes the databases.
 * `down` hears each batch that comes down, with how many the server still has: what it says
 * (CouchDB's `pending`), or else the sequences between the batch and the server's sequence
 * when the replication began (a count of updates, so at most a little high).
 */
export async function replicateBoth<T extends Replicating>(
  local: T,
  remote: T,
  down?: (progress: DownProgress) => void,
): Promise<void> {
  const up = await local.replicate.to(remote as never, { batch_size: 500 })
  const until = down ? seqNumber((await remote.info()).update_seq) : NaN
  const replication = local.replicate.from(remote as never, { batch_size: 500 })
  if (down)
    replication.on?.('change', (batch) => {
      const left = batch.pending ?? until - seqNumber(batch.last_seq)
      if (Number.isFinite(left))
        down({ done: batch.docs_read, total: batch.docs_read + Math.max(0, left) })
    })
  const result = await replication
  for (const r of [up, result])
    if (r.doc_write_failures)
      throw new Error(`${r.doc_write_failures} documents could not be written`)
}

export interface SyncOptions {
  collection: Collection
  /** This device's replica of the server's database. */
  local: Replica
  /**
   * Replicates the replica with the server both ways (PouchDB's `replicate.to` and `.from`),
   * telling `down` how far the server's documents have come (`replicateBoth` does).
   */
  replicate: (down: (progress: DownProgress) => void) => Promise<void>
  /**
   * The scheduler a deck's cards are answered with (their answers are replayed with it).
   * `incoming`: decks, presets and settings arriving in the same batch as the answers, to be
   * read in place of the stored ones (an exam date, a preset or a rollover hour set on another
   * device applies to the answers that come with it). Asked again for each batch received, so
   * it reads the collection as the batches before have left it (`replayScheduler`).
   */
  schedulerFor: (deckId: string, incoming?: IncomingRows) => Promise<Scheduler>
  now: () => Date
  onProgress?: (progress: SyncProgress) => void
  /** For tests: a new device id (16 hex digits); random otherwise. */
  newDevice?: () => string
}

/** What a sync did. */
export interface SyncReport {
  device: string
  sent: number
  received: number
  /** Documents from the server that were refused, each with its id and reason (nothing of them written). */
  refused: { id: string; reason: string }[]
}

const BATCH = 500

/** The tables a pull writes. */
const PULL_TABLES: readonly StoreTable[] = [
  'media',
  'decks',
  'noteTypes',
  'notes',
  'cards',
  'revlog',
  'presets',
  'settings',
  'versions',
]

/** The documents that merge whole, newest edit winning, whose losing versions are kept. */
const VERSIONED: Partial<Record<DocKind, VersionedTable>> = {
  note: 'notes',
  deck: 'decks',
  preset: 'presets',
  setting: 'settings',
}

/**
 * Where a losing version of this document is kept, if anywhere: the mock exams' history is
 * every device's events merged (`combinedSetting`), so no version of it loses.
 */
function versionedIn(kind: DocKind, body: object): VersionedTable | undefined {
  if (kind === 'setting' && (body as SettingRow).key === HISTORY_KEY) return undefined
  return VERSIONED[kind]
}

/** A version of a row kept as lost, with the stamp of the edit that made it. */
function versionOf(table: VersionedTable, body: object, made: Stamp, keptAt: number) {
  const row = body as Record<string, unknown>
  const key = String(versionedKeyOf(table, row))
  const version: VersionRow = {
    id: versionIdOf(table, key, made.at, made.by),
    table,
    key,
    at: made.at,
    by: made.by,
    keptAt,
    row,
  }
  return version
}

/**
 * The versions of a document that lost to `winner`: those that mean something else, which the
 * winner was not made over (a device's copy of the same start is no loss).
 */
function lostTo(winner: SyncDoc, versions: readonly SyncDoc[], keptAt: number): VersionRow[] {
  const table = versionedIn(winner.kind, winner.body)
  if (!table) return []
  const seen = new Set(winner.seen ?? [])
  return versions
    .filter(
      (v) =>
        v !== winner &&
        !sameMeaning(v.kind, v.body, winner.body) &&
        !seen.has(meaningHash(v.kind, v.body)),
    )
    .map((v) => versionOf(table, v.body, v, keptAt))
}

const sameMeaning = (kind: DocKind, a: object, b: object) =>
  sameData(meaningOf(kind, a), meaningOf(kind, b))

/** What a new version made over `versions` has seen: each of them, and what they had seen. */
function seenOver(kind: DocKind, versions: readonly SyncDoc[] | undefined): string[] {
  if (!VERSIONED[kind] || !versions?.length) return []
  const seen = new Set<string>()
  for (const v of versions) seen.add(meaningHash(kind, v.body))
  for (const v of versions) for (const h of v.seen ?? []) seen.add(h)
  return [...seen].slice(0, MAX_SEEN)
}

const randomDevice = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('')

/** This device's sync bookkeeping; made (with a new device id) on the first sync. */
export async function syncStateOf(
  collection: Collection,
  newDevice: () => string = randomDevice,
): Promise<SyncState> {
  const row = (await collection.listSettings()).find((s) => s.key === SYNC_STATE_KEY)
  const parsed = syncStateSchema.safeParse(row?.value)
  if (parsed.success) return parsed.data
  const state: SyncState = { device: newDevice(), pushed: 0, sentAll: false, pulled: 0 }
  await collection.putSetting({ key: SYNC_STATE_KEY, value: state })
  return state
}

/**
 * Syncs the collection with the server once: sends what changed here into the replica,
 * replicates, and applies what came back, in transactions that carry their checkpoint (a sync
 * stopped at any moment resumes where it was, nothing lost or written twice). Studying goes on
 * meanwhile: a row changed here during the sync keeps its change, which the next sync sends.
 */
export async function syncOnce(given: SyncOptions): Promise<SyncReport> {
  const { collection } = given
  const state = await syncStateOf(collection, given.newDevice)
  // With a key, what is written to the replica is sealed and what is read from it opened.
  const options = state.key
    ? { ...given, local: encryptedReplica(given.local, state.key as SyncKey) }
    : given
  // What changed here is weighed against the versions this device last sent or received (the
  // replica before it replicates): a register is sent only when it was changed here.
  const sent = await send(options, state)
  options.onProgress?.({ phase: 'replicate', done: sent })
  // What the server sends is applied while replication still brings more (the replica's
  // changes are read as they land, batch by batch), and the rest once it ends: receiving costs
  // the time it takes beside the server's, not after it. Every batch commits with its
  // checkpoint, so a replication that fails half-way leaves what was applied whole.
  let ended: { error: unknown } | null = null
  let down: DownProgress | null = null
  const replication = options
    .replicate((progress) => {
      down = progress
      options.onProgress?.({ phase: 'replicate', ...progress })
    })
    .then(
      () => (ended = { error: null }),
      (error: unknown) => (ended = { error }),
    )
  let receiving: Awaited<ReturnType<typeof receive>>
  try {
    receiving = await receive(options, state.device, {
      ended: () => ended,
      down: () => down,
      more: () => Promise.race([replication, new Promise((r) => setTimeout(r, POLL_MS))]),
    })
  } finally {
    await replication
  }
  const { error } = await replication
  if (error) throw error
  const { received, refused } = receiving
  const after = await syncStateOf(collection)
  await collection.putSetting({
    key: SYNC_STATE_KEY,
    value: { ...after, lastSync: options.now().getTime() },
  })
  return { device: state.device, sent, received, refused }
}

// ---------------------------------------------------------------------------------------------
// Sending: the rows changed here since the last send become new versions of their documents.

interface Changed {
  /** Every row (the first send, or after the collection was emptied). */
  all: boolean
  /** Each changed key by table, with when it last changed here. */
  keys: Map<StoreTable, Map<string | number, number>>
  head: number
}

async function changedSince(
  collection: Collection,
  state: SyncState,
  now: number,
): Promise<Changed> {
  const keys = new Map<StoreTable, Map<string | number, number>>()
  let all = !state.sentAll
  let head = state.pushed
  for (;;) {
    const rows = await collection.changesAfter(head, 2_000)
    for (const row of rows) {
      head = Math.max(head, row.seq ?? head)
      for (const c of row.changes) {
        // What sync itself wrote is not sent back, but for the versions it kept: the loss
        // found here is shared, so every device keeps the same ones.
        if (row.source === 'sync' && c.table !== 'versions') continue
        if (c.op === 'clear' || c.table === '*') {
          all = true
          continue
        }
        let table = keys.get(c.table)
        if (!table) keys.set(c.table, (table = new Map()))
        for (const k of c.keys) table.set(k, row.at ?? now)
      }
    }
    if (rows.length < 2_000) break
  }
  return { all, keys, head }
}

async function send(options: SyncOptions, state: SyncState): Promise<number> {
  const { collection, local } = options
  const changed = await changedSince(collection, state, options.now().getTime())
  // When a row changed here: from the change log; for the first whole send, the time the row
  // itself records if it has one, else 0, so a version the server has wins over an undated one.
  const stampOf = (table: StoreTable, key: string | number, dated?: number) =>
    changed.keys.get(table)?.get(key) ?? dated ?? 0
  const keysOf = (table: StoreTable) => [...(changed.keys.get(table)?.keys() ?? [])]
  let sent = 0
  let examined = 0
  let total = 0
  const now = options.now().getTime()
  /** Edits made here that lost to a newer version before they were sent. */
  const behind: VersionRow[] = []
  /** Writes the documents made of `rows` rows to the replica. */
  const write = async (docs: object[], rows: number) => {
    if (docs.length) await local.bulkDocs(docs)
    sent += docs.length
    examined += rows
    options.onProgress?.({ phase: 'send', done: examined, total })
  }
  const device = state.device
  /** One scheduler per deck for the whole send (they are made from the same stored rows). */
  const schedulers = new Map<string, Promise<Scheduler>>()
  const schedulerOf = (deckId: string) => {
    let made = schedulers.get(deckId)
    if (!made) schedulers.set(deckId, (made = options.schedulerFor(deckId)))
    return made
  }
  const simple = async <K extends Exclude<DocKind, 'log' | 'card'>>(
    kind: K,
    table: StoreTable,
    rows: readonly SyncDocOf<K>['body'][],
    idOf: (row: SyncDocOf<K>['body']) => string,
    dateOf: (row: SyncDocOf<K>['body']) => number | undefined = () => undefined,
    /** A row with what the versions there hold that it lacks (a history of events), or itself. */
    combine?: (row: SyncDocOf<K>['body'], there: SyncDocOf<K>['body'][]) => SyncDocOf<K>['body'],
  ) => {
    for (let i = 0; i < rows.length; i += BATCH) {
      const batch = rows.slice(i, i + BATCH)
      const existing = await docsOf(
        local,
        batch.map((r) => docIdOf[kind](idOf(r))),
      )
      const docs: object[] = []
      for (const given of batch) {
        const id = docIdOf[kind](idOf(given))
        const versions = existing.get(id)
        const winner = versions && newest(versions)
        const row =
          combine && versions
            ? combine(
                given,
                versions.map((v) => v.body as SyncDocOf<K>['body']),
              )
            : given
        if (versions?.length === 1 && winner && sameData(winner.body, row)) continue
        // Combined with what is there, it is newer than all of it.
        const stamp = stampOf(table, idOf(row), dateOf(row))
        const at = row === given ? stamp : Math.max(stamp, ...(versions ?? []).map((v) => v.at + 1))
        // A newer version there than the change here: this row is behind, the receiving updates
        // it. An edit made here that never reached the replica lost: it is kept as a version.
        if (winner && !sameData(winner.body, row) && isNewer(winner, { at, by: device })) {
          const versioned = versionedIn(kind, row)
          if (
            versioned &&
            changed.keys.get(table)?.has(idOf(row)) &&
            !sameMeaning(kind, winner.body, row)
          )
            behind.push(versionOf(versioned, row, { at, by: device }, now))
          continue
        }
        const seen = seenOver(kind, versions)
        docs.push({
          _id: id,
          _rev: versions?.[0]?._rev,
          kind,
          v: SYNC_DOC_VERSION,
          at,
          by: device,
          body: row,
          ...(seen.length ? { seen } : {}),
        })
        for (const loser of versions?.slice(1) ?? [])
          docs.push({ _id: id, _rev: loser._rev, _deleted: true })
      }
      await write(docs, batch.length)
    }
  }

  const all = changed.all
  const decks = all
    ? await collection.listDecks()
    : defined(await Promise.all(keysOf('decks').map((k) => collection.getDeck(String(k)))))
  const types = all
    ? await collection.listNoteTypes()
    : defined(await Promise.all(keysOf('noteTypes').map((k) => collection.getNoteType(String(k)))))
  const presets = all
    ? await collection.listPresets()
    : defined(await Promise.all(keysOf('presets').map((k) => collection.getPreset(String(k)))))
  const settingKeys = new Set(keysOf('settings').map(String))
  const settings = (await collection.listSettings()).filter(
    (s) => SHARED_SETTINGS.has(s.key) && (all || settingKeys.has(s.key)),
  )
  const notes = all
    ? await collection.allNotes()
    : defined(await collection.getNotes(keysOf('notes').map(String)))
  const logIds = all ? await allLogIds(collection) : keysOf('revlog').map(Number)
  const cardIds = all
    ? await allCardIds(collection)
    : [
        ...new Set([
          ...keysOf('cards').map(String),
          ...(await rescheduledBy(decks, presets, settings)),
        ]),
      ]
  /**
   * Cards studied in decks whose scheduling changed here (the deck itself: an exam date; its
   * preset; or, for every deck, the hour the day rolls over): checked again, so that where their
   * answers no longer replay to them under the new options, their state is sent as a new base —
   * a device that replays those answers later, under the new options, would otherwise reach
   * another card.
   */
  async function rescheduledBy(
    changedDecks: DeckRow[],
    changedPresets: Preset[],
    changedSettings: SettingRow[],
  ) {
    const replayed = changedSettings.filter((s) => REPLAYED_SETTINGS.has(s.key))
    if (!changedDecks.length && !changedPresets.length && !replayed.length) return []
    // Changed in what replays read (not a rename, not a daily limit), against the version the
    // replica has: a deck or preset it does not have yet has no answers replayed under it; a
    // setting it does not have was its default there.
    const there = await docsOf(local, [
      ...changedDecks.map((d) => docIdOf.deck(d.id)),
      ...changedPresets.map((p) => docIdOf.preset(p.id)),
      ...replayed.map((s) => docIdOf.setting(s.key)),
    ])
    const before = <T>(id: string) => {
      const versions = there.get(id)
      return versions && (newest(versions)?.body as T | undefined)
    }
    const deckIds = new Set(
      changedDecks
        .filter((d) => {
          const was = before<DeckRow>(docIdOf.deck(d.id))
          return was && !sameData(replayedOptions(was), replayedOptions(d))
        })
        .map((d) => d.id),
    )
    const presetIds = new Set(
      changedPresets
        .filter((p) => {
          const was = before<Preset>(docIdOf.preset(p.id))
          return was && !sameData(schedulerOptionsOf(was), schedulerOptionsOf(p))
        })
        .map((p) => p.id),
    )
    const everyDeck = replayed.some((s) => {
      const was = before<SettingRow>(docIdOf.setting(s.key))
      return !sameData(was?.value ?? DEFAULT_SETTINGS[s.key as keyof Settings], s.value)
    })
    if (!deckIds.size && !presetIds.size && !everyDeck) return []
    const affected = (await collection.listDecks()).filter(
      (d) => everyDeck || deckIds.has(d.id) || presetIds.has(d.presetId ?? DEFAULT_PRESET_ID),
    )
    const ids: string[] = []
    for (const d of affected)
      for (const c of await collection.sectionCards(d.id, '')) if (c.reps > 0) ids.push(c.id)
    return ids
  }
  const mediaNames = all ? await collection.mediaNames() : keysOf('media').map(String)
  const media = defined(await collection.getMedia(mediaNames))
  const hashes = all ? await collection.mediaContentHashes() : keysOf('mediaContent').map(String)
  const versionIds = all
    ? (await collection.listVersions()).map((v) => v.id)
    : keysOf('versions').map(String)
  total =
    versionIds.length +
    media.length +
    hashes.length +
    decks.length +
    types.length +
    presets.length +
    settings.length +
    notes.length +
    logIds.length +
    cardIds.length

  await simple(
    'deck',
    'decks',
    decks,
    (d: DeckRow) => d.id,
    (d: DeckRow) => d.updatedAt,
  )
  await simple('noteType', 'noteTypes', types, (t: NoteType) => t.id)
  await simple('preset', 'presets', presets, (p: Preset) => p.id)
  await simple(
    'setting',
    'settings',
    settings,
    (s: SettingRow) => s.key,
    () => undefined,
    combinedSetting,
  )
  await simple(
    'note',
    'notes',
    notes,
    (n: NoteRow) => n.id,
    (n: NoteRow) => n.modifiedAt,
  )

  // Kept versions: a document each, written once (the same loss kept elsewhere is the same one).
  for (let i = 0; i < versionIds.length; i += BATCH) {
    const ids = versionIds.slice(i, i + BATCH)
    const there = await docsOf(local, ids.map(docIdOf.version), true)
    const rows = defined(
      await Promise.all(
        ids.filter((id) => !there.has(docIdOf.version(id))).map((id) => collection.getVersion(id)),
      ),
    )
    const docs = rows.map((v) => ({
      _id: docIdOf.version(v.id),
      kind: 'version',
      v: SYNC_DOC_VERSION,
      at: v.at,
      by: v.by,
      body: v,
    }))
    await write(docs, ids.length)
  }

  // Media: each file's bytes once per content hash, then the names that point at them.
  for (const hash of hashes) {
    const id = docIdOf.blob(hash)
    if ((await docsOf(local, [id])).has(id)) {
      await write([], 1)
      continue
    }
    const [data] = await collection.getMediaContent([hash])
    const doc = data && {
      _id: id,
      kind: 'blob',
      v: SYNC_DOC_VERSION,
      at: 0,
      by: device,
      body: { hash, size: data.length },
      _attachments: {
        data: { content_type: 'application/octet-stream', data: base64Encode(data) },
      },
    }
    await write(doc ? [doc] : [], 1)
  }
  await simple(
    'media',
    'media',
    media,
    (m: MediaRow) => m.name,
    (m: MediaRow) => m.addedAt,
  )

  // Logs: a document per answer, written once; an answer undone here is deleted there too.
  for (let i = 0; i < logIds.length; i += BATCH) {
    const ids = logIds.slice(i, i + BATCH)
    const rows = await collection.getLogs(ids)
    const docIds = rows.map((r, j) =>
      r
        ? logDocId(r.origin?.id ?? r.id, r.origin?.device ?? device)
        : logDocId(ids[j] ?? 0, device),
    )
    const existing = await docsOf(local, docIds, true)
    const docs: object[] = []
    rows.forEach((row, j) => {
      const id = docIds[j] ?? ''
      const there = existing.get(id)?.[0]
      if (row && !there)
        docs.push({
          _id: id,
          kind: 'log',
          v: SYNC_DOC_VERSION,
          at: row.id,
          by: row.origin?.device ?? device,
          body: logBody(row),
        })
      else if (!row && there && !there._deleted)
        docs.push({ _id: id, _rev: there._rev, _deleted: true })
    })
    await write(docs, ids.length)
    // A log made here records this device once sent, so a backup of the collection restored
    // anywhere (another device id) still names the same answer and sends no second copy.
    const unnamed = defined(rows).filter((r) => !r.origin)
    if (unnamed.length)
      await collection.transaction(
        () => collection.putLogs(unnamed.map((r) => ({ ...r, origin: { device, id: r.id } }))),
        ['revlog'],
        { source: 'sync' },
      )
  }

  // Cards: each register changed here is stamped; the base moves only when the card's state
  // is not what its base and answers give (it was reset, rescheduled or imported here).
  for (let i = 0; i < cardIds.length; i += BATCH) {
    const rows = defined(await collection.getCards(cardIds.slice(i, i + BATCH)))
    const existing = await docsOf(
      local,
      rows.map((c) => docIdOf.card(c.id)),
    )
    // The batch's logs in one read (one IndexedDB transaction, not one per card).
    const logsOf = await collection.read(() =>
      Promise.all(rows.map((c) => collection.logsOfCard(c.id))),
    )
    const docs: object[] = []
    for (const [j, card] of rows.entries()) {
      const id = docIdOf.card(card.id)
      const versions = existing.get(id) as SyncDocOf<'card'>[] | undefined
      const merged = versions && mergeCardDocs(versions)
      const logs = sortedLogs((logsOf[j] ?? []).map(logBody))
      const scheduler = await schedulerOf(card.deckId)
      const body = cardBodyOf(card, merged, logs, scheduler, stampOf('cards', card.id), device)
      if (versions?.length === 1 && merged && sameData(merged, body)) continue
      docs.push({
        _id: id,
        _rev: versions?.[0]?._rev,
        kind: 'card',
        v: SYNC_DOC_VERSION,
        at: stampOf('cards', card.id),
        by: device,
        body,
      })
      for (const loser of versions?.slice(1) ?? [])
        docs.push({ _id: id, _rev: loser._rev, _deleted: true })
    }
    await write(docs, rows.length)
  }

  if (behind.length) await collection.putVersions(behind)
  const after = await syncStateOf(collection)
  await collection.putSetting({
    key: SYNC_STATE_KEY,
    value: { ...after, pushed: changed.head, sentAll: true },
  })
  return sent
}

/**
 * A shared setting with what other versions of it hold, where it is a history of events rather
 * than a value: the mock exams' history takes every exam of every version (each device's exams
 * are its own, as its answers are); any other setting is itself, the newest edit winning.
 */
function combinedSetting(row: SettingRow, others: readonly (SettingRow | undefined)[]): SettingRow {
  if (row.key !== HISTORY_KEY) return row
  const merged = mergedHistories([row.value, ...others.map((o) => o?.value)])
  return sameData(merged, row.value) ? row : { key: row.key, value: merged }
}

const defined = <T>(rows: readonly (T | undefined)[]): T[] =>
  rows.filter((r): r is T => r !== undefined)

async function allLogIds(collection: Collection): Promise<number[]> {
  const ids: number[] = []
  for (let after = -1; ;) {
    const page = await collection.logsAfter(after, 5_000)
    for (const l of page) ids.push(l.id)
    const last = page.at(-1)
    if (!last || page.length < 5_000) return ids
    after = last.id
  }
}

async function allCardIds(collection: Collection): Promise<string[]> {
  const notes = await collection.allNotes()
  const ids: string[] = []
  for (let i = 0; i < notes.length; i += BATCH)
    for (const c of await collection.cardsOfNotes(notes.slice(i, i + BATCH).map((n) => n.id)))
      ids.push(c.id)
  return ids
}

/**
 * Each document's versions in the replica, the winner first and then its conflicts (read
 * whole); absent for a document the replica lacks. With `deleted`, a deleted document is
 * returned as a bare `{ _deleted, _rev }`.
 */
async function docsOf(
  local: Replica,
  ids: readonly string[],
  deleted = false,
): Promise<Map<string, SyncDoc[]>> {
  const out = new Map<string, SyncDoc[]>()
  if (!ids.length) return out
  const { rows } = await local.allDocs({ keys: [...ids], include_docs: true, conflicts: true })
  for (const row of rows) {
    if (row.value?.deleted) {
      if (deleted)
        out.set(row.key, [{ _id: row.key, _rev: row.value.rev, _deleted: true } as SyncDoc])
      continue
    }
    const doc = row.doc as SyncDoc | undefined
    if (!doc) continue
    const versions = [doc]
    for (const rev of doc._conflicts ?? [])
      versions.push((await local.get(row.key, { rev })) as SyncDoc)
    out.set(row.key, versions)
  }
  return out
}

function logBody(row: ReviewLogRow): LogBody {
  const { before: _b, taggedLeech: _t, origin, ...rest } = row
  return origin ? { ...rest, id: origin.id } : rest
}

/** The shared settings answers are replayed under: the hour each study day begins. */
const REPLAYED_SETTINGS: ReadonlySet<string> = new Set(['rolloverHour'])

/** What of a deck its answers are replayed under: its exam and its preset. */
const replayedOptions = (d: DeckRow) => ({
  examDate: d.examDate ?? null,
  examCap: d.examCap ?? false,
  presetId: d.presetId ?? DEFAULT_PRESET_ID,
})

/** Logs in the order they are replayed: by answer time, then id. */
function sortedLogs<T extends { review: number; id: number }>(logs: T[]): T[] {
  return logs.sort((a, b) => a.review - b.review || a.id - b.id)
}

/** The card versions of one document merged: each register's newest; the rest from the newest version. */
export function mergeCardDocs(versions: readonly SyncDocOf<'card'>[]): CardBody | undefined {
  const top = newest(versions)
  if (!top) return undefined
  const bodies = versions.map((v) => v.body)
  const pick = <K extends 'deckId' | 'flag' | 'suspended' | 'buriedUntil'>(k: K) =>
    newest(bodies.map((b) => b[k])) as CardBody[K]
  return {
    ...top.body,
    deckId: pick('deckId'),
    flag: pick('flag'),
    suspended: pick('suspended'),
    buriedUntil: pick('buriedUntil'),
    base: newestBase(bodies.map((b) => b.base)),
  }
}

/** The newest base; bases of one moment and device compare by their state, so every device picks the same. */
function newestBase(bases: readonly CardBase[]): CardBase {
  let best = bases[0] as CardBase
  for (const b of bases.slice(1))
    if (
      isNewer(b, best) ||
      (b.at === best.at && b.by === best.by && JSON.stringify(b.state) > JSON.stringify(best.state))
    )
      best = b
  return best
}

/** The scheduling state a base and the answers after it give. */
export function replayCard(
  cardId: string,
  base: CardBase,
  logs: readonly LogBody[],
  scheduler: Scheduler,
): StoredState {
  let state = fromStoredState(base.state)
  for (const log of logs) {
    if (log.review <= base.at || log.rating === 0) continue
    state = scheduler.review(
      state,
      log.rating as Grade,
      new Date(log.review),
      fuzzSeed(cardId, state.reps),
      log.zone,
    ).state
  }
  return toStoredState(state)
}

const STATE_KEYS = [
  'state',
  'reps',
  'lapses',
  'learning_steps',
  'due',
  'last_review',
  'scheduled_days',
] as const

/** Two scheduling states the same (memory to a billionth: replays differ only in float noise). */
function sameState(a: StoredState, b: StoredState): boolean {
  if (STATE_KEYS.some((k) => a[k] !== b[k])) return false
  const close = (x: number, y: number) =>
    Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y))
  return close(a.stability, b.stability) && close(a.difficulty, b.difficulty)
}

/** The state a card had before its first answer, from that answer's log (ts-fsrs logs the card as it was). */
function stateBefore(log: LogBody, card: CardRow): StoredState {
  return {
    due: log.due,
    stability: log.stability,
    difficulty: log.difficulty,
    elapsed_days: log.elapsed_days,
    scheduled_days: log.scheduled_days,
    learning_steps: log.learning_steps,
    reps: 0,
    lapses: 0,
    state: card.state === CardState.New ? card.state : log.state,
  }
}

/** This device's card as a document body, over the version the replica has. */
function cardBodyOf(
  card: CardRow,
  there: CardBody | undefined,
  logs: readonly LogBody[],
  scheduler: Scheduler,
  at: number,
  by: string,
): CardBody {
  // A register set there later than the change here keeps its value: this card is behind.
  const reg = <T>(mine: T, theirs: Register<T> | undefined): Register<T> =>
    theirs && (sameData(theirs.v, mine) || isNewer(theirs, { at, by }))
      ? theirs
      : { v: mine, at, by }
  const suspended =
    card.queue === Queue.Suspended ||
    (card.queue === Queue.Trashed && card.queueBeforeTrash === Queue.Suspended)
  const buried = card.queue === Queue.Buried ? (card.buriedUntil ?? 0) : 0
  const current = storedStateOf(card)
  let base: CardBase
  if (
    there &&
    (sameState(replayCard(card.id, there.base, logs, scheduler), current) ||
      isNewer(there.base, { at: Math.max(at, card.last_review ?? 0), by }))
  )
    base = there.base
  else {
    // A card answered only here since it was new: its base is the new card, at time 0, so
    // answers from every device replay on it in time order.
    const first = logs.find((l) => l.rating !== 0)
    const fresh: CardBase | null =
      logs.length === 0 && card.state === CardState.New
        ? { at: 0, by: '', state: current }
        : first && first.state === CardState.New
          ? { at: 0, by: '', state: stateBefore(first, card) }
          : null
    base =
      fresh && sameState(replayCard(card.id, fresh, logs, scheduler), current)
        ? fresh
        : { at: Math.max(at, card.last_review ?? 0), by, state: current }
  }
  const body: CardBody = {
    noteId: card.noteId,
    ord: card.ord,
    position: card.position,
    sectionKey: card.sectionKey,
    deckId: reg(card.deckId, there?.deckId),
    flag: reg(card.flag ?? 0, there?.flag),
    suspended: reg(suspended, there?.suspended),
    buriedUntil: reg(buried, there?.buriedUntil),
    base,
  }
  if (card.anki) body.anki = card.anki
  return body
}

// ---------------------------------------------------------------------------------------------
// Receiving: what the replica has that the collection lacks, a batch per transaction.

/** How long receiving waits for replication to bring more, once it has applied all there was. */
const POLL_MS = 50

/** Replication running beside receiving: whether (and how) it ended, and a wait for more. */
interface Replication {
  ended(): { error: unknown } | null
  more(): Promise<unknown>
  /** How far the server's documents have come down, once replication has said. */
  down(): DownProgress | null
}

async function receive(
  options: SyncOptions,
  device: string,
  replicating: Replication,
): Promise<{ received: number; refused: SyncReport['refused'] }> {
  const { collection, local } = options
  let received = 0
  const refused: SyncReport['refused'] = []
  /** The replica's last change once replication has ended (the progress bar's end). */
  let end: number | string | undefined
  const edits = new EditsHere()
  /** The decks' schedulers as the last batch that brought decks, presets or settings left them. */
  let scheduling: { schedulers: Map<string, Scheduler>; fallback: Scheduler } | null = null
  for (;;) {
    // Read before the changes: ended then, nothing lands after them.
    const ended = replicating.ended()
    if (ended?.error) return { received, refused }
    if (ended && end === undefined) end = (await local.info()).update_seq
    const state = await syncStateOf(collection)
    const { results, last_seq } = await local.changes({
      since: state.pulled,
      limit: BATCH,
      include_docs: true,
      conflicts: true,
    })
    if (!results.length) {
      if (ended) return { received, refused }
      await replicating.more()
      continue
    }
    const docs: SyncDoc[] = []
    const deletedLogs: string[] = []
    const lost: VersionRow[] = []
    const keptAt = options.now().getTime()
    for (const change of results) {
      // The server's own documents (encryption set-up, design documents) are not rows.
      if (change.id.startsWith('attache:') || change.id.startsWith('_design/')) continue
      if (change.deleted) {
        if (change.id.startsWith('log:')) deletedLogs.push(change.id)
        continue
      }
      const problem = docProblem(change.doc)
      if (problem) {
        refused.push({ id: change.id, reason: problem })
        continue
      }
      const doc = change.doc as SyncDoc
      if (doc.kind === 'blob') {
        const problem = await receiveBlob(options, doc)
        if (problem) refused.push({ id: change.id, reason: problem })
        continue
      }
      const versions: SyncDoc[] = [doc]
      for (const rev of doc._conflicts ?? []) {
        const other = await local.get(doc._id, { rev })
        if (docProblem(other)) continue
        versions.push(other as SyncDoc)
      }
      const picked = pickVersions(versions)
      // A history of events is every version's events: the same on each device that has them.
      const [only] = picked
      if (only?.kind === 'setting')
        docs.push({
          ...only,
          body: combinedSetting(
            only.body,
            versions.map((v) => v.body as SettingRow),
          ),
        })
      else docs.push(...picked)
      if (picked.length === 1 && picked[0]) lost.push(...lostTo(picked[0], versions, keptAt))
    }
    // Everything the transaction needs from outside the collection is read before it: an
    // IndexedDB transaction ends when it waits on anything else.
    const incoming = {
      decks: new Map<string, DeckRow>(),
      presets: new Map<string, Preset>(),
      settings: new Map<string, SettingRow>(),
    }
    for (const doc of docs)
      if (doc.kind === 'deck') incoming.decks.set(doc.body.id, doc.body)
      else if (doc.kind === 'preset') incoming.presets.set(doc.body.id, doc.body)
      else if (doc.kind === 'setting') incoming.settings.set(doc.body.key, doc.body)
    // The decks' schedulers, made again only when this batch brings what they are made of
    // (most batches of a first sync are answers and cards: a few reads per deck saved each).
    if (!scheduling || incoming.decks.size || incoming.presets.size || incoming.settings.size) {
      const schedulers = new Map<string, Scheduler>()
      for (const deck of await collection.listDecks())
        schedulers.set(deck.id, await options.schedulerFor(deck.id, incoming))
      for (const id of incoming.decks.keys())
        if (!schedulers.has(id)) schedulers.set(id, await options.schedulerFor(id, incoming))
      scheduling = { schedulers, fallback: await options.schedulerFor('', incoming) }
    }
    const noteIds = docs.filter((d) => d.kind === 'note').map((d) => d._id.slice('note:'.length))
    const answered = docs.filter((d) => d.kind === 'log').map((d) => docIdOf.card(d.body.cardId))
    const siblings = [
      ...new Set([
        ...(await collection.cardsOfNotes(noteIds)).map((c) => docIdOf.card(c.id)),
        ...answered,
      ]),
    ]
    const cardBodies = new Map<string, CardBody>()
    for (const [id, versions] of await docsOf(local, siblings)) {
      const body = mergeCardDocs(versions as SyncDocOf<'card'>[])
      if (body) cardBodies.set(id.slice('card:'.length), body)
    }
    for (const doc of docs)
      if (doc.kind === 'card') {
        const body = mergedCard(docs, doc._id)
        if (body) cardBodies.set(doc._id.slice('card:'.length), body)
      }
    const wrote = await apply(options, device, docs, deletedLogs, cardBodies, {
      ...scheduling,
      checkpoint: last_seq,
      lost,
      edits,
    })
    received += wrote
    const down = replicating.down()
    options.onProgress?.(
      end === undefined
        ? down
          ? { phase: 'replicate', ...down }
          : { phase: 'replicate', done: received }
        : typeof last_seq === 'number' && typeof end === 'number'
          ? { phase: 'receive', done: last_seq, total: end }
          : { phase: 'receive', done: received },
    )
  }
}

/**
 * Stores a media file's bytes from its document, in a transaction of its own (they are stored
 * by their hash: writing them twice is writing them once); why not, if they are refused.
 */
async function receiveBlob(options: SyncOptions, doc: SyncDocOf<'blob'>): Promise<string | null> {
  const { collection } = options
  const [stored] = await collection.getMediaContent([doc.body.hash])
  if (stored) return null
  const whole = (await options.local.get(doc._id, { attachments: true })) as {
    _attachments?: { data?: { data?: unknown } }
  }
  const base64 = whole._attachments?.data?.data
  if (typeof base64 !== 'string') return 'its bytes are missing'
  let data: Uint8Array
  try {
    data = base64Decode(base64)
  } catch {
    return 'its bytes are not base64'
  }
  if (data.length > MAX_MEDIA_BYTES) return `${data.length} bytes, more than ${MAX_MEDIA_BYTES}`
  if (contentHash(data) !== doc.body.hash) return 'its bytes do not match their hash'
  await collection.transaction(
    () => collection.putMediaContent([{ hash: doc.body.hash, data }]),
    ['mediaContent'],
    { source: 'sync' },
  )
  return null
}

/** The version of a document that counts: the newest, or for a card all of them (merged by register). */
function pickVersions(versions: SyncDoc[]): SyncDoc[] {
  const [first] = versions
  if (!first) return []
  if (first.kind === 'card') return versions
  const top = newest(versions)
  return top ? [top] : []
}

function mergedCard(docs: readonly SyncDoc[], id: string): CardBody | undefined {
  return mergeCardDocs(
    docs.filter((d): d is SyncDocOf<'card'> => d._id === id && d.kind === 'card'),
  )
}

/** Applies one batch and its checkpoint in one transaction; how many rows it wrote. */
async function apply(
  options: SyncOptions,
  device: string,
  docs: readonly SyncDoc[],
  deletedLogs: readonly string[],
  cardBodies: ReadonlyMap<string, CardBody>,
  at: {
    schedulers: ReadonlyMap<string, Scheduler>
    fallback: Scheduler
    checkpoint: number | string
    /** Versions of this batch's documents that lost to another (kept, not applied). */
    lost: readonly VersionRow[]
    edits: EditsHere
  },
): Promise<number> {
  const { collection } = options
  const now = options.now().getTime()
  return collection.transaction(
    async () => {
      const bound = collection.bound()
      let wrote = 0
      const byKind = <K extends DocKind>(kind: K) =>
        docs.filter((d) => d.kind === kind) as unknown as SyncDocOf<K>[]
      const state = await syncStateOf(bound)
      // Edits made here since the last send (during this sync): each meets what came in by
      // its time, and whichever loses is kept as a version, not dropped.
      const edited = await at.edits.since(bound, state.pushed)
      const kept: VersionRow[] = [...at.lost]
      /** Whether `doc` replaces the row here (`here`); a loser either way is kept. */
      const takes = (table: VersionedTable, here: { id: string } | undefined, doc: SyncDoc) => {
        if (!here) return true
        if (sameData(here, doc.body)) return false
        const editedAt = edited.get(`${table}:${here.id}`)
        if (editedAt === undefined) return true
        const mine = { at: editedAt, by: device }
        const lost = !sameMeaning(doc.kind, here, doc.body)
        if (isNewer(doc, mine)) {
          if (lost) kept.push(versionOf(table, here, mine, now))
          return true
        }
        if (lost) kept.push(versionOf(table, doc.body as { id: string }, doc, now))
        return false
      }

      const media = byKind('media').map((d) => d.body)
      if (media.length) {
        const here = await collection.getMedia(media.map((m) => m.name))
        const changed = media.filter((m, i) => !sameData(here[i], m))
        if (changed.length) await collection.putMedia(changed)
        wrote += changed.length
      }
      for (const d of byKind('deck')) {
        if (takes('decks', await collection.getDeck(d.body.id), d)) {
          await collection.putDeck(d.body)
          wrote++
        }
      }
      const types = byKind('noteType').map((d) => d.body)
      if (types.length) {
        await collection.putNoteTypes(types)
        wrote += types.length
      }
      for (const d of byKind('preset')) {
        if (takes('presets', await collection.getPreset(d.body.id), d)) {
          await collection.putPreset(d.body)
          wrote++
        }
      }
      const settingsHere = new Map((await collection.listSettings()).map((s) => [s.key, s]))
      for (const d of byKind('setting')) {
        const here = settingsHere.get(d.body.key)
        const row = combinedSetting(d.body, [here])
        // A setting that is already so is not written again (nor counted as received).
        if (sameData(here, row)) continue
        await collection.putSetting(row)
        wrote++
      }
      const notes = byKind('note').map((d) => d.body)
      const touchedNotes = new Set<string>()
      if (notes.length) {
        const here = await collection.getNotes(notes.map((n) => n.id))
        const noteDocs = byKind('note')
        const changed = notes.filter((_, i) => noteDocs[i] && takes('notes', here[i], noteDocs[i]))
        for (const n of changed) touchedNotes.add(n.id)
        if (changed.length) await collection.putNotes(changed)
        wrote += changed.length
      }

      // Logs: stored once; an id taken here by another answer moves on by a millisecond.
      const touchedCards = new Set<string>()
      for (const d of byKind('log')) {
        const origin = { device: d.by, id: d.body.id }
        let id = d.body.id
        let taken = await collection.getLog(id)
        while (taken && !sameOrigin(taken, origin, device)) taken = await collection.getLog(++id)
        if (taken) continue
        const row: ReviewLogRow = { ...d.body, id }
        if (origin.device !== device) row.origin = origin
        await collection.addLog(row)
        touchedCards.add(row.cardId)
        wrote++
      }
      for (const docId of deletedLogs) {
        const [, idText, from] = docId.split(':')
        const origin = { device: from ?? '', id: Number(idText) }
        let id = origin.id
        for (let row = await collection.getLog(id); row; row = await collection.getLog(++id)) {
          if (!sameOrigin(row, origin, device)) continue
          await collection.deleteLog(id)
          touchedCards.add(row.cardId)
          wrote++
          break
        }
      }

      // Cards: rebuilt from their merged document, their notes and every answer.
      for (const d of byKind('card')) touchedCards.add(d._id.slice('card:'.length))
      for (const [id, body] of cardBodies) if (touchedNotes.has(body.noteId)) touchedCards.add(id)
      // A log whose card has no document yet: the card comes with a later batch.
      const ids = [...touchedCards].filter((id) => cardBodies.has(id))
      // Requests sent together: one round of the transaction, not one per card.
      const [cards, notesOf, logsOf] = await Promise.all([
        collection.getCards(ids),
        collection.getNotes(ids.map((id) => cardBodies.get(id)?.noteId ?? '')),
        Promise.all(ids.map((id) => collection.logsOfCard(id))),
      ])
      const rows: CardRow[] = []
      for (const [i, id] of ids.entries()) {
        const here = cards[i]
        const body = cardBodies.get(id)
        const note = notesOf[i]
        if (!body || !note) continue
        const logs = sortedLogs((logsOf[i] ?? []).map(logBody))
        const scheduler = at.schedulers.get(body.deckId.v) ?? at.fallback
        const row = cardRowOf(id, body, note, logs, scheduler, here, now)
        if (!here || !sameCard(here, row)) rows.push(row)
      }
      if (rows.length) await collection.putCards(rows)
      wrote += rows.length

      const received = byKind('version').map((d) => d.body)
      if (received.length || kept.length) await collection.putVersions([...received, ...kept])
      wrote += received.length

      await collection.putSetting({
        key: SYNC_STATE_KEY,
        value: { ...state, pulled: at.checkpoint },
      })
      return wrote
    },
    PULL_TABLES,
    { source: 'sync' },
  )
}

/**
 * The notes, decks and presets edited here since a change, with when, by `table:key`: kept for
 * a whole receive and brought up to date at each batch from the change log past the last row
 * it read. (Read again from the start at each batch, the rows the sync's own earlier batches
 * wrote made a first sync's receiving quadratic in its batches.)
 */
class EditsHere {
  private readonly edited = new Map<string, number>()
  private read: number | null = null

  async since(collection: Collection, after: number): Promise<ReadonlyMap<string, number>> {
    let from = this.read ?? after
    for (;;) {
      const rows = await collection.changesAfter(from, 2_000)
      for (const row of rows) {
        from = Math.max(from, row.seq ?? from)
        if (row.source === 'sync') continue
        for (const c of row.changes)
          if (c.table === 'notes' || c.table === 'decks' || c.table === 'presets')
            for (const k of c.keys) this.edited.set(`${c.table}:${String(k)}`, row.at ?? 0)
      }
      if (rows.length < 2_000) break
    }
    this.read = from
    return this.edited
  }
}

/** Whether a stored log is the answer `origin` names (a log made here has no origin). */
function sameOrigin(row: ReviewLogRow, origin: { device: string; id: number }, device: string) {
  const mine = row.origin ?? { device, id: row.id }
  return mine.device === origin.device && mine.id === origin.id
}

function sameCard(a: CardRow, b: CardRow): boolean {
  const { revision: _a, ...x } = a
  const { revision: _b, ...y } = b
  return sameData(x, y)
}

/** A card row from its merged document, its note and its answers. */
function cardRowOf(
  id: string,
  body: CardBody,
  note: NoteRow,
  logs: readonly LogBody[],
  scheduler: Scheduler,
  here: CardRow | undefined,
  now: number,
): CardRow {
  const state = replayCard(id, body.base, logs, scheduler)
  const live: Queue = body.suspended.v
    ? Queue.Suspended
    : body.buriedUntil.v > now
      ? Queue.Buried
      : queueOf(state.state)
  const row: CardRow = {
    ...state,
    id,
    noteId: body.noteId,
    ord: body.ord,
    deckId: body.deckId.v,
    position: body.position,
    sectionKey: body.sectionKey,
    queue: note.deletedAt !== undefined ? Queue.Trashed : note.retired ? Queue.Retired : live,
    revision: (here?.revision ?? 0) + 1,
  }
  if (body.flag.v) row.flag = body.flag.v
  if (live === Queue.Buried) row.buriedUntil = body.buriedUntil.v
  if (row.queue === Queue.Trashed) row.queueBeforeTrash = live
  if (body.anki) row.anki = body.anki
  return row
}

/** What Settings ▸ Sync says of this device: when it last synced and what waits to be sent. */
export interface SyncSummary {
  lastSync: number | null
  /** Rows changed here since the last send (every row before the first sync). */
  waiting: number
  firstSync: boolean
}

export async function syncSummary(collection: Collection, now: Date): Promise<SyncSummary> {
  const row = (await collection.listSettings()).find((s) => s.key === SYNC_STATE_KEY)
  const parsed = syncStateSchema.safeParse(row?.value)
  if (!parsed.success) return { lastSync: null, waiting: 0, firstSync: true }
  const changed = await changedSince(collection, parsed.data, now.getTime())
  let waiting = 0
  for (const keys of changed.keys.values()) waiting += keys.size
  return {
    lastSync: parsed.data.lastSync ?? null,
    waiting,
    firstSync: !parsed.data.sentAll,
  }
}

/**
 * Starts syncing this device with a server (signing in): the checkpoints of any earlier server
 * are dropped (the next sync compares everything with the new one's replica) and the key sync
 * seals documents with is kept (null: no encryption; `openEncryption` checked the passphrase).
 * The device keeps its id.
 */
export async function beginSync(
  collection: Collection,
  key: SyncKey | null,
  newDevice?: () => string,
): Promise<void> {
  const { device } = await syncStateOf(collection, newDevice)
  const state: SyncState = { device, pushed: 0, sentAll: false, pulled: 0, ...(key ? { key } : {}) }
  await collection.putSetting({ key: SYNC_STATE_KEY, value: state })
}
