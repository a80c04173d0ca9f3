import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useId, useMemo, useRef, useState, type CSSProperties } from 'react'
import { StaleCardError } from '../../app/answer'
import { EditError } from '../../app/editing'
import type { FoundCard } from '../../app/search'
import type { Settings } from '../../app/settings'
import { useDeckNames, useSearch } from '../queries'
import { commands } from '../commands'
import { FLAG_NAMES } from '../study/use-study-session'
import { plural } from '../../core/plural'
import { BrowserSidebar } from './BrowserSidebar'
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

type SortKey =
  'sortField' | 'card' | 'deck' | 'due' | 'interval' | 'difficulty' | 'reviews' | 'lapses'
const COLUMNS: [SortKey, string][] = [
  ['sortField', 'Sort field'],
  ['card', 'Card'],
  ['deck', 'Deck'],
  ['due', 'Due'],
  ['interval', 'Interval'],
  ['difficulty', 'Difficulty'],
  ['reviews', 'Reviews'],
  ['lapses', 'Lapses'],
]

/** Column widths in CSS px (the sort field takes what is left, at least its width). */
type Widths = Record<SortKey, number>
const DEFAULT_WIDTHS: Widths = {
  sortField: 200,
  card: 84,
  deck: 150,
  due: 96,
  interval: 78,
  difficulty: 86,
  reviews: 78,
  lapses: 68,
}
const MIN_WIDTH = 48
/** Widths the user dragged, kept per device (a layout, not study data). */
const WIDTHS_KEY = 'attache.browser.columnWidths'

function savedWidths(): Widths {
  try {
    const saved = JSON.parse(localStorage.getItem(WIDTHS_KEY) ?? '{}') as Partial<Widths>
    const widths = { ...DEFAULT_WIDTHS }
    for (const [key] of COLUMNS) {
      const w = saved[key]
      if (typeof w === 'number' && Number.isFinite(w)) widths[key] = Math.max(MIN_WIDTH, w)
    }
    return widths
  } catch {
    return { ...DEFAULT_WIDTHS }
  }
}

const sortValue = (f: FoundCard, key: SortKey, notes: boolean): string | number => {
  switch (key) {
    case 'sortField':
      return f.sortField.toLowerCase()
    case 'card':
      return (notes ? f.noteType : f.cardName).toLowerCase()
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
 * Anki's browser, the window's full width: a sidebar of decks, note types, tags, flags and
 * card states (a click searches, Ctrl+click adds to the search); the search language; a
 * virtualized table of cards or of notes (sortable, resizable columns remembered on this
 * device; suspended, buried and flagged rows marked); select with mouse or keyboard (Shift and
 * Ctrl as usual, Ctrl+A); act on the selection; and the chosen note's editor beside the table
 * (saved on Ctrl+Enter and when moving on). Esc goes back.
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
  const [notesMode, setNotesMode] = useState(false)
  // What Ctrl+Z takes back here, newest last: a bulk change, a trash, a note's edit.
  const undoStack = useRef<{ label: string; undo: () => Promise<unknown> }[]>([])
  const [canUndo, setCanUndo] = useState(false)
  const remember = (label: string, undo: () => Promise<unknown>) => {
    undoStack.current.push({ label, undo })
    setCanUndo(true)
  }
  const [widths, setWidths] = useState<Widths>(savedWidths)
  const decks = useDeckNames()
  // The first rows come from a search that stops early; the full one (with the count) follows.
  // While a new query runs the last rows stay on screen, but its count is never shown as this
  // query's: the status says "Searching…" until the answer is the query's own.
  const quick = useSearch(query, settings, FIRST_ROWS, true)
  const full = useSearch(query, settings, SHOWN)
  const own = (found: typeof full) => (found?.query === query ? found.result : undefined)
  const result = own(full) ?? own(quick)
  const shownResult = result ?? full?.result ?? quick?.result
  const searching = !result || draft !== query
  const scroller = useRef<HTMLDivElement>(null)
  const searchBox = useRef<HTMLInputElement>(null)
  const editorBox = useRef<HTMLDivElement>(null)

  useEffect(() => {
    localStorage.setItem(WIDTHS_KEY, JSON.stringify(widths))
  }, [widths])
  const columns = COLUMNS.map(([key]) =>
    key === 'sortField' ? `minmax(${widths[key]}px, 1fr)` : `${widths[key]}px`,
  ).join(' ')
  const minWidth = COLUMNS.reduce((n, [key]) => n + widths[key], 0)

  /** A click in the sidebar: that search, or (Ctrl) that search added to the one typed. */
  const searchFor = (term: string, add: boolean) => {
    const next = add && draft.trim() ? `${draft.trim()} ${term}` : term
    setDraft(next)
    setQuery(next)
    setSelected(new Set())
    setAnchor(null)
    setCursor(0)
  }

  /** Takes back the last change made here; one that can no longer be undone is dropped. */
  const undo = async () => {
    const last = undoStack.current.at(-1)
    if (!last) {
      setMessage('Nothing to undo.')
      return
    }
    try {
      await last.undo()
      undoStack.current.pop()
      setMessage(`Undone: ${last.label}`)
    } catch (e) {
      if (e instanceof StaleCardError || e instanceof EditError) undoStack.current.pop()
      setMessage(e instanceof Error ? e.message : String(e))
    }
    setCanUndo(undoStack.current.length > 0)
  }
  const undoRef = useRef(undo)
  useEffect(() => {
    undoRef.current = undo
  })

  // Esc anywhere on the screen goes back (the editor dialog handles its own Esc); Ctrl+Z
  // outside a text field undoes the last change made here, whatever it was.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || editing || infoOf) return
      if (e.key === 'Escape') onExit()
      const field = (e.target as HTMLElement | null)?.closest(
        'input, textarea, select, [contenteditable="true"]',
      )
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === 'z' && !field) {
        e.preventDefault()
        void undoRef.current()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [editing, infoOf, onExit])

  // Search as the user stops typing.
  useEffect(() => {
    const t = setTimeout(() => setQuery(draft), 250)
    return () => clearTimeout(t)
  }, [draft])

  // In notes mode a row is a note (its first card found stands for it).
  const rows = useMemo(() => {
    if (!shownResult?.ok) return []
    const seen = new Set<string>()
    const sorted = notesMode
      ? shownResult.cards.filter((f) => !seen.has(f.note.id) && Boolean(seen.add(f.note.id)))
      : [...shownResult.cards]
    if (sort.key !== 'deck' || !sort.up)
      sorted.sort((a, b) => {
        const x = sortValue(a, sort.key, notesMode)
        const y = sortValue(b, sort.key, notesMode)
        return (x < y ? -1 : x > y ? 1 : 0) * (sort.up ? 1 : -1)
      })
    return sorted
  }, [shownResult, sort, notesMode])

  // This app is not built with the React Compiler, which is what the rule guards.
  // eslint-disable-next-line react-hooks/incompatible-library -- see the line above
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  })

  const chosenRows = rows.filter((r) => selected.has(r.card.id))
  // What the actions act on: the cards chosen, or in notes mode every card of the notes chosen.
  const chosenNotes = new Set(chosenRows.map((r) => r.note.id))
  const chosen =
    notesMode && shownResult?.ok
      ? shownResult.cards.filter((f) => chosenNotes.has(f.note.id))
      : chosenRows
  const editorNote = chosenNotes.size === 1 ? chosenRows[0]?.note.id : undefined
  const noteCount = new Set(shownResult?.ok ? shownResult.cards.map((f) => f.note.id) : []).size
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

  const status = searching
    ? 'Searching…'
    : !result.ok
      ? `${result.error.message} (at character ${result.error.at + 1})`
      : `${result.complete ? result.total : `${result.total}+`} ${result.total === 1 ? 'card' : 'cards'}${notesMode && result.complete ? ` of ${noteCount} ${noteCount === 1 ? 'note' : 'notes'}` : ''}${result.complete ? '' : ' (counting…)'}${result.total > SHOWN ? ` (the first ${SHOWN} shown)` : ''}${selected.size ? ` · ${chosenRows.length} selected` : ''}`

  return (
    <section className="browser" aria-label="Browse cards">
      <header className="study-bar">
        <button type="button" className="ghost" onClick={onExit} aria-keyshortcuts="Escape">
          ← Decks <kbd>Esc</kbd>
        </button>
        <h1 className="study-title">Browse</h1>
        <span />
      </header>
      <div className={`browser-layout${editorNote ? ' with-editor' : ''}`}>
        <BrowserSidebar query={query} onSearch={searchFor} />
        <div className="browser-main">
          <div className="browser-search">
            <label htmlFor={`${id}-q`} className="visually-hidden">
              Search
            </label>
            <input
              id={`${id}-q`}
              ref={searchBox}
              type="search"
              autoFocus
              placeholder='Search: words, "phrases", deck:Name note:Basic tag:x is:due flag:1 prop:ivl>30 -word'
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
            <div className="browser-status">
              <p
                id={`${id}-status`}
                className={!searching && !result.ok ? 'field-error' : 'muted'}
                role="status"
              >
                {status}
              </p>
              <div className="segmented" role="group" aria-label="Show rows as">
                {([false, true] as const).map((notes) => (
                  <button
                    key={String(notes)}
                    type="button"
                    className="ghost"
                    aria-pressed={notesMode === notes}
                    onClick={() => {
                      setNotesMode(notes)
                      setSelected(new Set())
                      setAnchor(null)
                    }}
                  >
                    {notes ? 'Notes' : 'Cards'}
                  </button>
                ))}
              </div>
            </div>
          </div>
          <div className="browser-actions" role="group" aria-label="Selected cards">
            <button type="button" className="ghost" disabled={!canUndo} onClick={() => void undo()}>
              Undo <kbd>Ctrl+Z</kbd>
            </button>
            {(['suspend', 'unsuspend'] as const).map((kind) => (
              <button
                key={kind}
                type="button"
                className="ghost"
                disabled={!chosen.length}
                onClick={() =>
                  void act(async () => {
                    const changes = await commands.cards.changeMany(
                      chosen.map((c) => c.card.id),
                      { kind },
                    )
                    const said = `${plural(changes.length, 'card')} ${kind}ed.`
                    remember(said, () => commands.cards.undoMany(changes))
                    return said
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
                    const changes = await commands.cards.changeMany(
                      chosen.map((c) => c.card.id),
                      { kind: 'flag', flag },
                    )
                    const n = plural(changes.length, 'card')
                    const said = flag
                      ? `${n} flagged ${FLAG_NAMES[flag] ?? ''}.`
                      : `${n} unflagged.`
                    remember(said, () => commands.cards.undoMany(changes))
                    return said
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
              disabled={!editorNote}
              onClick={() => setEditing(editorNote ?? null)}
            >
              Edit note <kbd>Enter</kbd>
            </button>
            <button
              type="button"
              className="ghost danger"
              disabled={!chosen.length}
              onClick={() =>
                void act(async () => {
                  const noteIds = [...new Set(chosen.map((c) => c.note.id))]
                  await commands.notes.trash(noteIds)
                  setSelected(new Set())
                  remember(`${plural(noteIds.length, 'note')} moved to the trash.`, () =>
                    commands.notes.restoreMany(noteIds),
                  )
                  return `Moved to the trash (Ctrl+Z, or restore from the deck list).`
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
              disabled={chosenRows.length !== 1}
              onClick={() => setInfoOf(chosenRows[0]?.card.id ?? null)}
            >
              Info
            </button>
            {message && <span className="muted">{message}</span>}
          </div>
          <div
            className="browser-table"
            role="grid"
            aria-label={notesMode ? 'Notes' : 'Cards'}
            aria-rowcount={rows.length + 1}
            style={
              { '--browser-columns': columns, '--browser-min': `${minWidth}px` } as CSSProperties
            }
          >
            <div className="browser-row browser-head" role="row" aria-rowindex={1}>
              {COLUMNS.map(([key, label]) => (
                <div
                  key={key}
                  className="browser-head-cell"
                  role="columnheader"
                  aria-sort={sort.key === key ? (sort.up ? 'ascending' : 'descending') : 'none'}
                >
                  <button
                    type="button"
                    className="browser-cell"
                    title={`Sort by ${key === 'card' && notesMode ? 'Note type' : label}`}
                    onClick={() => setSort((s) => ({ key, up: s.key === key ? !s.up : true }))}
                  >
                    {key === 'card' && notesMode ? 'Note type' : label}
                    {sort.key === key ? (sort.up ? ' ▲' : ' ▼') : ''}
                  </button>
                  <ColumnResizer
                    label={key === 'card' && notesMode ? 'Note type' : label}
                    width={widths[key]}
                    onWidth={(w) => setWidths((old) => ({ ...old, [key]: Math.max(MIN_WIDTH, w) }))}
                  />
                </div>
              ))}
            </div>
            <div
              ref={scroller}
              className="browser-body"
              // The grid's rows are its children: the scrolling box is their row group.
              role="rowgroup"
              tabIndex={0}
              aria-label={notesMode ? 'Notes found' : 'Cards found'}
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
                } else if (e.key === 'Enter' && editorNote) {
                  e.preventDefault()
                  setEditing(editorNote)
                } else if (e.key === 'Tab' && !e.shiftKey) {
                  // Out of the table: into the chosen note's editor, or round to the search (never
                  // onto the page's body).
                  const target = editorBox.current?.querySelector<HTMLElement>('.rich-field')
                  e.preventDefault()
                  ;(target ?? searchBox.current)?.focus()
                }
              }}
            >
              <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
                {virtual.getVirtualItems().map((v) => {
                  const f = rows[v.index]
                  if (!f) return null
                  const flag = f.card.flag ?? 0
                  const queue = QUEUE_LABEL[f.card.queue]
                  return (
                    <div
                      key={f.card.id}
                      role="row"
                      aria-rowindex={v.index + 2}
                      aria-selected={selected.has(f.card.id)}
                      data-testid="browser-row"
                      data-card-id={f.card.id}
                      data-flag={flag}
                      className={`browser-row${selected.has(f.card.id) ? ' selected' : ''}${v.index === cursor ? ' cursor' : ''}${queue ? ` ${queue}` : ''}${flag ? ` flag-${flag}` : ''}`}
                      style={{
                        position: 'absolute',
                        top: 0,
                        left: 0,
                        right: 0,
                        height: ROW_HEIGHT,
                        transform: `translateY(${v.start}px)`,
                      }}
                      // Shift-click chooses a range of rows, not a stretch of their text.
                      onMouseDown={(e) => {
                        if (e.shiftKey) e.preventDefault()
                      }}
                      onClick={(e) => pick(v.index, e)}
                      onDoubleClick={() => setEditing(f.note.id)}
                    >
                      <span role="gridcell" className="browser-cell" title={f.sortField}>
                        {f.sortField}
                        {queue && <em className="muted"> ({queue})</em>}
                        {flag > 0 && <span className="muted"> ⚑ {FLAG_NAMES[flag]}</span>}
                      </span>
                      <span
                        role="gridcell"
                        className="browser-cell"
                        title={notesMode ? f.noteType : f.cardName}
                      >
                        {notesMode ? f.noteType : f.cardName}
                      </span>
                      <span role="gridcell" className="browser-cell" title={f.deckName}>
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
        </div>
        {editorNote && (
          <div ref={editorBox} className="browser-editor">
            <NoteEditor
              key={editorNote}
              mode="edit"
              inline
              noteId={editorNote}
              onClose={(saved, receipt) => {
                if (receipt) remember('the note’s edit.', () => commands.notes.undoEdit(receipt))
                else if (saved) setSelected(new Set())
              }}
            />
          </div>
        )}
      </div>
      {editing && <NoteEditor mode="edit" noteId={editing} onClose={() => setEditing(null)} />}
      {infoOf && <CardInfoDialog cardId={infoOf} onClose={() => setInfoOf(null)} />}
    </section>
  )
}

/**
 * The edge of a column header: drag it (or focus it and press ← →) to make the column narrower
 * or wider.
 */
function ColumnResizer({
  label,
  width,
  onWidth,
}: {
  label: string
  width: number
  onWidth: (width: number) => void
}) {
  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={`Width of ${label}`}
      aria-valuenow={width}
      aria-valuemin={MIN_WIDTH}
      tabIndex={0}
      className="column-resizer"
      onKeyDown={(e) => {
        const step = e.key === 'ArrowRight' ? 16 : e.key === 'ArrowLeft' ? -16 : 0
        if (!step) return
        e.preventDefault()
        onWidth(width + step)
      }}
      onPointerDown={(e) => {
        e.preventDefault()
        const from = e.clientX
        const handle = e.currentTarget
        handle.setPointerCapture(e.pointerId)
        const move = (m: PointerEvent) => onWidth(width + m.clientX - from)
        const up = () => {
          handle.removeEventListener('pointermove', move)
          handle.removeEventListener('pointerup', up)
        }
        handle.addEventListener('pointermove', move)
        handle.addEventListener('pointerup', up)
      }}
    />
  )
}
