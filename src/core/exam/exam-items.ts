import type { Fact } from '../decks/deck-schema'
import { clozeOnly } from '../notes/cloze'
import { factOfNote } from '../notes/fact-fields'
import { cardFace, cardOrdinals } from '../notes/note-cards'
import { FACT_TYPE, type NoteType } from '../notes/note-types'
import { fieldValue, plainText, type Fields } from '../notes/render-template'

/**
 * What a mock exam can ask from one card: the question and its answer as a fact, the note it
 * belongs to, the group its distractors come from (the same field of sibling notes) and
 * whether it is typed: `alternate` for the chapter's figures and dates, `always` where the
 * note type types its answer, `never` for the rest.
 */
export interface ExamItem {
  fact: Fact
  noteId: string
  group: string
  typed: 'alternate' | 'always' | 'never'
}

/** A note as the exam reads it. */
export interface ExamNote {
  id: string
  section: readonly string[]
  fields: Fields
}

/** The field names a template puts on its side, in order (`{{Field}}`, `{{text:Field}}` …). */
function fieldsIn(template: string): string[] {
  const names: string[] = []
  for (const m of template.matchAll(/\{\{\s*([^#^/!{}][^{}]*?)\s*\}\}/g)) {
    const name = (m[1] ?? '').split(':').at(-1)?.trim() ?? ''
    if (name && name !== 'FrontSide' && !names.includes(name)) names.push(name)
  }
  return names
}

/**
 * The exam items of a note: one per card its type makes. A chapter fact asks its own prompt; a
 * cloze card asks its sentence with the gap and wants the hidden words; any other card asks
 * its front and wants the first field its back shows that its front does not (Basic's Back,
 * the reversed card's Front), or the field it types. A card whose question or answer has no
 * text (an image alone) is left out: it cannot be asked in words.
 */
export function examItemsOfNote(
  type: NoteType,
  note: ExamNote,
  section: readonly string[],
): ExamItem[] {
  if (type.id === FACT_TYPE.id) {
    const fact = { ...factOfNote(note.id, section, note.fields), id: note.id }
    return fact.prompt && fact.answer
      ? [{ fact, noteId: note.id, group: 'fact', typed: 'alternate' }]
      : []
  }
  return cardOrdinals(type, note.fields).flatMap((ord): ExamItem[] => {
    const face = cardFace(type, note.fields, ord, section)
    const prompt = plainText(face.front)
    let answer: string
    let group: string
    if (type.kind === 'cloze') {
      const text = type.fields.map((f) => fieldValue(note.fields, f) ?? '').join(' ')
      answer = plainText(clozeOnly(text, ord + 1))
      group = `${type.id}/cloze`
    } else {
      const template = type.templates[ord]
      const front = fieldsIn(template?.front ?? '')
      const field = face.typeField ?? fieldsIn(template?.back ?? '').find((f) => !front.includes(f))
      if (!field) return []
      answer = plainText(fieldValue(note.fields, field) ?? '')
      group = `${type.id}/${field}`
    }
    if (!prompt || !answer) return []
    const fact: Fact = {
      id: `${note.id}/${ord}`,
      section: [...section],
      kind: 'relation',
      prompt,
      answer,
    }
    return [{ fact, noteId: note.id, group, typed: face.typeField ? 'always' : 'never' }]
  })
}
