import { useEffect } from 'react'
import { GRADES, GRADE_NAMES, type Grade } from '../../core/scheduling/scheduler'
import type { Settings } from '../storage/settings'
import { useStudySession } from '../study/use-study-session'
import { SessionSummary } from './SessionSummary'

interface Props {
  deckId: string
  deckName: string
  settings: Settings
  onExit: () => void
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)
const undoKey = isMac ? '⌘Z' : 'Ctrl+Z'

/** The review loop: front → reveal (Space/Enter) → grade (1–4), undo with Ctrl/Cmd+Z, leave with Esc. */
export function StudyScreen({ deckId, deckName, settings, onExit }: Props) {
  const { state, reveal, grade, undo } = useStudySession(deckId, settings)
  const { shown, counts } = state

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'z') {
        e.preventDefault()
        void undo()
        return
      }
      if (e.ctrlKey || e.metaKey || e.altKey) return
      if (e.key === 'Escape') {
        e.preventDefault()
        onExit()
        return
      }
      if (e.repeat || state.phase !== 'card' || !shown) return
      if (!shown.revealed && (e.key === ' ' || e.key === 'Enter')) {
        e.preventDefault()
        reveal()
      } else if (shown.revealed && ['1', '2', '3', '4'].includes(e.key)) {
        e.preventDefault()
        void grade(Number(e.key) as Grade)
      } else if (shown.revealed && (e.key === ' ' || e.key === 'Enter')) {
        e.preventDefault()
        void grade(3)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [state.phase, shown, reveal, grade, undo, onExit])

  const remaining = counts.new + counts.learning + counts.review
  const total = state.reviewed + remaining
  const progress = state.phase === 'done' ? 1 : total === 0 ? 0 : state.reviewed / total

  return (
    <section className="study" aria-label={`Studying ${deckName}`}>
      <header className="study-bar">
        <button type="button" className="ghost" onClick={onExit} aria-keyshortcuts="Escape">
          ← Decks <kbd>Esc</kbd>
        </button>
        <h1 className="study-title">{deckName}</h1>
        <button
          type="button"
          className="ghost"
          onClick={() => void undo()}
          disabled={!state.canUndo}
          aria-keyshortcuts="Control+Z Meta+Z"
        >
          Undo <kbd>{undoKey}</kbd>
        </button>
      </header>
      <div className="progress" aria-label="Session progress">
        <div
          className="progress-track"
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={state.reviewed + remaining}
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
      <p className="message" role="status" aria-live="polite">
        {state.message}
      </p>
      {state.phase === 'loading' && <p className="muted">Loading…</p>}
      {state.phase === 'done' && (
        <SessionSummary
          reviewed={state.reviewed}
          grades={state.grades}
          durationMs={(state.finishedAt ?? state.startedAt) - state.startedAt}
          onExit={onExit}
        />
      )}
      {state.phase === 'card' && shown && (
        <article className="card" aria-live="polite" data-card-id={shown.card.id}>
          <nav className="breadcrumb" aria-label="Section">
            {shown.face.section.join(' › ')}
          </nav>
          <p className="front" data-testid="card-front">
            {shown.face.front}
          </p>
          {shown.revealed && (
            <>
              <hr />
              <p className="back" data-testid="card-back">
                {shown.face.back}
              </p>
            </>
          )}
        </article>
      )}
      {state.phase === 'card' && shown && (
        <footer className="answer-bar">
          {!shown.revealed ? (
            <button
              type="button"
              className="primary reveal"
              onClick={reveal}
              aria-keyshortcuts="Space Enter"
            >
              Show answer <kbd>Space</kbd>
            </button>
          ) : (
            <div className="grades" role="group" aria-label="Grade your answer">
              {GRADES.map((g) => (
                <button
                  key={g}
                  type="button"
                  className={`grade grade-${g}`}
                  onClick={() => void grade(g)}
                  aria-keyshortcuts={String(g)}
                  aria-label={`${GRADE_NAMES[g]}, next in ${shown.intervals[g]}`}
                >
                  <span className="interval">{shown.intervals[g]}</span>
                  <span className="grade-name">{GRADE_NAMES[g]}</span>
                  <kbd>{g}</kbd>
                </button>
              ))}
            </div>
          )}
        </footer>
      )}
    </section>
  )
}
