import Papa from 'papaparse'
import { largest } from '../../core/extent'
import type { CollectionData } from './collection-data'

const CRLF = '\r\n'

/** How a text export is written. */
export interface CsvOptions {
  /**
   * For a spreadsheet rather than Anki: a field that starts with `=`, `+`, `-`, `@` (or a tab or
   * carriage return) gets a leading `'`, so it opens as text, not a formula (OWASP's CSV
   * injection advice). Off for files meant for Anki, which would keep the `'`.
   */
  forSpreadsheet?: boolean
}

/**
 * Notes as Anki's "Notes in Plain Text" export: header lines say the separator, that fields
 * are HTML, and which columns hold the guid, note type, deck and tags, so Anki (and this app)
 * import it back without a mapping step. Notes in the trash are left out. RFC 4180: lines end
 * in CRLF, and a field that needs it is quoted — as is any starting with `#`, which would
 * otherwise make its line a comment to Anki's reader and ours.
 */
export function notesCsv(
  data: CollectionData,
  separator: ',' | '\t' = ',',
  options: CsvOptions = {},
): string {
  const types = new Map(data.noteTypes.map((t) => [t.id, t]))
  const decks = new Map(data.decks.map((d) => [d.id, d.name]))
  const notes = data.notes.filter((n) => n.deletedAt === undefined && n.retired === 0)
  const width = largest(notes, (n) => types.get(n.typeId)?.fields.length ?? 0, 1)
  const rows = notes.map((n) => {
    const fields = types.get(n.typeId)?.fields ?? Object.keys(n.fields)
    const values = fields.map((f) => n.fields[f] ?? '')
    while (values.length < width) values.push('')
    return [
      n.id,
      types.get(n.typeId)?.name ?? n.typeId,
      decks.get(n.deckId) ?? '',
      ...values,
      n.tags.join(' '),
    ]
  })
  const header = [
    `#separator:${separator === ',' ? 'comma' : 'tab'}`,
    '#html:true',
    '#guid column:1',
    '#notetype column:2',
    '#deck column:3',
    `#tags column:${width + 4}`,
  ]
  const body = Papa.unparse(rows, {
    delimiter: separator,
    newline: CRLF,
    quotes: (value: unknown) => typeof value === 'string' && value.startsWith('#'),
    escapeFormulae: options.forSpreadsheet ?? false,
  })
  return `${header.join(CRLF)}${CRLF}${body}${CRLF}`
}
