import { describe, expect, it } from 'vitest'
import { Queue, type CardRow, type NoteRow } from './collection'
import type { StudyStore } from './store'
import { logRow as log } from './testing'
import { DAY_MS } from '../core/units'

/**
 * What every `StudyStore` must do, method by method: one suite, run against the in-memory
 * store (`memory-store.test.ts`) and the Dexie store on IndexedDB (`dexie-store.test.ts`), so
 * the two cannot drift. The cards sit in every queue — new, learning, review, suspended,
 * buried, retired and trashed — since that is where the adapters drifted before.
 */

const card = (noteId: string, queue: number, due: number, over: Partial<CardRow> = {}): CardRow =>
  ({
    id: `${noteId}#0`,
    noteId,
    ord: 0,
    deckId: 'd',
    position: Number(noteId.replace(/\D/g, '')) || 0,
    sectionKey: 'A\u001f',
    queue,
    revision: 0,
    due,
    stability: 1,
    difficulty: 5,
    elapsed_days: 0,
    scheduled_days: 0,
    learning_steps: 0,
    reps: 0,
    lapses: 0,
    state: queue === Queue.Review ? 2 : queue === Queue.Learning ? 1 : 0,
    ...over,
  }) as CardRow

const note = (id: string, position: number, over: Partial<NoteRow> = {}): NoteRow => ({
  id,
  typeId: 'basic',
  deckId: 'd',
  fields: { Front: id, Back: '' },
  tags: [],
  section: [],
  position,
  retired: 0,
  modifiedAt: 0,
  ...over,
})

/** One card in every queue of deck `d`, and one in deck `e`. */
const everyQueue = [
  card('n1', Queue.New, 1),
  card('n2', Queue.New, 2),
  card('n3', Queue.Learning, 5 * DAY_MS),
  card('n4', Queue.Review, 3 * DAY_MS),
  card('n5', Queue.Review, 9 * DAY_MS, { sectionKey: 'B\u001f' }),
  card('n6', Queue.Suspended, 2 * DAY_MS),
  card('n7', Queue.Buried, 2 * DAY_MS, { buriedUntil: 4 * DAY_MS }),
  card('n8', Queue.Retired, 2 * DAY_MS),
  card('n9', Queue.Trashed, 2 * DAY_MS, { queueBeforeTrash: Queue.Review }),
  card('n10', Queue.Review, 1 * DAY_MS, { deckId: 'e' }),
]

/**
 * `apart(work)` starts `work` as a caller with no transaction would, even from inside one
 * (Dexie follows its transaction through promises: `Dexie.ignoreTransaction`).
 */
export function storeContract(
  name: string,
  open: () => Promise<StudyStore>,
  apart: <T>(work: () => T) => T = (work) => work(),
) {
  describe(`the ${name} store keeps the StudyStore contract`, () => {
    async function withCards() {
      const store = await open()
      await store.transaction(() => store.putCards(everyQueue))
      return store
    }

    it('reads cards back by id, by queue range, by position and by section', async () => {
      const store = await withCards()
      expect((await store.getCard('n4#0'))?.queue).toBe(Queue.Review)
      expect((await store.getCards(['n1#0', 'nope#0', 'n9#0'])).map((c) => c?.id)).toEqual([
        'n1#0',
        undefined,
        'n9#0',
      ])
      const review = { deckId: 'd', queue: Queue.Review, from: -Infinity, to: Infinity }
      expect(await store.queueIds(review, 'due')).toEqual(['n4#0', 'n5#0'])
      expect(await store.queueIds({ ...review, from: 0, to: 9 * DAY_MS }, 'due')).toEqual(['n4#0'])
      expect(await store.queueIds({ ...review, limit: 1 }, 'due')).toEqual(['n4#0'])
      const fresh = { deckId: 'd', queue: Queue.New, from: 0, to: Infinity }
      expect(await store.queueIds(fresh, 'position')).toEqual(['n1#0', 'n2#0'])
      expect((await store.cardsByDue(review)).map((c) => c.id)).toEqual(['n4#0', 'n5#0'])
      expect((await store.firstByDue(review))?.id).toBe('n4#0')
      expect(await store.firstByDue({ ...review, from: 10 * DAY_MS })).toBeUndefined()
      expect(await store.countByDue(review)).toBe(2)
      expect(await store.countByDue({ ...review, deckId: 'e' })).toBe(1)
      expect((await store.cardsByPositionRange('d', 2, 4)).map((c) => c.id).sort()).toEqual([
        'n2#0',
        'n3#0',
        'n4#0',
      ])
      expect((await store.sectionCards('d', 'B')).map((c) => c.id)).toEqual(['n5#0'])
      expect(await store.sectionCards('d', '')).toHaveLength(9)
      expect((await store.cardsOfNotes(['n3', 'n10'])).map((c) => c.id).sort()).toEqual([
        'n10#0',
        'n3#0',
      ])
    })

    it('counts a deck’s cards in every queue but retired and trashed, and finds buried ones', async () => {
      const store = await withCards()
      // New ×2, learning, review ×2, suspended, buried: 7 of the deck's 9.
      expect(await store.countCards('d')).toBe(7)
      expect(await store.countCards('e')).toBe(1)
      expect(await store.countCards('none')).toBe(0)
      expect((await store.buriedUntil(4 * DAY_MS)).map((c) => c.id)).toEqual(['n7#0'])
      expect(await store.buriedUntil(4 * DAY_MS - 1)).toEqual([])
      // A card moved out of a queue leaves its ranges.
      await store.transaction(() =>
        store.putCard({ ...(everyQueue[3] as CardRow), queue: Queue.Suspended }),
      )
      expect(
        await store.countByDue({ deckId: 'd', queue: Queue.Review, from: -Infinity, to: Infinity }),
      ).toBe(1)
      expect(await store.countCards('d')).toBe(7)
    })

    it('keeps notes, pages them by position, lists the trash and every tag once', async () => {
      const store = await open()
      await store.transaction(() =>
        store.putNotes([
          note('a', 2, { tags: ['un', 'law'] }),
          note('b', 1, { tags: ['law'] }),
          note('c', 3, { deletedAt: 5 }),
          note('x', 1, { deckId: 'other', tags: ['sea'] }),
        ]),
      )
      expect((await store.getNote('a'))?.position).toBe(2)
      expect((await store.getNotes(['b', 'zz'])).map((n) => n?.id)).toEqual(['b', undefined])
      expect((await store.notesPage('d', 0, 2)).map((n) => n.id)).toEqual(['b', 'a'])
      expect((await store.notesPage('d', 2, 10)).map((n) => n.id)).toEqual(['a', 'c'])
      expect((await store.notesOfDeck('d')).map((n) => n.id).sort()).toEqual(['a', 'b', 'c'])
      expect((await store.trashedNotes()).map((n) => n.id)).toEqual(['c'])
      expect(await store.allTags()).toEqual(['law', 'sea', 'un'])
      expect(await store.allNotes()).toHaveLength(4)
    })

    it('adds logs once, replaces and deletes them, and reads them in id order', async () => {
      const store = await open()
      await store.transaction(() => store.putLogs([log(30, 'a#0'), log(10, 'a#0'), log(20, 'b#0')]))
      await store.transaction(() => store.addLog(log(40, 'a#0')))
      await expect(store.transaction(() => store.addLog(log(40, 'b#0')))).rejects.toThrow()
      expect((await store.getLog(40))?.cardId).toBe('a#0')
      expect((await store.getLogs([20, 99])).map((l) => l?.id)).toEqual([20, undefined])
      expect([...(await store.existingLogIds([5, 10, 40, 41]))].sort()).toEqual([10, 40])
      expect((await store.logsSince(20)).map((l) => l.id)).toEqual([20, 30, 40])
      expect((await store.logsAfter(10, 2)).map((l) => l.id)).toEqual([20, 30])
      expect((await store.logsOfCard('a#0')).map((l) => l.id)).toEqual([10, 30, 40])
      expect((await store.lastLogOfCard('a#0'))?.id).toBe(40)
      await store.transaction(async () => {
        await store.putLogs([{ ...log(30, 'a#0'), rating: 1 }])
        await store.deleteLog(40)
      })
      expect((await store.getLog(30))?.rating).toBe(1)
      expect((await store.lastLogOfCard('a#0'))?.id).toBe(30)
      expect(await store.lastLogOfCard('none#0')).toBeUndefined()
    })

    it("finds a card's logs and a note's cards after writes, deletes and a rollback", async () => {
      // Each read comes after the last write, so an index made once and kept (not made again
      // at each read) must follow every write, and the undoing of a rolled-back one.
      const store = await open()
      const logsOf = async (cardId: string) => (await store.logsOfCard(cardId)).map((l) => l.id)
      const cardsOf = async (...noteIds: string[]) =>
        (await store.cardsOfNotes(noteIds)).map((c) => c.id).sort()
      await store.transaction(async () => {
        await store.putCards([card('n1', Queue.New, 0), card('n2', Queue.New, 0)])
        await store.putLogs([log(1, 'n1#0'), log(2, 'n1#0'), log(3, 'n2#0')])
      })
      expect(await logsOf('n1#0')).toEqual([1, 2])
      expect(await cardsOf('n1', 'n3')).toEqual(['n1#0'])
      await store.transaction(async () => {
        await store.putLogs([log(2, 'n2#0'), log(4, 'n1#0')])
        await store.deleteLog(1)
        await store.putCards([card('n3', Queue.New, 0)])
      })
      expect(await logsOf('n1#0')).toEqual([4])
      expect(await logsOf('n2#0')).toEqual([2, 3])
      expect(await cardsOf('n1', 'n3')).toEqual(['n1#0', 'n3#0'])
      await expect(
        store.transaction(async () => {
          await store.putLogs([log(5, 'n1#0'), log(3, 'n1#0')])
          await store.deleteLog(4)
          await store.putCards([card('n4', Queue.New, 0)])
          expect((await store.logsOfCard('n1#0')).map((l) => l.id)).toEqual([3, 5])
          expect((await store.cardsOfNotes(['n4'])).map((c) => c.id)).toEqual(['n4#0'])
          throw new Error('power cut')
        }),
      ).rejects.toThrow('power cut')
      expect(await logsOf('n1#0')).toEqual([4])
      expect(await logsOf('n2#0')).toEqual([2, 3])
      expect((await store.lastLogOfCard('n2#0'))?.id).toBe(3)
      expect(await cardsOf('n1', 'n3', 'n4')).toEqual(['n1#0', 'n3#0'])
    })

    it('keeps decks, note types, presets, settings, media rows and their bytes', async () => {
      const store = await open()
      const bytes = new Uint8Array([1, 2, 3])
      await store.transaction(async () => {
        await store.putDeck({
          id: 'd',
          name: 'D',
          description: '',
          sourceTitle: null,
          origin: 'user',
          updatedAt: 1,
        })
        await store.putSetting({ key: 'theme', value: 'dark' })
        await store.putMedia([
          { name: 'a.png', type: 'image/png', size: 3, addedAt: 1, hash: 'h1' },
        ])
        await store.putMediaContent([{ hash: 'h1', data: bytes }])
      })
      expect((await store.listDecks()).map((d) => d.id)).toEqual(['d'])
      expect(await store.listSettings()).toEqual([{ key: 'theme', value: 'dark' }])
      expect(await store.mediaNames()).toEqual(['a.png'])
      expect((await store.getMedia(['a.png', 'b']))[1]).toBeUndefined()
      expect(Array.from((await store.getMediaContent(['h1']))[0] ?? [])).toEqual([1, 2, 3])
      expect(await store.mediaContentHashes()).toEqual(['h1'])
      await store.transaction(() => store.deleteMediaContent(['h1']))
      expect(await store.getMediaContent(['h1'])).toEqual([undefined])
      expect(await store.listPresets()).toEqual([])
      expect(await store.getNoteType('none')).toBeUndefined()
    })

    it('keeps lost versions once each, by row and by when they were kept', async () => {
      const store = await open()
      const version = (key: string, at: number, keptAt: number, name = 'v') => ({
        id: `decks:${key}:${at}:dev`,
        table: 'decks' as const,
        key,
        at,
        by: 'dev',
        keptAt,
        row: { id: key, name },
      })
      await store.transaction(() =>
        store.putVersions([version('d', 20, 1), version('d', 10, 3), version('e', 5, 2)]),
      )
      // A version is never rewritten: the same id again keeps the first.
      await store.transaction(() => store.putVersions([version('d', 20, 9, 'other')]))
      expect((await store.versionsOf('decks', 'd')).map((v) => v.at)).toEqual([10, 20])
      expect((await store.getVersion('decks:d:20:dev'))?.row).toEqual({ id: 'd', name: 'v' })
      expect(await store.versionsOf('notes', 'd')).toEqual([])
      expect((await store.listVersions()).map((v) => v.keptAt)).toEqual([3, 2, 1])
      await store.transaction(() => store.clearAll())
      expect(await store.listVersions()).toEqual([])
    })

    it('keeps tallies and digests by key and range', async () => {
      const store = await open()
      await store.transaction(async () => {
        await store.putTallies([
          { deckId: 'd', kind: 'log', day: 3, n: [1] },
          { deckId: 'd', kind: 'log', day: 1, n: [2] },
          { deckId: 'd', kind: 'due', day: 2, n: [3] },
        ])
        await store.putDigests([
          {
            deckId: 'd',
            block: 0,
            ids: ['x'],
            sectionKey: [''],
            position: [0],
            queue: [0],
            state: [0],
            due: [0],
            stability: [0],
            lastReview: [-1],
          },
          {
            deckId: 'd',
            block: -1,
            ids: [],
            sectionKey: [],
            position: [],
            queue: [],
            state: [],
            due: [],
            stability: [],
            lastReview: [],
          },
        ])
      })
      expect((await store.talliesOfDeck('d', 'log', 0, 3)).map((t) => t.day)).toEqual([1, 3])
      expect((await store.talliesOfDeck('d', 'log', 2, 3)).map((t) => t.n)).toEqual([[1]])
      expect(
        (
          await store.getTallies([
            ['d', 'due', 2],
            ['d', 'due', 9],
          ])
        )[1],
      ).toBeUndefined()
      expect((await store.digestsOfDeck('d')).map((r) => r.block)).toEqual([-1, 0])
      await store.transaction(async () => {
        await store.deleteTallies([['d', 'log', 1]])
        await store.deleteDigests([['d', 0]])
      })
      expect(await store.talliesOfDeck('d', 'log', 0, 9)).toHaveLength(1)
      expect(await store.getDigests([['d', 0]])).toEqual([undefined])
      await store.transaction(() => store.clearTallies())
      expect(await store.talliesOfDeck('d', 'due', 0, 9)).toEqual([])
    })

    it('numbers change rows in order and keeps them and media bytes through clearAll', async () => {
      const store = await withCards()
      expect(await store.lastChangeSeq()).toBe(0)
      await store.transaction(async () => {
        await store.appendChange({ changes: [{ table: 'decks', op: 'put', keys: ['d'] }] })
        await store.appendChange({ changes: [{ table: 'notes', op: 'put', keys: ['a'] }] })
        await store.putMediaContent([{ hash: 'h', data: new Uint8Array([9]) }])
      })
      const rows = await store.changesAfter(0, 10)
      expect(rows.map((r) => r.changes[0]?.table)).toEqual(['decks', 'notes'])
      const [first, second] = rows.map((r) => r.seq ?? 0)
      expect(second).toBeGreaterThan(first ?? Infinity)
      expect(await store.lastChangeSeq()).toBe(second)
      expect((await store.changesAfter(first ?? 0, 10)).map((r) => r.seq)).toEqual([second])
      expect(await store.changesAfter(0, 1)).toHaveLength(1)
      await store.transaction(() => store.clearAll())
      expect(await store.getCards(['n1#0'])).toEqual([undefined])
      expect(await store.countCards('d')).toBe(0)
      expect(await store.changesAfter(0, 10)).toHaveLength(2)
      expect(await store.mediaContentHashes()).toEqual(['h'])
    })

    it('rewrites change rows in place, numbering nothing', async () => {
      const store = await withCards()
      const card = everyQueue[0] as CardRow
      await store.transaction(async () => {
        await store.appendChange({
          changes: [{ table: 'cards', op: 'put', keys: [card.id], before: [card] }],
          at: 5,
        })
        await store.appendChange({ changes: [{ table: 'notes', op: 'put', keys: ['a'] }] })
      })
      const [first, second] = await store.changesAfter(0, 10)
      const seq = first?.seq ?? 0
      await store.transaction(() =>
        store.putChanges([
          { seq, at: 5, changes: [{ table: 'cards', op: 'put', keys: [card.id] }] },
        ]),
      )
      expect(await store.changesAfter(0, 10)).toEqual([
        { seq, at: 5, changes: [{ table: 'cards', op: 'put', keys: [card.id] }] },
        second,
      ])
      expect(await store.lastChangeSeq()).toBe(second?.seq)
    })

    it('undoes every write of a transaction that throws, and tells which transaction runs', async () => {
      const store = await withCards()
      expect(store.currentTransaction()).toBeUndefined()
      const seen: (object | undefined)[] = []
      await expect(
        store.transaction(async () => {
          seen.push(store.currentTransaction())
          await store.putCard({ ...(everyQueue[0] as CardRow), queue: Queue.Suspended })
          await store.addLog(log(1, 'n1#0'))
          await store.appendChange({ changes: [{ table: 'cards', op: 'put', keys: ['n1#0'] }] })
          seen.push(store.bound().currentTransaction())
          throw new Error('power cut')
        }),
      ).rejects.toThrow('power cut')
      expect(seen[0]).toBeDefined()
      expect(seen[1]).toBe(seen[0])
      expect((await store.getCard('n1#0'))?.queue).toBe(Queue.New)
      expect(await store.getLog(1)).toBeUndefined()
      expect(await store.changesAfter(0, 10)).toEqual([])
    })

    it('reads one snapshot: a write asked for while a read runs is not seen halfway', async () => {
      const store = await withCards()
      const [a = '', b = ''] = everyQueue.map((c) => c.id)
      let write: Promise<void> | null = null
      const read = store.read(async () => {
        const first = await store.getCard(a)
        // Another caller writes both cards now, between the read's two looks.
        write = apart(() =>
          store.transaction(async () => {
            const cards = await store.getCards([a, b])
            await store.putCards(
              cards.flatMap((c) => (c ? [{ ...c, revision: c.revision + 1 }] : [])),
            )
          }),
        )
        for (let i = 0; i < 5; i++) await store.getCard(b)
        const second = await store.getCard(b)
        return [first?.revision, second?.revision]
      })
      expect(await read).toEqual([0, 0])
      await write
      const after = await store.getCards([a, b])
      expect(after.map((c) => c?.revision)).toEqual([1, 1])
    })
  })
}
