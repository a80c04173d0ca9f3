import Papa from 'papaparse'
import { ImportError } from '../import-error'
import { strictUtf8 } from '../text-decoding'

/**
 * What the `#key:value` lines at the top of a text file say (Anki's text import and export
 * headers, https://docs.ankiweb.net/importing/text-files.html#file-headers). Column numbers
 * count from 1, as Anki writes them.
 */
export interface TextHeaders {
  separator?: string
  html?: boolean
  tags?: string[]
  deck?: string
  notetype?: string
  columns?: string[]
  deckColumn?: number
  notetypeColumn?: number
  tagsColumn?: number
  guidColumn?: number
}

/** One record of the file and the line it starts on. */
export interface TextRow {
  line: number
  cells: string[]
}

export interface DelimitedText {
  separator: string
  /** Whether the file told its separator (else it was guessed). */
  separatorKnown: boolean
  headers: TextHeaders
  rows: TextRow[]
}

const SEPARATOR_NAMES: Record<string, string> = {
  tab: '\t',
  comma: ',',
  semicolon: ';',
  pipe: '|',
  colon: ':',
  space: ' ',
}

/** The most records a file may have (a 100,000-card collection is about 50,000 notes). */
export const MAX_TEXT_ROWS = 500_000

/**
 * The largest text file of notes read (500,000 records of a few hundred bytes fit): the parser
 * holds about ten times a file's size, and a 200 MB single-line CSV once took 1.9 GB and
 * crashed the browser's tab (issue 19).
 */
export const MAX_TEXT_BYTES = 128 * 2 ** 20

/** Why a text file of `size` bytes is not read. */
export function textTooLarge(file: string, size: number) {
  return new ImportError(
    file,
    null,
    `the file is ${(size / 2 ** 20).toFixed(1)} MB; a text file of notes may be at most ${MAX_TEXT_BYTES / 2 ** 20} MB — split it into parts`,
  )
}

/**
 * The records of a CSV/TSV/plain-text file: headers read, BOM dropped, CRLF and quoted
 * newlines handled (papaparse), `#` comment lines skipped; the separator is the header's or
 * guessed. Text that is not UTF-8 is refused with the line where it stops being so.
 */
export function readDelimited(bytes: Uint8Array, file: string): DelimitedText {
  if (bytes.length > MAX_TEXT_BYTES) throw textTooLarge(file, bytes.length)
  const text = decodeText(bytes, file)
  const lines = text.split('\n')
  const headers: TextHeaders = {}
  let bodyStart = 0
  for (const [i, raw] of lines.entries()) {
    const line = raw.replace(/\r$/, '')
    const m = /^#([a-z ]+):(.*)$/i.exec(line)
    if (!m) break
    readHeader(headers, (m[1] as string).trim().toLowerCase(), (m[2] as string).trim(), file, i + 1)
    bodyStart = i + 1
  }
  const body = lines.slice(bodyStart).join('\n')
  const firstLine = bodyStart + 1
  const rows: TextRow[] = []
  let offset = 0
  let line = firstLine
  let delimiter = headers.separator ?? ','
  Papa.parse<string[]>(body, {
    ...(headers.separator
      ? { delimiter: headers.separator }
      : { delimitersToGuess: ['\t', '|', ';', ',', ':'] }),
    comments: '#',
    skipEmptyLines: true,
    step(result) {
      const end = result.meta.cursor
      // The record starts after the blank and comment lines before it.
      const before = body.slice(offset, end)
      const leading = /^(?:[ \t]*(?:#[^\n]*)?\r?\n)*/.exec(before)?.[0] ?? ''
      const start = line + count(leading, '\n')
      delimiter = result.meta.delimiter
      for (const error of result.errors)
        if (error.type === 'Quotes')
          throw new ImportError(file, `line ${start}`, 'a quoted field is not closed')
      if (rows.length >= MAX_TEXT_ROWS)
        throw new ImportError(file, `line ${start}`, `more than ${MAX_TEXT_ROWS} records`)
      rows.push({ line: start, cells: result.data })
      line += count(before, '\n')
      offset = end
    },
  })
  return {
    separator: delimiter,
    separatorKnown: headers.separator !== undefined,
    headers,
    rows,
  }
}

const count = (s: string, ch: string) => s.split(ch).length - 1

function decodeText(bytes: Uint8Array, file: string): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    throw new ImportError(file, null, 'the file is UTF-16; save it as UTF-8 and import it again')
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    throw new ImportError(file, null, 'the file is UTF-16; save it as UTF-8 and import it again')
  const text = strictUtf8(bytes)
  if (text !== null) {
    const nul = text.indexOf('\u0000')
    if (nul >= 0) {
      // UTF-16 without its byte-order mark has a NUL beside every ASCII letter; a binary file has them anywhere.
      const line = text.slice(0, nul).split('\n').length
      throw new ImportError(
        file,
        `line ${line}`,
        bytes.length > 1 && (bytes[0] === 0 || bytes[1] === 0)
          ? 'the file looks like UTF-16 text (NUL bytes between letters); save it as UTF-8 and import it again'
          : 'the text holds NUL characters (a binary file, not text)',
      )
    }
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  }
  // Name the line where the bytes stop being UTF-8.
  let line = 1
  let start = 0
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      if (strictUtf8(bytes.subarray(start, i)) === null)
        throw new ImportError(
          file,
          `line ${line}`,
          'not UTF-8 text (save the file as UTF-8 and import it again)',
        )
      line++
      start = i + 1
    }
  }
  throw new ImportError(file, null, 'not UTF-8 text')
}

function readHeader(h: TextHeaders, key: string, value: string, file: string, line: number) {
  const column = () => {
    const n = Number(value)
    if (!Number.isInteger(n) || n < 1)
      throw new ImportError(
        file,
        `line ${line}`,
        `#${key} needs a column number from 1, not "${value}"`,
      )
    return n
  }
  switch (key) {
    case 'separator':
      h.separator = SEPARATOR_NAMES[value.toLowerCase()] ?? value
      if (h.separator.length !== 1)
        throw new ImportError(
          file,
          `line ${line}`,
          `#separator "${value}" is not one character or a known name`,
        )
      // A separator the format already uses for something else would misread every line.
      if (h.separator === '#' || h.separator === '"' || /[\r\n]/.test(h.separator))
        throw new ImportError(
          file,
          `line ${line}`,
          `#separator cannot be ${JSON.stringify(h.separator)}: ${h.separator === '#' ? 'it starts comment lines' : h.separator === '"' ? 'it quotes fields' : 'it ends lines'}`,
        )
      break
    case 'html':
      h.html = value.toLowerCase() === 'true'
      break
    case 'tags':
      h.tags = value.split(/\s+/).filter(Boolean)
      break
    case 'deck':
      h.deck = value
      break
    case 'notetype':
      h.notetype = value
      break
    case 'columns':
      h.columns = value.split(h.separator ?? /\t|,/).map((c) => c.trim())
      break
    case 'deck column':
      h.deckColumn = column()
      break
    case 'notetype column':
      h.notetypeColumn = column()
      break
    case 'tags column':
      h.tagsColumn = column()
      break
    case 'guid column':
      h.guidColumn = column()
      break
    default:
      // Anki's other headers (`#if matches`) change nothing here.
      break
  }
}
