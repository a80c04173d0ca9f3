import { decodeHTML, escapeUTF8 } from 'entities'
import { clozeOnly, renderCloze, type ClozeActive } from './cloze'

/**
 * Anki's card template language, the part a study app needs: `{{Field}}`, sections
 * `{{#Field}}…{{/Field}}` (shown when the field has text) and `{{^Field}}…{{/Field}}` (when it
 * has none), `{{FrontSide}}`, and the filters `cloze:`, `cloze-only:`, `type:` and `text:`
 * (https://docs.ankiweb.net/templates/fields.html).
 */

export type Fields = Readonly<Record<string, string>>

export interface RenderContext {
  side: 'front' | 'back'
  /** The cloze number this card hides, or all of them. */
  cloze: ClozeActive
  /** The rendered front, for `{{FrontSide}}` on the back. */
  frontSide?: string
}

export interface Rendered {
  text: string
  /** Whether a field with text was put into the output (Anki's rule for "this card exists"). */
  usedNonEmptyField: boolean
  /** The field a `{{type:Field}}` asks to type, if any. */
  typeField: string | null
}

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'field'; name: string; filters: string[] }
  | { kind: 'section'; name: string; negated: boolean; children: Node[] }

/**
 * The text of a field's HTML: tags removed (a line break or block end becomes a space),
 * entities decoded, white space folded and trimmed.
 */
export function plainText(html: string): string {
  return decodeHTML(html.replace(/<(?:br|\/p|\/div|\/li)\b[^>]*>/gi, ' ').replace(/<[^>]*>/g, ''))
    .replace(/\s+/g, ' ')
    .trim()
}

/** Plain text as field HTML: `<`, `>`, `&` and quotes escaped. */
export function htmlOfText(text: string): string {
  return escapeUTF8(text)
}

const hasText = (value: string | undefined) => plainText(value ?? '') !== ''

/** A field's value, only if the note has that field (a template naming `constructor` gets nothing from Object). */
export const fieldValue = (fields: Fields, name: string): string | undefined =>
  Object.hasOwn(fields, name) ? fields[name] : undefined

/**
 * The deepest nesting of sections a template may have (Anki's own templates nest two or
 * three); a deeper one is shown as a message rather than walked (issue 19: 10,000 nested
 * `{{#Front}}` hung the study screen).
 */
export const MAX_SECTION_DEPTH = 50

class TooDeep extends Error {}

function parse(template: string): Node[] {
  const root: Node[] = []
  const stack: { name: string; children: Node[] }[] = [{ name: '', children: root }]
  const current = () => (stack.at(-1) ?? { children: root }).children
  let last = 0
  for (const m of template.matchAll(/\{\{([\s\S]*?)\}\}/g)) {
    if (m.index > last) current().push({ kind: 'text', text: template.slice(last, m.index) })
    last = m.index + m[0].length
    const tag = (m[1] ?? '').trim()
    if (tag.startsWith('#') || tag.startsWith('^')) {
      const node: Node = {
        kind: 'section',
        name: tag.slice(1).trim(),
        negated: tag.startsWith('^'),
        children: [],
      }
      current().push(node)
      stack.push({ name: node.name, children: node.children })
      if (stack.length > MAX_SECTION_DEPTH + 1) throw new TooDeep()
    } else if (tag.startsWith('/')) {
      // A closing tag that does not match is kept as text, as Anki reports it rather than guessing.
      if (stack.length > 1 && stack.at(-1)?.name === tag.slice(1).trim()) stack.pop()
      else current().push({ kind: 'text', text: m[0] })
    } else {
      const parts = tag.split(':')
      const name = (parts.pop() ?? '').trim()
      current().push({ kind: 'field', name, filters: parts.map((p) => p.trim()) })
    }
  }
  if (last < template.length) current().push({ kind: 'text', text: template.slice(last) })
  return root
}

/** Renders one side of a card template over a note's fields. */
export function renderTemplate(template: string, fields: Fields, ctx: RenderContext): Rendered {
  const out: Rendered = { text: '', usedNonEmptyField: false, typeField: null }
  const walk = (nodes: readonly Node[]): string =>
    nodes
      .map((node) => {
        if (node.kind === 'text') return node.text
        if (node.kind === 'section') {
          return hasText(fieldValue(fields, node.name)) !== node.negated ? walk(node.children) : ''
        }
        return fieldText(node, fields, ctx, out)
      })
      .join('')
  let nodes: Node[]
  try {
    nodes = parse(template)
  } catch (e) {
    if (!(e instanceof TooDeep)) throw e
    out.text = `{the card template nests sections more than ${MAX_SECTION_DEPTH} deep}`
    return out
  }
  out.text = walk(nodes)
  return out
}

function fieldText(
  node: Extract<Node, { kind: 'field' }>,
  fields: Fields,
  ctx: RenderContext,
  out: Rendered,
): string {
  if (node.name === 'FrontSide' && node.filters.length === 0) return ctx.frontSide ?? ''
  const value = fieldValue(fields, node.name)
  if (value === undefined) return `{unknown field ${node.name}}`
  if (node.filters.includes('type')) {
    out.typeField = node.name
    return ''
  }
  if (hasText(value)) out.usedNonEmptyField = true
  let text = value
  for (const filter of node.filters) {
    if (filter === 'cloze') text = renderCloze(text, ctx.cloze, ctx.side)
    else if (filter === 'cloze-only') text = clozeOnly(text, ctx.cloze)
    else if (filter === 'text') text = plainText(text)
  }
  return text
}
