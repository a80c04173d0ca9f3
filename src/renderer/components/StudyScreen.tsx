import { useLayoutEffect, useState } from 'react'
import { GRADES, GRADE_NAMES, type Grade } from '../../core/scheduling/scheduler'
import { nextStudyIn } from '../../core/study/next-study'
import { plural } from '../../core/plural'
import type { Settings } from '../../app/settings'
import { FLAG_NAMES, useStudySession, type ShownCard } from '../study/use-study-session'
import { CardView } from './CardView'
import { CardInfoDialog } from './CardInfoDialog'
import { SourceDialog } from './SourceDialog'
import { UpdateOffer, useUpdateReady } from './UpdateOffer'
import { NoteEditor } from './on-first-use'
import { SessionSummary } from './SessionSummary'

interface Props {
  deckId: string
  deckName: string
  /** Study one section of the deck only. */
  section: readonly string[] | null
  settings: Settings
  /** Where Esc goes back to: the deck list, or the Sections screen the session came from. */
  backTo: 'Decks' | 'Sections'
  onExit: () => void
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)
const undoKey = isMac ? '⌘Z' : 'Ctrl+Z'

/**
 * The grade Enter/Space gives once the back is shown, highlighted on screen: what a typed
 * answer suggests (right → Good, close → Hard, wrong → Again), otherwise Good (Anki's default).
 */
function defaultGrade(shown: ShownCard): Grade {
  const r = shown.typed?.verdict.result
  return r === 'close' ? 2 : r === 'wrong' ? 1 : 3
}

/** Buttons, links and form controls act on their own Enter/Space; the screen must not as well. */
const isControl = (t: EventTarget | null) =>
  t instanceof HTMLElement &&
  t.closest('button, a[href], input, select, textarea, summary') !== null

const isTextField = (t: EventTarget | null) =>
  t instanceof HTMLElement &&
  (t.tagName === 'INPUT' ||
    t.tagName === 'TEXTAREA' ||
    t.tagName === 'SELECT' ||
    t.isContentEditable)

/**
 * The review loop: front → reveal (Space/Enter, or type and Enter) → grade (1–4); undo with
 * Ctrl/Cmd+Z, leave with Esc.
 */
export function StudyScreen({ deckId, deckName, section, settings, backTo, onExit }: Props) {
  const { state, reveal, grade, undo, edited, refresh, act } = useStudySession(
    deckId,
    settings,
    section,
  )
  const updateReady = useUpdateReady()
  const { shown, counts } = state
  // The note being edited (E): the editor has the keyboard until it closes.
  const [editing, setEditing] = useState<string | null>(null)
  // The card whose info is open (I).
  const [infoOf, setInfoOf] = useState<string | null>(null)
  const [sourceOf, setSourceOf] = useState<{ noteId: string; ord: number } | null>(null)

  // A layout effect: the handler that knows the card on screen is in place before the card is
  // painted, so a key pressed the moment it appears acts on it (a plain effect left a frame
  // in which the previous card's handler answered).
  useLayoutEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing || editing || infoOf || sourceOf) return
      if (e.key === 'Escape') {
        e.preventDefault()
        onExit()
        return
      }
      const undoKey =
        (e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'z'
      // Typing an answer: the field keeps its keys (Enter submits its form), except that an
      // undo in an empty field undoes the last grade, as it would outside the field.
      if (isTextField(e.target) && !(undoKey && (e.target as HTMLInputElement).value === '')) return
      if (undoKey) {
        e.preventDefault()
        void undo()
        return
      }
      // Flags: Ctrl+1…7 as Anki (Alt+1…7 in a browser, where Ctrl+digit switches tabs).
      const digit = /^Digit([0-7])$/.exec(e.code)?.[1]
      if ((e.ctrlKey || e.metaKey || e.altKey) && digit && state.phase === 'card' && shown) {
        e.preventDefault()
        void act({ kind: 'flag', flag: Number(digit) })
        return
      }
      if (e.ctrlKey || e.metaKey || e.altKey || e.repeat || state.phase !== 'card' || !shown) return
      if (e.key === '-') {
        e.preventDefault()
        void act({ kind: 'bury' })
        return
      }
      if (e.key === '@') {
        e.preventDefault()
        void act({ kind: 'suspend' })
        return
      }
      if (e.key === 'i' || e.key === 'I') {
        e.preventDefault()
        setInfoOf(shown.card.id)
        return
      }
      if ((e.key === 's' || e.key === 'S') && shown.note.source) {
        e.preventDefault()
        setSourceOf({ noteId: shown.note.id, ord: shown.card.ord })
        return
      }
      if (e.key === 'e' || e.key === 'E') {
        e.preventDefault()
        setEditing(shown.note.id)
        return
      }
      const space = e.key === ' ' || e.key === 'Enter'
      // A focused button's Enter/Space does what that button says, and nothing else.
      if (space && isControl(e.target)) return
      if (!shown.revealed && space && shown.face.answerMode === 'reveal') {
        e.preventDefault()
        reveal()
      } else if (shown.revealed && ['1', '2', '3', '4'].includes(e.key)) {
        e.preventDefault()
        void grade(Number(e.key) as Grade)
      } else if (shown.revealed && space) {
        e.preventDefault()
        void grade(defaultGrade(shown))
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [state.phase, shown, reveal, grade, undo, onExit, editing, act, infoOf, sourceOf])

  const remaining = counts.new + counts.learning + counts.review
  const total = state.reviewed + remaining
  const progress = state.phase === 'done' ? 1 : total === 0 ? 0 : state.reviewed / total
  const suggested = shown?.revealed ? defaultGrade(shown) : null
  const title = section?.length ? `${deckName} › ${section.at(-1)}` : deckName

  return (
    <section className="study" aria-label={`Studying ${title}`}>
      {infoOf && <CardInfoDialog cardId={infoOf} onClose={() => setInfoOf(null)} />}
      {sourceOf && (
        <SourceDialog
          noteId={sourceOf.noteId}
          ord={sourceOf.ord}
          hideAnswer={!shown?.revealed}
          onClose={() => setSourceOf(null)}
        />
      )}
      {editing && (
        <NoteEditor
          mode="edit"
          noteId={editing}
          onClose={(saved, receipt) => {
            setEditing(null)
            if (receipt) void edited(receipt)
            else if (saved) void refresh()
          }}
        />
      )}
      {/* Between cards only: never with an answer shown or being typed. */}
      {updateReady &&
        (!state.shown || (!state.shown.revealed && state.shown.face.answerMode === 'reveal')) && (
          <UpdateOffer reload={updateReady} />
        )}
      <header className="study-bar">
        <button type="button" className="ghost" onClick={onExit} aria-keyshortcuts="Escape">
          ← {backTo} <kbd>Esc</kbd>
        </button>
        <h1 className="study-title" title={title}>
          {title}
        </h1>
        <div className="study-actions">
          {shown && state.phase === 'card' && (
            <button
              type="button"
              className="ghost"
              onClick={() => setEditing(shown.note.id)}
              aria-keyshortcuts="E"
            >
              Edit <kbd>E</kbd>
            </button>
          )}
          <button
            type="button"
            className="ghost"
            onClick={() => void undo()}
            disabled={!state.canUndo}
            aria-keyshortcuts="Control+Z Meta+Z"
          >
            Undo <kbd>{undoKey}</kbd>
          </button>
        </div>
      </header>
      <div className="progress">
        <div
          className="progress-track"
          role="progressbar"
          aria-label="Session progress"
          aria-valuemin={0}
          aria-valuemax={total}
          aria-valuenow={state.reviewed}
          aria-valuetext={`${state.reviewed} reviewed, ${remaining} left`}
        >
          <div className="progress-fill" style={{ width: `${Math.round(progress * 100)}%` }} />
        </div>
        <p className="counts" data-testid="progress">
          <span className="count-new" title="New cards left">
            {counts.new} new
          </span>
          <span className="count-learn" title="Learning cards due">
            {counts.learning} learning
          </span>
          <span className="count-due" title="Reviews due">
            {counts.review} due
          </span>
          <span className="count-done">{state.reviewed} reviewed</span>
        </p>
      </div>
      {state.pastDeckLimit && state.phase === 'card' && (
        <p className="notice" data-testid="past-limit">
          {state.deckNewLeft === 0
            ? `No new cards are left in this deck’s limit today (${state.newPerDay} a day). `
            : `This deck’s limit leaves ${plural(state.deckNewLeft, 'new card')} today (${state.newPerDay} a day). `}
          Studying this section on its own shows up to {plural(state.newPerDay, 'new card')} of it,
          past that limit, as Anki’s custom study does.
        </p>
      )}
      <p className={`message ${state.message?.tone ?? ''}`} role="status" aria-live="polite">
        {state.message?.text}
      </p>
      {state.phase === 'loading' && <p className="muted">Loading…</p>}
      {state.phase === 'done' && (
        <SessionSummary
          reviewed={state.reviewed}
          grades={state.grades}
          durationMs={(state.finishedAt ?? state.startedAt) - state.startedAt}
          next={nextStudyIn(state.finishedAt ?? state.startedAt, state.dayEnd, state.nextAt)}
          backLabel={`Back to ${backTo.toLowerCase()}`}
          onExit={onExit}
        />
      )}
      {state.phase === 'card' && shown && (
        <>
          <CardView
            key={`${shown.card.id}@${shown.card.revision}`}
            shown={shown}
            onSubmitTyped={reveal}
            onTap={() => reveal()}
          />
          <div className="card-tools" role="group" aria-label="This card">
            <button type="button" className="ghost" onClick={() => void act({ kind: 'bury' })}>
              Bury <kbd>-</kbd>
            </button>
            <button type="button" className="ghost" onClick={() => void act({ kind: 'suspend' })}>
              Suspend <kbd>@</kbd>
            </button>
            <button type="button" className="ghost" onClick={() => setInfoOf(shown.card.id)}>
              Info <kbd>I</kbd>
            </button>
            {shown.note.source && (
              <button
                type="button"
                className="ghost"
                onClick={() => setSourceOf({ noteId: shown.note.id, ord: shown.card.ord })}
              >
                Show in source <kbd>S</kbd>
              </button>
            )}
            <label className="flag-picker">
              Flag
              <select
                value={shown.card.flag ?? 0}
                onChange={(e) => void act({ kind: 'flag', flag: Number(e.target.value) })}
              >
                {FLAG_NAMES.map((name, i) => (
                  <option key={i} value={i}>
                    {i === 0 ? 'None' : `${name} (Ctrl+${i})`}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <footer className="answer-bar">
            {!shown.revealed ? (
              shown.face.answerMode === 'reveal' && (
                <button
                  type="button"
                  className="primary reveal"
                  onClick={() => reveal()}
                  aria-keyshortcuts="Space Enter"
                >
                  Show answer <kbd>Space</kbd>
                </button>
              )
            ) : (
              <div className="grades" role="group" aria-label="Grade your answer">
                {GRADES.map((g) => (
                  <button
                    key={g}
                    type="button"
                    className={`grade grade-${g}${suggested === g ? ' suggested' : ''}`}
                    onClick={() => void grade(g)}
                    // The highlighted grade takes the focus, so Enter grades what is shown.
                    autoFocus={suggested === g}
                    aria-keyshortcuts={suggested === g ? `${g} Enter Space` : String(g)}
                    aria-label={`${GRADE_NAMES[g]}, next in ${shown.intervals[g]}${suggested === g ? ' (suggested)' : ''}`}
                  >
                    <span className="interval">{shown.intervals[g]}</span>
                    <span className="grade-name">{GRADE_NAMES[g]}</span>
                    <kbd>{g}</kbd>
                  </button>
                ))}
              </div>
            )}
          </footer>
        </>
      )}
    </section>
  )
}
