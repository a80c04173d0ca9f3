/**
 * Note types as data, Anki's model: named fields and card templates. A note of a standard type
 * makes one card per template whose front shows a field with text; a cloze type makes one card
 * per cloze number (https://docs.ankiweb.net/getting-started.html#note-types).
 */

/** One card template: the front and back in Anki's template language. */
export interface CardTemplate {
  name: string
  front: string
  /** The back, without the front: the study screen shows the front above it. */
  back: string
  /** Shown under the back in smaller type (a cloze's whole sentence, extra notes). */
  context?: string
}

export interface NoteType {
  id: string
  name: string
  kind: 'standard' | 'cloze'
  fields: string[]
  templates: CardTemplate[]
  /** The field the browser sorts by and Anki's `sfld` is made from (an index); absent is 0. */
  sortField?: number
  /** The type's stylesheet as Anki kept it (exported unchanged; not applied to the screen). */
  css?: string
  /**
   * For a type from Anki: its templates' front and back exactly as imported (`qfmt`, `afmt`),
   * written back unchanged by an export while the template here is still what came from them.
   */
  ankiTemplates?: { front: string; back: string }[]
}

export const BASIC: NoteType = {
  id: 'basic',
  name: 'Basic',
  kind: 'standard',
  fields: ['Front', 'Back'],
  templates: [{ name: 'Card 1', front: '{{Front}}', back: '{{Back}}' }],
}

export const BASIC_REVERSED: NoteType = {
  id: 'basic-reversed',
  name: 'Basic (and reversed card)',
  kind: 'standard',
  fields: ['Front', 'Back'],
  templates: [
    { name: 'Card 1', front: '{{Front}}', back: '{{Back}}' },
    { name: 'Card 2', front: '{{Back}}', back: '{{Front}}' },
  ],
}

export const BASIC_TYPED: NoteType = {
  id: 'basic-typed',
  name: 'Basic (type in the answer)',
  kind: 'standard',
  fields: ['Front', 'Back'],
  templates: [{ name: 'Card 1', front: '{{Front}}{{type:Back}}', back: '{{Back}}' }],
}

export const CLOZE_TYPE: NoteType = {
  id: 'cloze',
  name: 'Cloze',
  kind: 'cloze',
  fields: ['Text', 'Back Extra'],
  templates: [
    {
      name: 'Cloze',
      front: '{{cloze:Text}}',
      back: '{{cloze-only:Text}}',
      context: '{{cloze:Text}}{{#Back Extra}} — {{Back Extra}}{{/Back Extra}}',
    },
  ],
}

/**
 * The chapter decks' fact: a question, and where the fact has them a figure or date (typed and
 * checked), an acronym (with a reverse card) and a statement with its key part as a cloze.
 * Template order is the card ordinal: 0 question, 1 typed, 2 reverse, 3 cloze.
 */
export const FACT_TYPE: NoteType = {
  id: 'attache-fact',
  name: 'Attaché fact',
  kind: 'standard',
  fields: [
    'Prompt',
    'Answer',
    'Kind',
    'Figure',
    'Unit',
    'Date',
    'Acronym',
    'Expansion',
    'Statement',
    'Note',
  ],
  templates: [
    {
      name: 'Question',
      front: '{{^Figure}}{{^Date}}{{Prompt}}{{/Date}}{{/Figure}}',
      back: '{{Answer}}',
    },
    {
      name: 'Typed',
      front:
        '{{#Figure}}{{Prompt}}{{/Figure}}{{^Figure}}{{#Date}}{{Prompt}}{{/Date}}{{/Figure}}{{type:Answer}}',
      back: '{{Answer}}',
    },
    {
      name: 'Reverse',
      front: '{{#Acronym}}{{#Expansion}}Acronym for “{{Expansion}}”?{{/Expansion}}{{/Acronym}}',
      back: '{{Acronym}}',
    },
    {
      name: 'Cloze',
      front: '{{cloze:Statement}}',
      back: '{{cloze-only:Statement}}',
      context: '{{cloze:Statement}}',
    },
  ],
}

/** The types every collection has. */
export const BUILT_IN_NOTE_TYPES: readonly NoteType[] = [
  BASIC,
  BASIC_REVERSED,
  BASIC_TYPED,
  CLOZE_TYPE,
  FACT_TYPE,
]

/** Whether `id` names one of the built-in types (the app's, not the collection's). */
export const isBuiltInNoteType = (id: string) => BUILT_IN_NOTE_TYPES.some((t) => t.id === id)
