import type { SourceDocument } from '../../core/generate/document'
import { append } from '../../core/extent'
import type { Proposal } from '../../core/generate/proposals'
import { fnv1a } from '../../core/hash'
import { cardsOfNote } from '../note-cards'
import { BASIC, CLOZE_TYPE } from '../../core/notes/note-types'
import { htmlOfText } from '../../core/notes/render-template'
import { Scheduler } from '../../core/scheduling/scheduler'
import { toStoredState } from '../../core/scheduling/stored-state'
import type { DeckRow, NoteRow } from '../collection'
import { emptyCollectionData, type CollectionData } from './collection-data'
import { mediaRow } from './media-files'

/** A proposal the user accepted, with its cloze text as accepted (edited or not). */
export interface AcceptedProposal {
  proposal: Proposal
  /** Plain text with `{{cN::…}}` marks. */
  cloze: string
}

/** The document as stored beside its deck: what "Show in source" opens. */
export interface StoredDocument {
  format: 'attache-source'
  file: string
  title: string
  blocks: { section: string[]; text: string }[]
}

/** The media file name a document is kept under (the same document, the same name). */
export function sourceMediaName(doc: SourceDocument, file: string): string {
  const hash = fnv1a(`${file}\u001f${doc.blocks.map((b) => b.text).join('\u001e')}`).toString(36)
  return `attache-source-${hash}.json`
}

/** The id a deck named `name` gets (merged by name with a deck that exists). */
const deckIdOf = (name: string) => `gen-${fnv1a(name.toLowerCase()).toString(36)}`

/**
 * The rows accepted proposals make, for the one import transaction every file takes: a Cloze
 * note per sentence (its blanks c1, c2, … so siblings are buried), under the document's
 * headings as its section, tagged "generated", pointing at its paragraph; and the document
 * itself as a media file, so it travels with backups and exports. A note's guid comes from
 * the document and its sentence: saving the same proposals again adds nothing.
 */
export function collectionFromProposals(
  doc: SourceDocument,
  accepted: readonly AcceptedProposal[],
  options: { file: string; deckName: string },
  now: Date,
): CollectionData {
  const data = emptyCollectionData()
  const media = sourceMediaName(doc, options.file)
  const stored: StoredDocument = {
    format: 'attache-source',
    file: options.file,
    title: doc.title,
    blocks: doc.blocks.map((b) => ({ section: b.section, text: b.text })),
  }
  data.media.push(mediaRow(media, new TextEncoder().encode(JSON.stringify(stored)), now.getTime()))
  const deckName = options.deckName.trim() || doc.title || 'Generated'
  const deck: DeckRow = {
    id: deckIdOf(deckName),
    name: deckName,
    description: `Made from ${options.file}`,
    sourceTitle: doc.title || options.file,
    origin: 'user',
    updatedAt: now.getTime(),
  }
  const fresh = toStoredState(new Scheduler().newState(now))
  const seen = new Set<string>()
  for (const { proposal, cloze } of accepted) {
    const guid = `gen-${fnv1a(`${media}\u001f${proposal.definition?.question ?? ''}${cloze}`).toString(36)}`
    if (seen.has(guid)) continue
    seen.add(guid)
    const type = proposal.definition ? BASIC : CLOZE_TYPE
    const note: NoteRow = {
      id: guid,
      typeId: type.id,
      deckId: deck.id,
      // A definition is a question and its answer; everything else a cloze.
      fields: proposal.definition
        ? { Front: htmlOfText(proposal.definition.question), Back: htmlOfText(cloze) }
        : { Text: htmlOfText(cloze), 'Back Extra': '' },
      tags: ['generated'],
      section: [...proposal.section],
      position: data.notes.length,
      retired: 0,
      modifiedAt: now.getTime(),
      createdAt: now.getTime(),
      source: { media, block: proposal.block },
    }
    const cards = cardsOfNote(note, type, [], fresh).rows
    if (cards.length === 0) continue
    data.notes.push(note)
    append(data.cards, cards)
  }
  data.decks = [{ ...deck, nextPosition: data.notes.length }]
  data.noteTypes = [CLOZE_TYPE, BASIC]
  return data
}
