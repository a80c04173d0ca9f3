import { cardsOfDeck, noteId } from '../../core/cards/card-templates'
import type { Deck } from '../../core/decks/deck-schema'
import { fnv1a } from '../../core/hash'
import type { Scheduler } from '../../core/scheduling/scheduler'
import { toStoredState } from '../../core/scheduling/stored-state'
import type { AttacheDb, CardRow, NoteRow } from './db'

/**
 * Writes a deck's facts and cards in one transaction. Cards are matched by their stable ids:
 * new ones start as new cards, existing ones keep their scheduling state and history, and
 * cards the deck no longer defines are retired (kept, not shown) rather than deleted. A deck
 * whose facts and cards are unchanged since the last sync is not written again.
 */
export async function syncDeck(db: AttacheDb, deck: Deck, scheduler: Scheduler, now: Date) {
  const specs = cardsOfDeck(deck)
  const fingerprint = fnv1a(JSON.stringify([deck, specs]))
  return db.transaction('rw', db.decks, db.notes, db.cards, async () => {
    if ((await db.decks.get(deck.id))?.fingerprint === fingerprint) {
      return { added: 0, retired: 0, unchanged: true }
    }
    const notes: NoteRow[] = deck.facts.map((fact, position) => ({
      id: noteId(deck.id, fact.id),
      deckId: deck.id,
      factId: fact.id,
      position,
      fact,
    }))

    const existing = new Map(
      (await db.cards.where('deckId').equals(deck.id).toArray()).map((c) => [c.id, c]),
    )
    const rows: CardRow[] = []
    let added = 0
    for (const spec of specs) {
      const old = existing.get(spec.id)
      existing.delete(spec.id)
      if (old) {
        if (old.position !== spec.position || old.retired)
          rows.push({ ...old, position: spec.position, retired: 0 })
        continue
      }
      added++
      rows.push({
        ...toStoredState(scheduler.newState(now)),
        id: spec.id,
        deckId: deck.id,
        noteId: noteId(deck.id, spec.factId),
        template: spec.template,
        position: spec.position,
        revision: 0,
        retired: 0,
      })
    }
    for (const gone of existing.values()) if (!gone.retired) rows.push({ ...gone, retired: 1 })
    await db.decks.put({
      id: deck.id,
      name: deck.name,
      description: deck.description,
      sourceTitle: deck.source?.title ?? null,
      origin: 'built-in',
      updatedAt: now.getTime(),
      fingerprint,
    })
    await db.notes.bulkPut(notes)
    await db.cards.bulkPut(rows)
    return {
      added,
      retired: [...existing.values()].filter((c) => !c.retired).length,
      unchanged: false,
    }
  })
}
