import { Fragment, useEffect, useId, useMemo, useRef, useState } from 'react'
import type { SourceDocument } from '../../core/generate/document'
import type { Blank, Proposal } from '../../core/generate/proposals'
import { plural } from '../../core/plural'
import { clozeNumbers } from '../../core/notes/cloze'
import { proposalsInWorker } from '../generate/generate-in-worker'
import { useDeckNames } from '../queries'
import { commands } from '../commands'
import { DeckSelect } from './DeckSelect'

type Verdict = 'pending' | 'accepted' | 'rejected'
interface Row {
  proposal: Proposal
  verdict: Verdict
  cloze: string
}

type Phase =
  | { name: 'input' }
  | { name: 'reading'; fraction: number; stage: string }
  | { name: 'review'; file: string; doc: SourceDocument }
  | { name: 'saved'; deckId: string; deckName: string; notes: number; cards: number }

const MAX_BYTES = 8 * 1024 * 1024

/** A cloze text drawn with its blanks marked (React escapes it: nothing in it is HTML). */
/** What a blank is, in a word or two (a name of no known kind says so). */
function kindLabel(b: Blank): string {
  if (b.kind === 'entity') return b.entity ? ENTITY_LABEL[b.entity] : 'name'
  return BLANK_LABEL[b.kind]
}
const ENTITY_LABEL: Record<NonNullable<Blank['entity']>, string> = {
  person: 'person',
  place: 'place',
  organization: 'organization',
  agreement: 'treaty or law',
  provision: 'provision',
  event: 'event or period',
  programme: 'programme or mission',
}
const BLANK_LABEL: Record<Exclude<Blank['kind'], 'entity'>, string> = {
  figure: 'figure',
  date: 'date',
  range: 'years',
  acronym: 'acronym',
  expansion: 'full name',
}

function ClozeText({ text }: { text: string }) {
  const parts = text.split(/(\{\{c\d+::[\s\S]*?\}\})/g)
  return (
    <>
      {parts.map((part, i) => {
        const m = /^\{\{c(\d+)::([\s\S]*?)\}\}$/.exec(part)
        return m ? (
          <mark key={i} className="blank">
            {m[2]}
            <sup>{m[1]}</sup>
          </mark>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        )
      })}
    </>
  )
}

/**
 * Cards from a document: paste text or open a .txt, .md or .html file; the generator (in a
 * worker) proposes cloze notes for figures, dates, acronym pairs and named entities; each is
 * accepted, edited or rejected (keyboard: ↑/↓ or J/K to move, A accept, R reject, E edit),
 * whole sections at once; the accepted ones are saved as a new deck or into one that exists,
 * with the document kept beside them for "Show in source".
 */
export default function GenerateScreen({
  onExit,
  onStudy,
}: {
  onExit: () => void
  onStudy: (deckId: string, deckName: string) => void
}) {
  const id = useId()
  const decks = useDeckNames()
  const [phase, setPhase] = useState<Phase>({ name: 'input' })
  const [pasted, setPasted] = useState('')
  const [rows, setRows] = useState<Row[]>([])
  const [at, setAt] = useState(0)
  const [editing, setEditing] = useState<number | null>(null)
  const [draft, setDraft] = useState('')
  const [target, setTarget] = useState<
    { kind: 'new'; name: string } | { kind: 'existing'; id: string }
  >({
    kind: 'new',
    name: '',
  })
  const [error, setError] = useState<string | null>(null)
  const items = useRef<(HTMLLIElement | null)[]>([])

  const accepted = rows.filter((r) => r.verdict === 'accepted')
  // A note makes a card per cloze number: notes and cards are counted apart.
  const acceptedCards = accepted.reduce(
    (n, r) => n + (r.proposal.definition ? 1 : clozeNumbers(r.cloze).length),
    0,
  )
  const sections = useMemo(() => {
    const bySection = new Map<string, number[]>()
    rows.forEach((r, i) => {
      const key = r.proposal.section.join(' › ') || 'No heading'
      bySection.set(key, [...(bySection.get(key) ?? []), i])
    })
    return [...bySection.entries()]
  }, [rows])

  const propose = async (name: string, text: string) => {
    setError(null)
    if (!text.trim()) {
      setError('There is no text to make cards from: paste some, or open a file.')
      return
    }
    setPhase({ name: 'reading', fraction: 0, stage: 'Starting' })
    try {
      const { doc, proposals } = await proposalsInWorker({ name, text }, (fraction, stage) =>
        setPhase({ name: 'reading', fraction, stage }),
      )
      if (proposals.length === 0) {
        setError(`${name}: nothing worth a blank was found (no figures, dates, acronyms or names).`)
        setPhase({ name: 'input' })
        return
      }
      setRows(
        proposals.map((proposal) => ({ proposal, verdict: 'pending', cloze: proposal.cloze })),
      )
      setAt(0)
      setTarget({ kind: 'new', name: doc.title || name.replace(/\.[^.]+$/, '') })
      setPhase({ name: 'review', file: name, doc })
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
      setPhase({ name: 'input' })
    }
  }

  const openFile = async (file: File | undefined) => {
    if (!file) return
    if (file.size > MAX_BYTES) {
      setError(
        `${file.name}: ${(file.size / 1e6).toFixed(1)} MB is more than the 8 MB a document may have.`,
      )
      return
    }
    const bytes = new Uint8Array(await file.arrayBuffer())
    let text: string
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    } catch {
      setError(`${file.name}: not UTF-8 text. Save it as UTF-8 and open it again.`)
      return
    }
    await propose(file.name, text.replace(/^\uFEFF/, ''))
  }

  const setVerdict = (indexes: number[], verdict: Verdict) =>
    setRows((rs) => rs.map((r, i) => (indexes.includes(i) ? { ...r, verdict } : r)))

  const startEdit = (i: number) => {
    setEditing(i)
    setDraft(rows[i]?.cloze ?? '')
  }
  const saveEdit = () => {
    if (editing === null) return
    if (rows[editing]?.proposal.definition) {
      if (!draft.trim()) {
        setError('An edited answer must say something.')
        return
      }
    } else if (clozeNumbers(draft).length === 0) {
      setError('An edited card needs at least one blank written as {{c1::…}}.')
      return
    }
    setError(null)
    setRows((rs) =>
      rs.map((r, i) => (i === editing ? { ...r, cloze: draft, verdict: 'accepted' } : r)),
    )
    items.current[editing]?.focus()
    setEditing(null)
  }

  // Keyboard review: the focused proposal takes A, R, E; arrows and J/K move.
  useEffect(() => {
    if (phase.name !== 'review') return
    const onKey = (e: KeyboardEvent) => {
      if (editing !== null || e.ctrlKey || e.metaKey || e.altKey) return
      const t = e.target as HTMLElement | null
      if (t && /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)) return
      const move = (to: number) => {
        const next = Math.max(0, Math.min(rows.length - 1, to))
        setAt(next)
        items.current[next]?.focus()
      }
      const key = e.key.toLowerCase()
      if (key === 'arrowdown' || key === 'j') move(at + 1)
      else if (key === 'arrowup' || key === 'k') move(at - 1)
      else if (key === 'a') {
        setVerdict([at], 'accepted')
        move(at + 1)
      } else if (key === 'r') {
        setVerdict([at], 'rejected')
        move(at + 1)
      } else if (key === 'e') startEdit(at)
      else return
      e.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  })

  useEffect(() => {
    const onKey = (e: KeyboardEvent) =>
      e.key === 'Escape' && editing === null && phase.name !== 'reading' && onExit()
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [onExit, editing, phase.name])

  const save = async () => {
    if (phase.name !== 'review' || accepted.length === 0) return
    const deckName =
      target.kind === 'new'
        ? target.name.trim()
        : (decks?.find((d) => d.id === target.id)?.name ?? '')
    if (!deckName) {
      setError('Give the new deck a name, or choose a deck to add the cards to.')
      return
    }
    try {
      const saved = await commands.exchange.saveGenerated(
        phase.doc,
        accepted.map((r) => ({ proposal: r.proposal, cloze: r.cloze })),
        { file: phase.file, deckName },
      )
      setPhase({
        name: 'saved',
        deckId: saved.deckId,
        deckName: saved.deckName,
        notes: saved.summary.notesAdded,
        cards: saved.summary.cardsAdded,
      })
    } catch (e) {
      setError(`Nothing was saved: ${e instanceof Error ? e.message : String(e)}`)
    }
  }

  return (
    <section className="generate" aria-label="Make cards from a text">
      <header className="study-bar">
        <button type="button" className="ghost" onClick={onExit}>
          ← Decks <kbd>Esc</kbd>
        </button>
        <h1 className="study-title">Make cards from a text</h1>
      </header>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
      {phase.name === 'input' && (
        <form
          className="generate-input"
          onSubmit={(e) => {
            e.preventDefault()
            void propose('pasted.txt', pasted)
          }}
        >
          <p className="muted hint">
            Paste a report or open a file (.txt, .md or .html). Each sentence that states a figure,
            a date, an acronym or a name becomes a cloze note, and one that defines a name also a
            question and its answer; headings become its section. Nothing leaves this computer.
          </p>
          <div className="field">
            <label htmlFor={`${id}-text`}>Text</label>
            <textarea
              id={`${id}-text`}
              rows={12}
              value={pasted}
              onChange={(e) => setPasted(e.target.value)}
            />
          </div>
          <div className="button-row">
            <button type="submit" className="primary">
              Propose cards
            </button>
            <label className="file-button">
              Open a file…
              <input
                type="file"
                accept=".txt,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html"
                aria-label="Document to make cards from"
                onChange={(e) => void openFile(e.target.files?.[0])}
              />
            </label>
          </div>
        </form>
      )}
      {phase.name === 'reading' && (
        <div className="field" role="status">
          <label htmlFor={`${id}-progress`}>{phase.stage}…</label>
          <progress id={`${id}-progress`} max={1} value={phase.fraction} />
        </div>
      )}
      {phase.name === 'review' && (
        <>
          <p className="generate-count" role="status" data-testid="accepted-count">
            {accepted.length} of {rows.length} accepted ·{' '}
            {rows.filter((r) => r.verdict === 'rejected').length} rejected
          </p>
          <p className="muted hint">
            <kbd>↑</kbd>/<kbd>↓</kbd> or <kbd>J</kbd>/<kbd>K</kbd> move, <kbd>A</kbd> accepts,{' '}
            <kbd>R</kbd> rejects, <kbd>E</kbd> edits (blanks are written {'{{c1::…}}'}).
          </p>
          {sections.map(([name, indexes]) => (
            <section key={name} className="proposal-section" aria-label={name}>
              <header className="proposal-section-head">
                <h2>{name}</h2>
                <button
                  type="button"
                  className="ghost"
                  onClick={() => setVerdict(indexes, 'accepted')}
                >
                  Accept all {indexes.length}
                </button>
                <button
                  type="button"
                  className="ghost"
                  onClick={() => setVerdict(indexes, 'rejected')}
                >
                  Reject all
                </button>
              </header>
              <ol className="proposals">
                {indexes.map((i) => {
                  const r = rows[i] as Row
                  return (
                    <li
                      key={r.proposal.id}
                      ref={(el) => {
                        items.current[i] = el
                      }}
                      tabIndex={i === at ? 0 : -1}
                      onFocus={() => setAt(i)}
                      className={`proposal ${r.verdict}`}
                      aria-label={`Proposal ${i + 1}: ${r.verdict}`}
                      data-testid="proposal"
                    >
                      {editing === i ? (
                        <form
                          onSubmit={(e) => {
                            e.preventDefault()
                            saveEdit()
                          }}
                        >
                          <label htmlFor={`${id}-edit`} className="visually-hidden">
                            Edit the card
                          </label>
                          <textarea
                            id={`${id}-edit`}
                            autoFocus
                            rows={3}
                            value={draft}
                            onChange={(e) => setDraft(e.target.value)}
                            onKeyDown={(e) => {
                              if (e.key === 'Enter' && !e.shiftKey) {
                                e.preventDefault()
                                saveEdit()
                              } else if (e.key === 'Escape') {
                                e.preventDefault()
                                e.stopPropagation()
                                setEditing(null)
                                items.current[i]?.focus()
                              }
                            }}
                          />
                          <div className="button-row">
                            <button type="submit" className="primary">
                              Keep this <kbd>Enter</kbd>
                            </button>
                            <button
                              type="button"
                              className="ghost"
                              onClick={() => setEditing(null)}
                            >
                              Cancel <kbd>Esc</kbd>
                            </button>
                          </div>
                        </form>
                      ) : (
                        <>
                          {r.proposal.definition ? (
                            <p className="proposal-text" data-testid="proposal-question">
                              <strong>{r.proposal.definition.question}</strong>{' '}
                              <span aria-hidden="true">→</span> {r.cloze}
                            </p>
                          ) : (
                            <p className="proposal-text">
                              <ClozeText text={r.cloze} />
                            </p>
                          )}
                          <p className="proposal-kinds muted" data-testid="proposal-kinds">
                            {r.proposal.definition
                              ? `question and answer: ${r.proposal.blanks[0] ? kindLabel(r.proposal.blanks[0]) : 'name'}`
                              : r.proposal.blanks
                                  .map((b, n) => `${n + 1}: ${kindLabel(b)}`)
                                  .join(' · ')}
                          </p>
                          <div className="button-row">
                            <button
                              type="button"
                              className={r.verdict === 'accepted' ? 'primary' : 'ghost'}
                              aria-pressed={r.verdict === 'accepted'}
                              onClick={() => setVerdict([i], 'accepted')}
                            >
                              Accept <kbd>A</kbd>
                            </button>
                            <button type="button" className="ghost" onClick={() => startEdit(i)}>
                              Edit <kbd>E</kbd>
                            </button>
                            <button
                              type="button"
                              className="ghost"
                              aria-pressed={r.verdict === 'rejected'}
                              onClick={() => setVerdict([i], 'rejected')}
                            >
                              Reject <kbd>R</kbd>
                            </button>
                          </div>
                        </>
                      )}
                    </li>
                  )
                })}
              </ol>
            </section>
          ))}
          <form
            className="generate-save"
            onSubmit={(e) => {
              e.preventDefault()
              void save()
            }}
          >
            <fieldset>
              <legend>Save the accepted cards</legend>
              <label className="check">
                <input
                  type="radio"
                  name={`${id}-target`}
                  checked={target.kind === 'new'}
                  onChange={() => setTarget({ kind: 'new', name: phase.doc.title || phase.file })}
                />
                As a new deck
              </label>
              {target.kind === 'new' && (
                <div className="field">
                  <label htmlFor={`${id}-deck-name`}>New deck’s name</label>
                  <input
                    id={`${id}-deck-name`}
                    value={target.name}
                    onChange={(e) => setTarget({ kind: 'new', name: e.target.value })}
                  />
                </div>
              )}
              <label className="check">
                <input
                  type="radio"
                  name={`${id}-target`}
                  checked={target.kind === 'existing'}
                  disabled={!decks?.length}
                  onChange={() => setTarget({ kind: 'existing', id: decks?.[0]?.id ?? '' })}
                />
                Into a deck I have
              </label>
              {target.kind === 'existing' && (
                <div className="field">
                  <label htmlFor={`${id}-deck`}>Deck</label>
                  <DeckSelect
                    id={`${id}-deck`}
                    value={target.id}
                    onChange={(v) => setTarget({ kind: 'existing', id: v })}
                  />
                </div>
              )}
            </fieldset>
            <button type="submit" className="primary" disabled={accepted.length === 0}>
              Save {plural(accepted.length, 'note')} ({plural(acceptedCards, 'card')})
            </button>
          </form>
        </>
      )}
      {phase.name === 'saved' && (
        <div role="status" className="generate-saved">
          <p>
            Saved {plural(phase.notes, 'note')} ({plural(phase.cards, 'card')}) to {phase.deckName}.
          </p>
          <div className="button-row">
            <button
              type="button"
              className="primary"
              onClick={() => onStudy(phase.deckId, phase.deckName)}
            >
              Study {phase.deckName}
            </button>
            <button type="button" className="ghost" onClick={() => setPhase({ name: 'input' })}>
              Make more cards
            </button>
          </div>
        </div>
      )}
    </section>
  )
}
