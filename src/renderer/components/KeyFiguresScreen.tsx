import { useEffect, useId, useMemo, useState } from 'react'
import type { KeyFigure } from '../../app/key-figures'
import type { Settings } from '../../app/settings'
import { useKeyFigures } from '../queries'

type Column = 'section' | 'what' | 'value' | 'recall'

const COLUMNS: [Column, string][] = [
  ['section', 'Section'],
  ['what', 'What it measures'],
  ['value', 'Value'],
  ['recall', 'Your recall now'],
]

function compare(a: KeyFigure, b: KeyFigure, column: Column): number {
  if (column === 'section') return a.section.join(' › ').localeCompare(b.section.join(' › '))
  if (column === 'what') return a.what.localeCompare(b.what)
  if (column === 'recall') return (a.recall ?? -1) - (b.recall ?? -1)
  if (a.kind !== b.kind) return a.kind === 'figure' ? -1 : 1
  return typeof a.sortValue === 'number' && typeof b.sortValue === 'number'
    ? a.sortValue - b.sortValue
    : String(a.sortValue).localeCompare(String(b.sortValue))
}

/**
 * Key figures: every figure and date of a deck in one table — section, what it measures, the
 * value with its unit, your recall now — searchable, sortable, filtered to the ones you keep
 * missing, printable. The offline reference for the night before the exam.
 */
export function KeyFiguresScreen({
  deckId,
  deckName,
  settings,
  onExit,
}: {
  deckId: string
  deckName: string
  settings: Settings
  onExit: () => void
}) {
  const id = useId()
  const rows = useKeyFigures(settings, deckId)
  const [query, setQuery] = useState('')
  const [missedOnly, setMissedOnly] = useState(false)
  const [sort, setSort] = useState<{ column: Column; up: boolean }>({ column: 'section', up: true })
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !(e.target as HTMLElement | null)?.closest('input')) onExit()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [onExit])
  const shown = useMemo(() => {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean)
    const kept = (rows ?? []).filter((r) => {
      if (missedOnly && !r.missed) return false
      const text = `${r.section.join(' ')} ${r.what} ${r.value}`.toLowerCase()
      return words.every((w) => text.includes(w))
    })
    return kept.sort((a, b) => (sort.up ? 1 : -1) * compare(a, b, sort.column))
  }, [rows, query, missedOnly, sort])
  return (
    <section className="key-figures" aria-label={`Key figures of ${deckName}`}>
      <header className="study-bar no-print">
        <button type="button" className="ghost" onClick={onExit}>
          ← Decks <kbd>Esc</kbd>
        </button>
        <h1 className="study-title">Key figures · {deckName}</h1>
        <button type="button" className="ghost" onClick={() => window.print()}>
          Print
        </button>
      </header>
      <div className="figure-tools no-print">
        <label htmlFor={`${id}-q`}>Find</label>
        <input
          id={`${id}-q`}
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <label className="check">
          <input
            type="checkbox"
            checked={missedOnly}
            onChange={(e) => setMissedOnly(e.target.checked)}
          />{' '}
          Only the ones I keep missing
        </label>
        <span role="status" className="muted">
          {rows ? `${shown.length} of ${rows.length}` : 'Loading…'}
        </span>
      </div>
      <p className="muted figure-legend no-print">
        <strong>Your recall now</strong>: the chance, by your review history, that you would answer
        it right today. <span className="missed-mark">Missed lately</span>: your last answer was
        Again, or you have forgotten it twice or more, whatever the recall says now.
      </p>
      <div className="sideways">
        <table className="figures-table">
          <caption className="visually-hidden">Key figures of {deckName}</caption>
          <thead>
            <tr>
              {COLUMNS.map(([column, label]) => (
                <th
                  key={column}
                  scope="col"
                  aria-sort={
                    sort.column === column ? (sort.up ? 'ascending' : 'descending') : 'none'
                  }
                >
                  <button
                    type="button"
                    className="ghost"
                    onClick={() =>
                      setSort((s) => ({ column, up: s.column === column ? !s.up : true }))
                    }
                  >
                    {label}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr
                key={r.noteId}
                className={r.missed ? 'missed' : undefined}
                data-testid="figure-row"
              >
                <td>{r.section.at(-1) ?? ''}</td>
                <td>{r.what}</td>
                <td className="figure-value">{r.value}</td>
                <td>
                  {r.recall === null ? 'not studied' : `${Math.round(r.recall * 100)} %`}
                  {r.missed && (
                    <span className="missed-mark" data-testid="missed-mark">
                      {' '}
                      · missed lately
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
