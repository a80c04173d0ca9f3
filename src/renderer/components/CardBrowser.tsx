import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useId, useMemo, useRef, useState } from 'react'
import type { FoundCard } from '../../app/search'
import type { Settings } from '../../app/settings'
import { useDeckNames, useSearch } from '../queries'
import { commands } from '../commands'
import { FLAG_NAMES } from '../study/use-study-session'
import { CardInfoDialog } from './CardInfoDialog'
import { NoteEditor } from './on-first-use'

export interface Props {
  settings: Settings
  onExit: () => void
}

/** The most rows a search shows; the count says when there are more. */
const SHOWN = 5000
/** The rows shown at once while the full search still counts. */
const FIRST_ROWS = 60
const ROW_HEIGHT = 34

type SortKey = 'sortField' | 'deck' | 'due' | 'interval' | 'difficulty' | 'reviews' | 'lapses'
const COLUMNS: [SortKey, string][] = [
  ['sortField', 'Sort field'],
  ['deck', 'Deck'],
  ['due', 'Due'],
  ['interval', 'Interval'],
  ['difficulty', 'Difficulty'],
  ['reviews', 'Reviews'],
  ['lapses', 'Lapses'],
]

const sortValue = (f: FoundCard, key: SortKey): string | number => {
  switch (key) {
    case 'sortField':
      return f.sortField.toLowerCase()
    case 'deck':
      return f.deckName.toLowerCase()
    case 'due':
      return f.card.state === 0 ? Infinity : f.card.due
    case 'interval':
      return f.card.scheduled_days
    case 'difficulty':
      return f.card.difficulty
    case 'reviews':
      return f.card.reps
    case 'lapses':
      return f.card.lapses
  }
}

const QUEUE_LABEL: Record<number, string> = { [-2]: 'suspended', [-3]: 'buried' }

/**
 * Anki's browser: search the collection with the search language, see the cards in a
 * virtualized table (sortable by column), select with mouse or keyboard (Shift and Ctrl as
 * usual, Ctrl+A), act on the selection (suspend, unsuspend, flag, move notes to the trash),
 * and edit a note (Enter or double-click). Esc goes back.
 */
export function CardBrowser({ settings, onExit }: Props) {
  const id = useId()
  const [draft, setDraft] = useState('')
  const [query, setQuery] = useState('')
  const [sort, setSort] = useState<{ key: SortKey; up: boolean }>({ key: 'deck', up: true })
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set())
  const [anchor, setAnchor] = useState<number | null>(null)
  const [cursor, setCursor] = useState(0)
  const [editing, setEditing] = useState<string | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const [tagDraft, setTagDraft] = useState('')
  const [dueDraft, setDueDraft] = useState('0')
  const [infoOf, setInfoOf] = useState<string | null>(null)
  const decks = useDeckNames()
  // The first rows come from a search that stops early; the full one (with the count) follows.
  const quick = useSearch(query, settings, FIRST_ROWS, true)
  const full = useSearch(query, settings, SHOWN)
  const result = full ?? quick
  const scroller = useRef<HTMLDivElement>(null)

  // Esc anywhere on the screen goes back (the editor dialog handles its own Esc).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !editing && !infoOf && !e.defaultPrevented) onExit()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [editing, infoOf, onExit])

  // Search as the user stops typing.
  useEffect(() => {
    const t = setTimeout(() => setQuery(draft), 250)
    return () => clearTimeout(t)
  }, [draft])

  const rows = useMemo(() => {
    if (!result?.ok) return []
    const sorted = [...result.cards]
    if (sort.key !== 'deck' || !sort.up)
      sorted.sort((a, b) => {
        const x = sortValue(a, sort.key)
        const y = sortValue(b, sort.key)
        return (x < y ? -1 : x > y ? 1 : 0) * (sort.up ? 1 : -1)
      })
    return sorted
  }, [result, sort])

  // This app is not built with the React Compiler, which is what the rule guards.
  // eslint-disable-next-line react-hooks/incompatible-library -- see the line above
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  })

  const chosen = rows.filter((r) => selected.has(r.card.id))
  const pick = (index: number, e: { shiftKey: boolean; ctrlKey: boolean; metaKey: boolean }) => {
    const rowId = rows[index]?.card.id
    if (!rowId) return
    if (e.shiftKey && anchor !== null) {
      const [from, to] = anchor < index ? [anchor, index] : [index, anchor]
      setSelected(new Set(rows.slice(from, to + 1).map((r) => r.card.id)))
    } else if (e.ctrlKey || e.metaKey) {
      const next = new Set(selected)
      if (!next.delete(rowId)) next.add(rowId)
      setSelected(next)
      setAnchor(index)
    } else {
      setSelected(new Set([rowId]))
      setAnchor(index)
    }
    setCursor(index)
    virtual.scrollToIndex(index)
  }

  const act = async (work: () => Promise<string>) => {
    try {
      setMessage(await work())
    } catch (e) {
      setMessage(`Could not change the cards: ${String(e)}`)
    }
  }

  return (
    <section className="browser" aria-label="Browse cards">
      <header className="study-bar">
        <button type="button" className="ghost" onClick={onExit} aria-keyshortcuts="Escape">
          ← Decks <kbd>Esc</kbd>
        </button>
        <h1 className="study-title">Browse</h1>
        <span />
      </header>
      <div className="browser-search">
        <label htmlFor={`${id}-q`} className="visually-hidden">
          Search
        </label>
        <input
          id={`${id}-q`}
          type="search"
          autoFocus
          placeholder='Search: words, "phrases", deck:Name tag:x is:due flag:1 prop:ivl>30 -word'
          value={draft}
          aria-invalid={result && !result.ok ? true : undefined}
          aria-describedby={`${id}-status`}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') setQuery(draft)
            if (e.key === 'ArrowDown') {
              e.preventDefault()
              pick(0, e)
              scroller.current?.focus()
            }
          }}
        />
        <p
          id={`${id}-status`}
          className={result && !result.ok ? 'field-error' : 'muted'}
          role="status"
        >
          {!result
            ? 'Searching…'
            : !result.ok
              ? `${result.error.message} (at character ${result.error.at + 1})`
              : `${result.complete ? result.total : `${result.total}+`} ${result.total === 1 ? 'card' : 'cards'}${result.complete ? '' : ' (counting…)'}${result.total > SHOWN ? ` (the first ${SHOWN} shown)` : ''}${selected.size ? ` · ${chosen.length} selected` : ''}`}
        </p>
      </div>
      <div className="browser-actions" role="group" aria-label="Selected cards">
        {(['suspend', 'unsuspend'] as const).map((kind) => (
          <button
            key={kind}
            type="button"
            className="ghost"
            disabled={!chosen.length}
            onClick={() =>
              void act(async () => {
                const n = await commands.cards.changeMany(
                  chosen.map((c) => c.card.id),
                  { kind },
                )
                return `${n} ${kind}ed.`
              })
            }
          >
            {kind === 'suspend' ? 'Suspend' : 'Unsuspend'}
          </button>
        ))}
        <label className="flag-picker">
          Flag
          <select
            value=""
            disabled={!chosen.length}
            onChange={(e) => {
              const flag = Number(e.target.value)
              void act(async () => {
                const n = await commands.cards.changeMany(
                  chosen.map((c) => c.card.id),
                  { kind: 'flag', flag },
                )
                return flag ? `${n} flagged ${FLAG_NAMES[flag] ?? ''}.` : `${n} unflagged.`
              })
            }}
          >
            <option value="" disabled>
              Choose…
            </option>
            {FLAG_NAMES.map((name, i) => (
              <option key={i} value={i}>
                {i === 0 ? 'No flag' : name}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="ghost"
          disabled={chosen.length !== 1}
          onClick={() => setEditing(chosen[0]?.note.id ?? null)}
        >
          Edit note <kbd>Enter</kbd>
        </button>
        <button
          type="button"
          className="ghost danger"
          disabled={!chosen.length}
          onClick={() =>
            void act(async () => {
              await commands.notes.trash(chosen.map((c) => c.note.id))
              setSelected(new Set())
              return 'Moved to the trash; restore from the deck list.'
            })
          }
        >
          Move notes to trash
        </button>
        <label className="flag-picker">
          Move to
          <select
            value=""
            disabled={!chosen.length}
            onChange={(e) => {
              const target = e.target.value
              void act(async () => {
                const n = await commands.notes.move(
                  chosen.map((c) => c.note.id),
                  target,
                )
                return `${n} ${n === 1 ? 'note' : 'notes'} moved.`
              })
            }}
          >
            <option value="" disabled>
              Deck…
            </option>
            {(decks ?? []).map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <input
          className="tag-input"
          aria-label="Tags to add or remove"
          placeholder="tags"
          value={tagDraft}
          onChange={(e) => setTagDraft(e.target.value)}
        />
        {(['add', 'remove'] as const).map((how) => (
          <button
            key={how}
            type="button"
            className="ghost"
            disabled={!chosen.length || !tagDraft.trim()}
            onClick={() =>
              void act(async () => {
                const tags = tagDraft.split(/\s+/).filter(Boolean)
                const n = await commands.notes.retag(
                  chosen.map((c) => c.note.id),
                  how === 'add' ? tags : [],
                  how === 'remove' ? tags : [],
                )
                return `${n} ${n === 1 ? 'note' : 'notes'} ${how === 'add' ? 'tagged' : 'untagged'}.`
              })
            }
          >
            {how === 'add' ? 'Add tags' : 'Remove tags'}
          </button>
        ))}
        <button
          type="button"
          className="ghost"
          disabled={!chosen.length}
          onClick={() =>
            void act(async () => {
              const n = await commands.cards.reset(
                chosen.map((c) => c.card.id),
                settings,
                null,
              )
              return `${n} reset to new.`
            })
          }
        >
          Reset to new
        </button>
        <label className="flag-picker">
          Due in
          <input
            type="number"
            min={0}
            className="days-input"
            aria-label="Due in how many days"
            value={dueDraft}
            onChange={(e) => setDueDraft(e.target.value)}
          />
          days
        </label>
        <button
          type="button"
          className="ghost"
          disabled={!chosen.length || !/^\d+$/.test(dueDraft)}
          onClick={() =>
            void act(async () => {
              const n = await commands.cards.reset(
                chosen.map((c) => c.card.id),
                settings,
                Number(dueDraft),
              )
              return `${n} rescheduled.`
            })
          }
        >
          Reschedule
        </button>
        <button
          type="button"
          className="ghost"
          disabled={chosen.length !== 1}
          onClick={() => setInfoOf(chosen[0]?.card.id ?? null)}
        >
          Info
        </button>
        {message && <span className="muted">{message}</span>}
      </div>
      <div className="browser-table" role="grid" aria-label="Cards" aria-rowcount={rows.length + 1}>
        <div className="browser-row browser-head" role="row" aria-rowindex={1}>
          {COLUMNS.map(([key, label]) => (
            <button
              key={key}
              type="button"
              role="columnheader"
              className="browser-cell"
              aria-sort={sort.key === key ? (sort.up ? 'ascending' : 'descending') : 'none'}
              onClick={() => setSort((s) => ({ key, up: s.key === key ? !s.up : true }))}
            >
              {label}
              {sort.key === key ? (sort.up ? ' ▲' : ' ▼') : ''}
            </button>
          ))}
        </div>
        <div
          ref={scroller}
          className="browser-body"
          // The grid's rows are its children: the scrolling box is their row group.
          role="rowgroup"
          tabIndex={0}
          aria-label="Cards found"
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault()
              const next = Math.min(
                rows.length - 1,
                Math.max(0, cursor + (e.key === 'ArrowDown' ? 1 : -1)),
              )
              pick(next, { ...e, ctrlKey: false, metaKey: false })
            } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'a') {
              e.preventDefault()
              setSelected(new Set(rows.map((r) => r.card.id)))
            } else if (e.key === 'Enter' && chosen.length === 1) {
              e.preventDefault()
              setEditing(chosen[0]?.note.id ?? null)
            }
          }}
        >
          <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
            {virtual.getVirtualItems().map((v) => {
              const f = rows[v.index]
              if (!f) return null
              const flag = f.card.flag ?? 0
              return (
                <div
                  key={f.card.id}
                  role="row"
                  aria-rowindex={v.index + 2}
                  aria-selected={selected.has(f.card.id)}
                  data-testid="browser-row"
                  data-card-id={f.card.id}
                  data-flag={flag}
                  className={`browser-row${selected.has(f.card.id) ? ' selected' : ''}${v.index === cursor ? ' cursor' : ''}`}
                  style={{
                    position: 'absolute',
                    top: 0,
                    left: 0,
                    right: 0,
                    height: ROW_HEIGHT,
                    transform: `translateY(${v.start}px)`,
                  }}
                  onClick={(e) => pick(v.index, e)}
                  onDoubleClick={() => setEditing(f.note.id)}
                >
                  <span role="gridcell" className="browser-cell">
                    {f.sortField}
                    {QUEUE_LABEL[f.card.queue] && (
                      <em className="muted"> ({QUEUE_LABEL[f.card.queue]})</em>
                    )}
                    {flag > 0 && <span className="muted"> ⚑ {FLAG_NAMES[flag]}</span>}
                  </span>
                  <span role="gridcell" className="browser-cell">
                    {f.deckName}
                  </span>
                  <span role="gridcell" className="browser-cell">
                    {f.card.state === 0 ? 'new' : new Date(f.card.due).toLocaleDateString()}
                  </span>
                  <span role="gridcell" className="browser-cell">
                    {f.card.state === 0 ? '' : `${f.card.scheduled_days} d`}
                  </span>
                  <span role="gridcell" className="browser-cell">
                    {f.card.state === 0 ? '' : f.card.difficulty.toFixed(1)}
                  </span>
                  <span role="gridcell" className="browser-cell">
                    {f.card.reps}
                  </span>
                  <span role="gridcell" className="browser-cell">
                    {f.card.lapses}
                  </span>
                </div>
              )
            })}
          </div>
        </div>
      </div>
      {editing && <NoteEditor mode="edit" noteId={editing} onClose={() => setEditing(null)} />}
      {infoOf && <CardInfoDialog cardId={infoOf} onClose={() => setInfoOf(null)} />}
    </section>
  )
}
