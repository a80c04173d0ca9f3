import { mediaBytes } from './media-files'
import { describe, expect, it } from 'vitest'
import { documentFromText } from '../../core/generate/document'
import { proposeCards } from '../../core/generate/proposals'
import { exportCollection } from './export-collection'
import { backupJson, parseBackup } from './backup-format'
import { collectionFromProposals, sourceMediaName, type StoredDocument } from './from-generated'
import { applyImport } from './import-collection'
import { noteSource } from '../note-source'
import { memoryCollection } from '../collection-writes'

const now = new Date('2026-06-01T10:00:00Z')
const doc = documentFromText(
  '(1) Peacekeeping\n\nJapan sent about 400 engineers to South Sudan in 2012 and 350 in 2013.\n\n(2) Seas\n\nThe Convention on the Law of the Sea entered into force in 1994.',
)
const proposals = proposeCards(doc)

describe('saving accepted proposals', () => {
  it('makes one Cloze note per sentence, its blanks as siblings, under its headings, with its source', async () => {
    const accepted = proposals.map((proposal) => ({ proposal, cloze: proposal.cloze }))
    const data = collectionFromProposals(
      doc,
      accepted,
      { file: 'report.txt', deckName: 'Report' },
      now,
    )
    const store = memoryCollection()
    const summary = await applyImport(store, data, 'update', now)
    expect(summary).toMatchObject({ notesAdded: 2 })
    const notes = await store.allNotes()
    const peace = notes.find((n) => n.section[0] === '(1) Peacekeeping')
    expect(peace?.typeId).toBe('cloze')
    expect(peace?.tags).toEqual(['generated'])
    expect(peace?.fields['Text']).toContain('sent about {{c2::400}} engineers')
    const cards = await store.cardsOfNotes([peace?.id ?? ''])
    expect(cards.length).toBe(proposals[0]?.blanks.length)
    // The document is kept as a media file, and the note points at its paragraph.
    expect(peace?.source).toEqual({ media: sourceMediaName(doc, 'report.txt'), block: 0 })
    const file = await mediaBytes(store, peace?.source?.media ?? '')
    const stored = JSON.parse(new TextDecoder().decode(file)) as StoredDocument
    expect(stored.blocks[0]?.text).toContain('about 400 engineers')
    // Saving the same proposals again adds nothing.
    expect(await applyImport(store, data, 'update', now)).toMatchObject({ notesAdded: 0 })
  })

  it('keeps an edit, and the source survives a backup and a restore', async () => {
    const [first] = proposals
    if (!first) throw new Error('no proposal')
    const data = collectionFromProposals(
      doc,
      [{ proposal: first, cloze: 'Japan sent about {{c1::400}} engineers to South Sudan.' }],
      { file: 'report.txt', deckName: 'Report' },
      now,
    )
    const store = memoryCollection()
    await applyImport(store, data, 'update', now)
    const back = parseBackup(
      new TextEncoder().encode(backupJson(await exportCollection(store), now)),
      'b.json',
    )
    expect(back.notes[0]?.fields['Text']).toBe(
      'Japan sent about {{c1::400}} engineers to South Sudan.',
    )
    expect(back.notes[0]?.source).toEqual({ media: sourceMediaName(doc, 'report.txt'), block: 0 })
    expect(back.media.map((m) => m.name)).toEqual([sourceMediaName(doc, 'report.txt')])
  })
})

describe('showing a note in its source', () => {
  it('finds the paragraph, its headings and the text the card hides', async () => {
    const [first] = proposals
    if (!first) throw new Error('no proposal')
    const store = memoryCollection()
    await applyImport(
      store,
      collectionFromProposals(
        doc,
        [{ proposal: first, cloze: first.cloze }],
        { file: 'report.txt', deckName: 'Report' },
        now,
      ),
      'update',
      now,
    )
    const [note] = await store.allNotes()
    const second = await noteSource(store, note?.id ?? '', 1)
    expect(second).toEqual({
      file: 'report.txt',
      title: '(1) Peacekeeping',
      section: ['(1) Peacekeeping'],
      paragraph: 'Japan sent about 400 engineers to South Sudan in 2012 and 350 in 2013.',
      answer: '400',
    })
    expect(await noteSource(store, 'no-such-note', 0)).toBeNull()
  })
})

describe('saving a definition', () => {
  it('makes a Basic note: the question on the front, the answer (as accepted) on the back', async () => {
    const defining = documentFromText(
      'The Ring of Fire, a belt of active volcanoes and earthquake epicenters, borders the Pacific Ocean.',
    )
    const definition = proposeCards(defining).find((p) => p.definition)
    if (!definition) throw new Error('no definition proposed')
    const data = collectionFromProposals(
      defining,
      [{ proposal: definition, cloze: 'a belt of volcanoes around the Pacific' }],
      { file: 'notes.txt', deckName: 'Notes' },
      now,
    )
    const store = memoryCollection()
    await applyImport(store, data, 'update', now)
    const [note] = await store.allNotes()
    expect(note?.typeId).toBe('basic')
    expect(note?.fields).toEqual({
      Front: 'What is Ring of Fire?',
      Back: 'a belt of volcanoes around the Pacific',
    })
    expect(await store.cardsOfNotes([note?.id ?? ''])).toHaveLength(1)
  })
})
