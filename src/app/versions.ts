import type { Scheduler } from '../core/scheduling/scheduler'
import type { DeckRow, NoteRow, VersionedTable, VersionRow } from './collection'
import type { Collection } from './collection-writes'
import {
  EditError,
  editNote,
  renameDeck,
  restoreDeck,
  restoreNotes,
  trashDeck,
  trashNotes,
} from './editing'
import { checkedPreset, type Preset } from './presets'
import { SETTING_LABELS, isSettingKey, settingValueProblem } from './settings'

/**
 * Versions of notes, decks, presets and shared settings that lost a sync conflict (issue 22):
 * when two devices change the same one apart, the newest edit wins on both and the other is
 * kept here, to be looked at and brought back. Bringing one back is a new edit: it wins the
 * next sync in turn.
 */

/** The kept versions of one note, deck, preset or setting, newest first. */
export async function versionsOf(
  collection: Collection,
  table: VersionedTable,
  key: string,
): Promise<VersionRow[]> {
  return (await collection.versionsOf(table, key)).reverse()
}

/** Every kept version, the most recently kept first. */
export function keptVersions(collection: Collection): Promise<VersionRow[]> {
  return collection.listVersions()
}

/** A version in a few words: what the note said, what the deck was called, a setting's value. */
export function versionSummary(version: VersionRow): string {
  const row = version.row
  const gone = row['deletedAt'] !== undefined ? ' (in the trash)' : ''
  if (version.table === 'decks') return `Deck “${String(row['name'])}”${gone}`
  if (version.table === 'presets') return `Preset “${String(row['name'])}”`
  if (version.table === 'settings') {
    const key = version.key
    const name = Object.hasOwn(SETTING_LABELS, key)
      ? SETTING_LABELS[key as keyof typeof SETTING_LABELS]
      : key
    return `${name}: ${JSON.stringify(row['value'])}`
  }
  const fields = Object.values((row as unknown as NoteRow).fields ?? {})
  const text = fields
    .map((f) =>
      f
        .replace(/<[^>]*>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter(Boolean)
    .join(' · ')
  return (text.length > 120 ? `${text.slice(0, 119)}…` : text) + gone
}

/**
 * Makes a kept version the current one again, in one transaction: a note's fields, tags and
 * deck (and whether it is in the trash); a deck's name, description and trash; a preset or a
 * setting whole. Its cards follow as after any edit; their schedules and history stay.
 */
export function bringBackVersion(
  collection: Collection,
  scheduler: Scheduler,
  id: string,
  now: Date,
): Promise<void> {
  return collection.transaction(async () => {
    const bound = collection.bound()
    const version = await collection.getVersion(id)
    if (!version) throw new EditError('That version is no longer kept.')
    if (version.table === 'notes') return bringBackNote(bound, scheduler, version, now)
    if (version.table === 'decks') return bringBackDeck(bound, version, now)
    if (version.table === 'settings') return bringBackSetting(bound, version)
    await collection.putPreset(checkedPreset(version.row as unknown as Preset))
  })
}

async function bringBackNote(
  collection: Collection,
  scheduler: Scheduler,
  version: VersionRow,
  now: Date,
) {
  const old = version.row as unknown as NoteRow
  const note = await collection.getNote(old.id)
  if (!note) throw new EditError('This note no longer exists.')
  if (note.deletedAt !== undefined && old.deletedAt === undefined)
    await restoreNotes(collection, [note.id])
  const deck = await collection.getDeck(old.deckId)
  await editNote(
    collection,
    scheduler,
    {
      noteId: note.id,
      fields: old.fields,
      tags: old.tags,
      // The deck it was in, if that deck is still there.
      ...(deck && deck.deletedAt === undefined ? { deckId: old.deckId } : {}),
    },
    now,
  )
  if (old.deletedAt !== undefined && note.deletedAt === undefined)
    await trashNotes(collection, [note.id], now)
}

/** A shared setting's value as that version had it, checked as any setting written is. */
async function bringBackSetting(collection: Collection, version: VersionRow) {
  const key = version.key
  if (!isSettingKey(key)) throw new EditError(`"${key}" is not a setting of this app.`)
  const problem = settingValueProblem(key, version.row['value'])
  if (problem) throw new EditError(`That version cannot be used: ${problem}.`)
  await collection.putSetting({ key, value: version.row['value'] })
}

async function bringBackDeck(collection: Collection, version: VersionRow, now: Date) {
  const old = version.row as unknown as DeckRow
  const deck = await collection.getDeck(old.id)
  if (!deck) throw new EditError('That deck no longer exists.')
  if (deck.deletedAt !== undefined && old.deletedAt === undefined)
    await restoreDeck(collection, deck.id)
  if (old.name !== deck.name) await renameDeck(collection, deck.id, old.name, now)
  const current = await collection.getDeck(deck.id)
  if (current && current.description !== old.description)
    await collection.putDeck({ ...current, description: old.description, updatedAt: now.getTime() })
  if (old.deletedAt !== undefined && deck.deletedAt === undefined)
    await trashDeck(collection, deck.id, now)
}
