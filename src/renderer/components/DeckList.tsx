import { plainText } from '../../core/notes/render-template'
import { plural } from '../../core/plural'
import { useEffect, useRef, useState } from 'react'
import { EditError } from '../../app/editing'
import { DeckOptions } from './on-first-use'
import type { Settings } from '../../app/settings'
import type { DeckOverview } from '../../app/study-queue'
import { useDeckOverviews, useTrashedDecks, useTrashedNotes } from '../queries'
import { commands } from '../commands'

interface Props {
  settings: Settings
  /** The deck whose Study button takes the focus (the one last studied); else the first. */
  focusDeckId?: string | null
  onStudy: (deck: DeckOverview) => void
  onSections: (deck: DeckOverview) => void
  onAdd: (deck: DeckOverview) => void
  onExport: (deck: DeckOverview) => void
  onKeyFigures: (deck: DeckOverview) => void
}

/**
 * Every deck as a tree (`Parent::Child`), with what is waiting in it — a parent counts and
 * studies the decks inside it; each row's buttons add notes, open sections, study, rename or
 * move the deck to the trash, from where it can be restored.
 */
export function DeckList({
  settings,
  focusDeckId,
  onStudy,
  onSections,
  onAdd,
  onExport,
  onKeyFigures,
}: Props) {
  const decks = useDeckOverviews(settings)
  const trash = useTrashedDecks()
  const trashedNotes = useTrashedNotes()
  const [folded, setFolded] = useState<ReadonlySet<string>>(new Set())
  const [renaming, setRenaming] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [optionsOf, setOptionsOf] = useState<DeckOverview | null>(null)
  // Once the decks show, a Study button takes the focus — the deck last studied, else the first —
  // without scrolling to it: on a phone the welcome or a notice above stays in view.
  const list = useRef<HTMLUListElement>(null)
  const focused = useRef(false)
  useEffect(() => {
    if (focused.current || !decks) return
    focused.current = true
    const studyButtons = [...(list.current?.querySelectorAll<HTMLElement>('[data-study]') ?? [])]
    const target = studyButtons.find((b) => b.dataset['study'] === focusDeckId) ?? studyButtons[0]
    target?.focus({ preventScroll: true })
  }, [decks, focusDeckId])
  // A adds a note, as Anki's main window: to the deck whose row has the focus, else the deck
  // last studied, else the first.
  useEffect(() => {
    if (!decks) return
    const onKey = (e: KeyboardEvent) => {
      if (e.key.toLowerCase() !== 'a' || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented)
        return
      const t = e.target as HTMLElement | null
      if (t?.closest('input, textarea, select, [contenteditable="true"], dialog')) return
      if (document.querySelector('dialog[open]')) return
      const focusedId = t?.closest<HTMLElement>('[data-deck-id]')?.dataset['deckId']
      const deck =
        decks.find((d) => d.id === focusedId) ?? decks.find((d) => d.id === focusDeckId) ?? decks[0]
      if (!deck) return
      e.preventDefault()
      onAdd(deck)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [decks, focusDeckId, onAdd])
  if (!decks) return <p className="muted">Loading decks…</p>
  const hidden = (d: DeckOverview) => [...folded].some((name) => d.name.startsWith(`${name}::`))
  const report = (e: unknown) =>
    setError(e instanceof EditError ? e.message : `Could not change the deck: ${String(e)}`)
  return (
    <>
      {optionsOf && (
        <DeckOptions
          deckId={optionsOf.id}
          deckName={optionsOf.name}
          settings={settings}
          onClose={() => setOptionsOf(null)}
        />
      )}
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
      {decks.length === 0 && <p className="muted">No decks yet: create one with “New deck”.</p>}
      {/* Anki's deck list: one line a deck, the counts in aligned columns under one heading
          (the rows share the list's columns). */}
      <ul ref={list} className="deck-list" aria-label="Decks">
        <li className="deck-head" aria-hidden="true">
          <span>Deck</span>
          <span className="count-new">New</span>
          <span className="count-learn">Learn</span>
          <span className="count-due">Due</span>
        </li>
        {decks
          .filter((d) => !hidden(d))
          .map((d) => (
            <li
              key={d.id}
              className="deck-row"
              data-deck-id={d.id}
              style={{ ['--depth' as string]: d.depth }}
            >
              <div className="deck-info">
                {renaming === d.id ? (
                  <RenameForm
                    deck={d}
                    onDone={(name) => {
                      setRenaming(null)
                      if (name !== null)
                        commands.decks.rename(d.id, name).then(() => setError(null), report)
                    }}
                  />
                ) : (
                  <h2
                    className="deck-name"
                    title={d.description ? `${d.name}\n\n${plainText(d.description)}` : d.name}
                  >
                    {d.hasChildren && (
                      <button
                        type="button"
                        className="fold"
                        aria-expanded={!folded.has(d.name)}
                        aria-label={`${folded.has(d.name) ? 'Open' : 'Fold'} ${d.name}`}
                        onClick={() => {
                          const next = new Set(folded)
                          if (!next.delete(d.name)) next.add(d.name)
                          setFolded(next)
                        }}
                      >
                        {folded.has(d.name) ? '▸' : '▾'}
                      </button>
                    )}
                    {d.label}
                  </h2>
                )}
                {/* One line under the name, small: the size, and whether the day is done. Anki's
                    descriptions are HTML: their text is in the name's tooltip, never markup. */}
                <p className="muted deck-size">
                  {plural(d.total, 'card')}
                  {d.total === 0 && (
                    <>
                      {' · '}
                      <span className="deck-empty" data-testid="deck-empty">
                        No cards yet: add a note (A).
                      </span>
                    </>
                  )}
                  {d.total > 0 && d.new + d.learning + d.due === 0 && (
                    <>
                      {' · '}
                      <span className="deck-done" data-testid="deck-done">
                        Done for today{d.nextIn && ` — next review ${d.nextIn}`}
                      </span>
                    </>
                  )}
                </p>
              </div>
              <dl
                className="deck-counts"
                aria-label={`${d.new} new, ${d.learning} learning, ${d.due} due, ${d.total} cards`}
              >
                <div className="count-new">
                  <dt className="visually-hidden">New</dt>
                  <dd>{d.new}</dd>
                </div>
                <div className="count-learn">
                  <dt className="visually-hidden">Learning</dt>
                  <dd>{d.learning}</dd>
                </div>
                <div className="count-due">
                  <dt className="visually-hidden">Due</dt>
                  <dd>{d.due}</dd>
                </div>
              </dl>
              <div className="deck-actions">
                <button
                  type="button"
                  className="ghost"
                  onClick={() => onAdd(d)}
                  aria-label={`Add a note to ${d.name}`}
                  aria-keyshortcuts="A"
                  title="Add a note (A)"
                >
                  Add
                </button>
                <button
                  type="button"
                  className="ghost"
                  onClick={() => onSections(d)}
                  aria-label={`Sections of ${d.name}`}
                >
                  Sections
                </button>
                <button
                  type="button"
                  className="primary"
                  onClick={() => onStudy(d)}
                  data-study={d.id}
                  aria-label={`Study ${d.name}`}
                >
                  Study
                </button>
                <details
                  className="deck-more"
                  // One menu open at a time; choosing an item closes it.
                  onToggle={(e) => {
                    const open = e.currentTarget
                    if (open.open)
                      for (const other of document.querySelectorAll<HTMLDetailsElement>(
                        'details.deck-more[open]',
                      ))
                        if (other !== open) other.open = false
                  }}
                  onClick={(e) => {
                    if ((e.target as HTMLElement).closest('.deck-more-menu button'))
                      e.currentTarget.open = false
                  }}
                >
                  <summary aria-label={`More for ${d.name}`}>⋯</summary>
                  <div className="deck-more-menu">
                    <button type="button" className="ghost" onClick={() => setOptionsOf(d)}>
                      Options
                    </button>
                    <button type="button" className="ghost" onClick={() => setRenaming(d.id)}>
                      Rename
                    </button>
                    <button type="button" className="ghost" onClick={() => onKeyFigures(d)}>
                      Key figures
                    </button>
                    <button type="button" className="ghost" onClick={() => onExport(d)}>
                      Export…
                    </button>
                    <button
                      type="button"
                      className="ghost"
                      onClick={() => commands.decks.trash(d.id).then(() => setError(null), report)}
                    >
                      Move to trash
                    </button>
                  </div>
                </details>
              </div>
            </li>
          ))}
      </ul>
      {((trash && trash.length > 0) || (trashedNotes && trashedNotes.length > 0)) && (
        <section className="trash" aria-label="Trash">
          <h2>Trash</h2>
          <ul>
            {trashedNotes?.map((n) => {
              const text = Object.values(n.fields).find((v) => v.trim()) ?? n.id
              return (
                <li key={n.id}>
                  <span className="trash-note">Note: {text}</span>
                  <button
                    type="button"
                    className="ghost"
                    onClick={() => commands.notes.restore(n.id).then(() => setError(null), report)}
                    aria-label={`Restore note ${text}`}
                  >
                    Restore
                  </button>
                </li>
              )
            })}
            {trash?.map((d) => (
              <li key={d.id}>
                <span>{d.name}</span>
                <button
                  type="button"
                  className="ghost"
                  onClick={() => commands.decks.restore(d.id).then(() => setError(null), report)}
                  aria-label={`Restore ${d.name}`}
                >
                  Restore
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  )
}

function RenameForm({
  deck,
  onDone,
}: {
  deck: DeckOverview
  onDone: (name: string | null) => void
}) {
  const [name, setName] = useState(deck.name)
  return (
    <form
      className="rename-deck"
      onSubmit={(e) => {
        e.preventDefault()
        onDone(name)
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onDone(null)
      }}
    >
      <label>
        New name for {deck.name}
        <input autoFocus value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <button type="submit" className="primary">
        Rename
      </button>
    </form>
  )
}
