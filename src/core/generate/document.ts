import { ImportError } from '../formats/import-error'
import { Parser } from 'htmlparser2'
import { marked, type Token, type Tokens } from 'marked'

/** One paragraph of a source document, under its headings. */
export interface Block {
  /** Headings above it, outermost first ([] before the first heading). */
  section: string[]
  text: string
  /** Its place in the document (0-based), so a card can point back to it. */
  index: number
}

/** A document read into paragraphs under headings. */
export interface SourceDocument {
  title: string
  blocks: Block[]
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim()

/** Builds blocks from a stream of headings (with a level) and paragraphs. */
class Outline {
  private readonly path: { level: number; text: string }[] = []
  readonly blocks: Block[] = []
  title = ''

  heading(given: number, raw: string) {
    const text = collapse(raw)
    if (!text) return
    const level =
      given === UNMARKED ? (this.path.length ? (this.path.at(-1)?.level ?? 0) + 1 : 0) : given
    if (!this.title) this.title = text
    while (this.path.length && (this.path.at(-1)?.level ?? 0) >= level) this.path.pop()
    this.path.push({ level, text })
  }

  paragraph(raw: string) {
    const text = collapse(raw)
    if (!text) return
    this.blocks.push({ section: this.path.map((h) => h.text), text, index: this.blocks.length })
  }
}

// A plain-text heading: a short line on its own, with no sentence end. Its level comes from
// its marker, as reports number them: "3 Global Security", "(1) Regional Security",
// "A Peacekeeping", "(a) ...", or none (a heading one below the last numbered one).
const TEXT_HEADING_LEVELS: [RegExp, number][] = [
  [/^(?:chapter|part)\s+\d+\b/i, 1],
  // A treaty's or a law's articles are siblings, whatever comes before them.
  [/^(?:article|section|annex)\s+[\dIVXLC]+[A-Za-z]?$/i, 2],
  [/^\d+(?:\.\d+)*\s+\S/, 2],
  [/^\(\d+\)\s+\S/, 3],
  [/^[A-Z]\s+\S/, 4],
  [/^\([a-z]\)\s+\S|^[a-z]\s+\S/, 5],
]

function textHeadingLevel(line: string): number | null {
  if (
    line.length > 90 ||
    /[.!?:;,]["”’)]?$/.test(line) ||
    !/^(?:[\p{Lu}(\d]|[a-z]\s+\p{Lu})/u.test(line) ||
    // "Coastline: 29,751 km" is a label and its value, not a heading.
    (/:\s*\S/.test(line) && /\d/.test(line))
  )
    return null
  for (const [re, level] of TEXT_HEADING_LEVELS) if (re.test(line)) return level
  // An unnumbered short title-like line: most words capitalised.
  const words = line.split(/\s+/)
  const capitalised = words.filter((w) => /^[\p{Lu}\d(“"]/u.test(w)).length
  return words.length <= 10 && capitalised / words.length >= 0.5 ? UNMARKED : null
}

/** An unmarked heading: the title before any other, else one level below the last heading. */
const UNMARKED = -1

// Marked headings a plain text may carry on any line: "## Background" (Markdown's way, common
// in .txt exports), and a line underlined with = (level 1) or - (level 2).
const ATX = /^(#{1,6})\s+(.+?)\s*#*$/
const UNDERLINE = /^(=+|-+)$/
// A short line in capitals ("GEOGRAPHY", "PART II — THE SEAS"): a heading wherever it stands.
const CAPITALS = /^(?=.*\p{Lu}.*\p{Lu})[^\p{Ll}]{2,60}$/u
// List items: "- item", "* item", "• item", "1. item", "(a) item", "2) item".
const LIST_ITEM = /^(?:[-*•‣◦]|\d{1,3}[.)]|\(?[a-z]\))\s+(?=\S)/

/**
 * Plain text: paragraphs are separated by blank lines; short unpunctuated lines on their own
 * are headings, and so are marked ones ("## …", an underlined line, a short line in capitals)
 * wherever they stand, so a heading never runs into the paragraph under it. Lines of a list
 * are paragraphs each, their markers dropped (a list number is no figure to recall).
 */
export function documentFromText(text: string): SourceDocument {
  const outline = new Outline()
  for (const chunk of text.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    const lines = chunk
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
    let body: string[] = []
    const flush = () => {
      if (body.length > 1 && body.every((l) => LIST_ITEM.test(l)))
        for (const item of body) outline.paragraph(item.replace(LIST_ITEM, ''))
      else if (body.every((l) => textHeadingLevel(l) !== null))
        // A heading on each line ("(B) Anti-piracy Measures" over "a Current status").
        for (const line of body) outline.heading(textHeadingLevel(line) ?? UNMARKED, line)
      else outline.paragraph(body.join(' '))
      body = []
    }
    for (const [i, line] of lines.entries()) {
      const atx = ATX.exec(line)
      const underlined = UNDERLINE.test(lines[i + 1] ?? '') && !UNDERLINE.test(line)
      if (UNDERLINE.test(line)) continue
      if (atx || underlined || (CAPITALS.test(line) && !/[.!?]["”’)]?$/.test(line))) {
        flush()
        const level = atx
          ? (atx[1] ?? '#').length
          : underlined
            ? lines[i + 1]?.[0] === '='
              ? 1
              : 2
            : // A line in capitals is a top section ("GEOGRAPHY" in a country profile).
              1
        outline.heading(level, atx ? (atx[2] ?? '') : line)
      } else body.push(line)
    }
    if (body.length) flush()
  }
  return { title: outline.title, blocks: outline.blocks }
}

/** Markdown: its headings and paragraphs (and list items), read by a Markdown lexer. */
export function documentFromMarkdown(markdown: string): SourceDocument {
  const outline = new Outline()
  const plain = (s: string) =>
    s
      .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/[*_`~]+/g, '')
  const walk = (tokens: readonly Token[]) => {
    for (const t of tokens) {
      if (t.type === 'heading') outline.heading(t.depth, plain(t.text))
      else if (t.type === 'paragraph') outline.paragraph(plain(t.text))
      else if (t.type === 'list') for (const item of t.items) outline.paragraph(plain(item.text))
      else if (t.type === 'blockquote') walk(t.tokens ?? [])
      else if (t.type === 'table') {
        // A row stays one paragraph, each cell after its column's heading: "Area: 377,915 sq km".
        const table = t as Tokens.Table
        for (const row of table.rows)
          outline.paragraph(
            row
              .map((cell, i) => {
                const head = plain(table.header[i]?.text ?? '')
                return head ? `${head}: ${plain(cell.text)}` : plain(cell.text)
              })
              .join('; '),
          )
      }
    }
  }
  walk(marked.lexer(markdown))
  return { title: outline.title, blocks: outline.blocks }
}

const HTML_BLOCKS = new Set([
  'p',
  'li',
  'dd',
  'dt',
  'tr',
  'blockquote',
  'figcaption',
  'caption',
  'pre',
  'div',
  'section',
  'article',
  'br',
])
const HTML_DROPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'math',
  'iframe',
  'object',
])

/**
 * HTML reduced to its text: h1–h6 are headings, other blocks paragraphs; scripts, styles and
 * embedded objects are dropped, entities decoded. Nothing is rendered or run: a streaming
 * parser reads the markup as text.
 */
export function documentFromHtml(html: string): SourceDocument {
  const outline = new Outline()
  let dropped = 0
  let heading: { level: number; text: string } | null = null
  let title = ''
  let inTitle = false
  let text = ''
  const flush = () => {
    if (heading) return
    outline.paragraph(text)
    text = ''
  }
  const parser = new Parser(
    {
      onopentag(name) {
        if (HTML_DROPPED.has(name)) dropped++
        else if (dropped) return
        else if (name === 'title') inTitle = true
        else if (/^h[1-6]$/.test(name)) {
          flush()
          heading = { level: Number(name[1]), text: '' }
        } else if (HTML_BLOCKS.has(name)) flush()
        // A table row stays one paragraph: "Coastline: 2,495 km", each cell after the first
        // joined to the one before.
        else if ((name === 'td' || name === 'th') && text.trim())
          text = text.trimEnd() + (/:$/.test(text.trimEnd()) ? ' ' : ': ')
      },
      ontext(data) {
        if (dropped) return
        if (inTitle) title += data
        else if (heading) heading.text += data
        else text += data
      },
      onclosetag(name) {
        if (HTML_DROPPED.has(name)) dropped = Math.max(0, dropped - 1)
        else if (dropped) return
        else if (name === 'title') inTitle = false
        else if (heading && /^h[1-6]$/.test(name)) {
          outline.heading(heading.level, heading.text)
          heading = null
        } else if (HTML_BLOCKS.has(name)) flush()
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  )
  parser.write(html)
  parser.end()
  flush()
  return { title: collapse(title) || outline.title, blocks: outline.blocks }
}

/**
 * The longest text cards are made from: about a megabyte (a long report; the chapter is 80 KB).
 * A 1 MB text takes ~14 s of NLP and makes a 16 MB deck file, the most a deck file may be;
 * 50 MB once ran out of memory after 459 s (issue 19).
 */
export const MAX_DOCUMENT_CHARS = 1024 * 1024

/**
 * A document by its file name's extension: .html/.htm, .md/.markdown, anything else as text.
 * Throws ImportError for a text longer than MAX_DOCUMENT_CHARS.
 */
export function readDocument(name: string, text: string): SourceDocument {
  if (text.length > MAX_DOCUMENT_CHARS)
    throw new ImportError(
      name,
      null,
      `the text is ${(text.length / 2 ** 20).toFixed(1)} MB; cards are made from at most ${MAX_DOCUMENT_CHARS / 2 ** 20} MB at a time — split it into parts (a chapter each)`,
    )
  const ext = name.toLowerCase().split('.').pop() ?? ''
  if (ext === 'html' || ext === 'htm') return documentFromHtml(text)
  if (ext === 'md' || ext === 'markdown') return documentFromMarkdown(text)
  return documentFromText(text)
}
