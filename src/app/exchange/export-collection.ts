import { SYNC_STATE_KEY } from '../sync/sync-state'
import { mediaReferences } from '../../core/notes/media-refs'
import { isBuiltInNoteType } from '../../core/notes/note-types'
import { isWithin } from '../deck-tree'
import { noteTypes as allNoteTypes } from '../note-types'
import { hostZone } from '../../core/study/time-zone'
import type { CollectionData } from './collection-data'
import type { Collection } from '../collection-writes'

/**
 * The whole collection as rows (a backup), or one deck with the decks nested in it: its notes,
 * their cards and history, the note types, presets and media they use. Settings come only
 * with the whole collection, with the time zone its study days are counted in. With
 * `mediaBytes: false` the media rows carry only their content hash (a backup archive reads
 * each file's bytes as it writes it, so a large collection is never held whole).
 */
export function exportCollection(
  store: Collection,
  options: { deckId?: string; mediaBytes?: boolean } = {},
): Promise<CollectionData> {
  return store.read(async () => {
    const allDecks = await store.listDecks()
    const root = options.deckId ? allDecks.find((d) => d.id === options.deckId) : undefined
    if (options.deckId && !root) throw new Error(`No deck ${options.deckId} to export.`)
    const decks = root ? allDecks.filter((d) => isWithin(d.name, root.name)) : allDecks
    const deckIds = new Set(decks.map((d) => d.id))
    const notes = (await store.allNotes()).filter((n) => !root || deckIds.has(n.deckId))
    const cards = await store.cardsOfNotes(notes.map((n) => n.id))
    const cardIds = new Set(cards.map((c) => c.id))
    const reviewLogs = (await store.logsSince(-Infinity)).filter((l) => cardIds.has(l.cardId))
    const typeIds = new Set(notes.map((n) => n.typeId))
    // Built-in types a note uses travel too, so the file stands on its own.
    const storedTypes = new Set((await store.listNoteTypes()).map((t) => t.id))
    const noteTypes = (await allNoteTypes(store)).filter(
      (t) => typeIds.has(t.id) || (!root && storedTypes.has(t.id) && !isBuiltInNoteType(t.id)),
    )
    const presetIds = new Set(decks.map((d) => d.presetId))
    const presets = (await store.listPresets()).filter((p) => !root || presetIds.has(p.id))
    const names = root
      ? [...new Set(notes.flatMap((n) => Object.values(n.fields).flatMap(mediaReferences)))]
      : await store.mediaNames()
    const rows = (await store.getMedia(names)).flatMap((m) => (m ? [m] : []))
    const content =
      options.mediaBytes === false ? [] : await store.getMediaContent(rows.map((m) => m.hash))
    const media =
      options.mediaBytes === false ? rows : rows.map((m, i) => ({ ...m, data: content[i] }))
    // The whole collection records the time zone its days are counted in (this machine's),
    // so its history is counted the same wherever the backup is read.
    const settings = root
      ? []
      : [
          ...(await store.listSettings()).filter(
            (s) => s.key !== 'timeZone' && s.key !== SYNC_STATE_KEY,
          ),
          { key: 'timeZone', value: hostZone() },
        ]
    const data = { noteTypes, decks, presets, notes, cards, reviewLogs, media, settings }
    return root ? data : { ...data, versions: await store.listVersions() }
  })
}
