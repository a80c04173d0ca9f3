import { scopedCardCss } from './card-css'
import { clozeNumbers } from './cloze'
import type { NoteType } from './note-types'
import { fieldValue, plainText, renderTemplate, type Fields } from './render-template'

/** What the study screen shows for one card. */
export interface CardFace {
  front: string
  back: string
  /** Shown under the back: a cloze's whole sentence, extra notes. */
  context?: string
  /** `type`: the answer is typed and checked before the back is shown. */
  answerMode: 'reveal' | 'type'
  /** For typed cards: the field the typed answer is checked against. */
  typeField: string | null
  section: readonly string[]
  /** The note type's stylesheet, made safe and scoped to the card (`core/notes/card-css`). */
  css?: string
}

/** The template a card uses, and for cloze types the number it hides. */
function templateOf(type: NoteType, ord: number) {
  const template = type.kind === 'cloze' ? type.templates[0] : type.templates[ord]
  return { template, cloze: type.kind === 'cloze' ? ord + 1 : ('all' as const) }
}

/**
 * The card ordinals a note makes: for a standard type each template whose front puts a field
 * with text on the card (Anki's rule, so a reverse template without its field makes no card);
 * for a cloze type one per cloze number, ordinal = number − 1.
 */
export function cardOrdinals(type: NoteType, fields: Fields): number[] {
  if (type.kind === 'cloze') {
    const numbers = new Set<number>()
    for (const name of type.fields)
      for (const n of clozeNumbers(fieldValue(fields, name) ?? '')) numbers.add(n)
    return [...numbers].sort((a, b) => a - b).map((n) => n - 1)
  }
  return type.templates.flatMap((t, ord) => {
    const front = renderTemplate(t.front, fields, { side: 'front', cloze: 'all' })
    return front.usedNonEmptyField && plainText(front.text) !== '' ? [ord] : []
  })
}

/** Why a note makes no card, in the user's words; null when it makes at least one. */
export function whyNoCards(type: NoteType, fields: Fields): string | null {
  if (cardOrdinals(type, fields).length > 0) return null
  return type.kind === 'cloze'
    ? `A ${type.name} note needs a cloze deletion such as {{c1::…}} in ${type.fields[0] ?? 'its text'}.`
    : `The front of every card of a ${type.name} note would be empty: fill in ${type.fields[0] ?? 'a field'}.`
}

/** The faces of card `ord` of a note. */
export function cardFace(
  type: NoteType,
  fields: Fields,
  ord: number,
  section: readonly string[],
): CardFace {
  const { template, cloze } = templateOf(type, ord)
  if (!template) throw new RangeError(`${type.name} has no card ${ord + 1}`)
  const front = renderTemplate(template.front, fields, { side: 'front', cloze })
  const ctx = { side: 'back' as const, cloze, frontSide: front.text }
  const back = renderTemplate(template.back, fields, ctx).text
  const context = template.context ? renderTemplate(template.context, fields, ctx).text : ''
  const css = type.css ? scopedCardCss(type.css) : ''
  return {
    ...(css ? { css } : {}),
    front: front.text,
    back,
    ...(context.trim() ? { context } : {}),
    answerMode: front.typeField ? 'type' : 'reveal',
    typeField: front.typeField,
    section,
  }
}
