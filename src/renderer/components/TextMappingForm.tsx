import { useId } from 'react'
import type { TextMapping } from '../../app/exchange/from-text'
import type { DelimitedText } from '../../core/formats/text/read-delimited'
import type { NoteType } from '../../core/notes/note-types'

interface Props {
  /** The file's first records (the whole file stays in the import worker). */
  text: DelimitedText
  /** How many columns the widest record of the whole file has. */
  columns: number
  mapping: TextMapping
  noteTypes: readonly NoteType[]
  onChange: (mapping: TextMapping) => void
}

const PREVIEW_ROWS = 5

/**
 * The mapping step of a CSV/TSV import: which column feeds each field, the tags and the deck,
 * which note type, and whether cells are HTML, beside the file's first records.
 */
export function TextMappingForm({ text, columns: width, mapping, noteTypes, onChange }: Props) {
  const id = useId()
  const columns = Array.from({ length: width }, (_, i) => i + 1)
  const sample = (c: number) => (text.rows[0]?.cells[c - 1] ?? '').slice(0, 24)
  const type = noteTypes.find((t) => t.id === mapping.noteTypeId)
  const columnSelect = (
    label: string,
    value: number | null,
    set: (v: number | null) => void,
    key: string,
  ) => (
    <div className="field" key={key}>
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <select
        id={`${id}-${key}`}
        value={value ?? ''}
        onChange={(e) => set(e.target.value === '' ? null : Number(e.target.value))}
      >
        <option value="">(nothing)</option>
        {columns.map((c) => (
          <option key={c} value={c}>
            Column {c}: {sample(c)}
          </option>
        ))}
      </select>
    </div>
  )
  const typed = mapping.notetypeColumn !== null
  return (
    <fieldset className="mapping">
      <legend>Columns</legend>
      {typed ? (
        <p className="muted">
          Each record names its note type (column {mapping.notetypeColumn}); its fields follow in
          order.
        </p>
      ) : (
        <>
          <div className="field">
            <label htmlFor={`${id}-type`}>Note type</label>
            <select
              id={`${id}-type`}
              value={mapping.noteTypeId}
              onChange={(e) => {
                const next = noteTypes.find((t) => t.id === e.target.value)
                if (!next) return
                onChange({
                  ...mapping,
                  noteTypeId: next.id,
                  fieldColumns: Object.fromEntries(
                    next.fields.map((f, i) => [f, columns[i] ?? null]),
                  ),
                })
              }}
            >
              {noteTypes.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </div>
          {type?.fields.map((f, i) =>
            columnSelect(
              f,
              mapping.fieldColumns[f] ?? null,
              (v) => onChange({ ...mapping, fieldColumns: { ...mapping.fieldColumns, [f]: v } }),
              `field-${i}`,
            ),
          )}
        </>
      )}
      {columnSelect(
        'Tags',
        mapping.tagsColumn,
        (v) => onChange({ ...mapping, tagsColumn: v }),
        'tags',
      )}
      {columnSelect(
        'Deck',
        mapping.deckColumn,
        (v) => onChange({ ...mapping, deckColumn: v }),
        'deck',
      )}
      <div className="field">
        <label htmlFor={`${id}-deck-name`}>Deck for records without one</label>
        <input
          id={`${id}-deck-name`}
          value={mapping.deckName}
          onChange={(e) => onChange({ ...mapping, deckName: e.target.value })}
        />
      </div>
      <label className="check">
        <input
          type="checkbox"
          checked={mapping.html}
          onChange={(e) => onChange({ ...mapping, html: e.target.checked })}
        />{' '}
        Cells are HTML (formatting kept; otherwise their text is shown as written)
      </label>
      <div className="table-scroll">
        <table className="preview-table">
          <caption>First records of the file</caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              {columns.map((c) => (
                <th scope="col" key={c}>
                  Column {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {text.rows.slice(0, PREVIEW_ROWS).map((r) => (
              <tr key={r.line}>
                <th scope="row">{r.line}</th>
                {columns.map((c) => (
                  <td key={c}>{r.cells[c - 1] ?? ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </fieldset>
  )
}
