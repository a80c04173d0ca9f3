import type { Fact } from '../decks/deck-schema'
import { cardOrdinals } from './note-cards'
import { FACT_TYPE } from './note-types'
import { htmlOfText, plainText, type Fields } from './render-template'

/** A deck file's `{{hidden}}` marks the key part of a statement: one card hides all of them. */
const DECK_CLOZE = /\{\{([^{}]+)\}\}/g

/**
 * The fields of a chapter fact as a note of the fact type: HTML, as every note's fields (the
 * deck file's text escaped), the statement in Anki's cloze syntax.
 */
export function factFields(fact: Fact): Record<string, string> {
  const fields: Record<string, string> = {
    Prompt: fact.prompt,
    Answer: fact.answer,
    Kind: fact.kind,
    Figure: fact.figure ? String(fact.figure.value) : '',
    Unit: fact.figure?.unit ?? '',
    Date: fact.date ?? '',
    Acronym: fact.acronym?.short ?? '',
    Expansion: fact.acronym?.long ?? '',
    Statement: fact.cloze ? fact.cloze.replace(DECK_CLOZE, '{{c1::$1}}') : '',
    Note: fact.note ?? '',
  }
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, htmlOfText(v)]))
}

const ANKI_CLOZE = /\{\{c\d+::([\s\S]*?)(?:::[\s\S]*?)?\}\}/g

/**
 * The fact a note of the fact type states, for answer checking and multiple choice. Fields a
 * user emptied or mistyped are left out rather than guessed.
 */
export function factOfNote(id: string, section: readonly string[], fields: Fields): Fact {
  const f = (name: string) => plainText(fields[name] ?? '')
  const kind = f('Kind') as Fact['kind']
  const fact: Fact = { id, section: [...section], kind, prompt: f('Prompt'), answer: f('Answer') }
  const value = Number(f('Figure'))
  if (f('Figure') && Number.isFinite(value)) fact.figure = { value, unit: f('Unit') }
  if (/^\d{4}(-\d{2}(-\d{2})?)?$/.test(f('Date'))) fact.date = f('Date')
  if (f('Acronym') && f('Expansion')) fact.acronym = { short: f('Acronym'), long: f('Expansion') }
  if (f('Statement')) fact.cloze = f('Statement').replace(ANKI_CLOZE, '{{$1}}')
  if (f('Note')) fact.note = f('Note')
  return fact
}

/** The card ordinals a chapter fact makes as a note of the fact type. */
export function factCardOrdinals(fact: Fact): number[] {
  return cardOrdinals(FACT_TYPE, factFields(fact))
}
