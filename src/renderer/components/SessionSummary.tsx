import { useEffect, useRef } from 'react'
import { GRADES, GRADE_NAMES, type Grade } from '../../core/scheduling/scheduler'

interface Props {
  reviewed: number
  grades: Record<Grade, number>
  durationMs: number
  onExit: () => void
}

/** End of a session: how many cards, how they went, how long it took. */
export function SessionSummary({ reviewed, grades, durationMs, onExit }: Props) {
  const back = useRef<HTMLButtonElement>(null)
  useEffect(() => back.current?.focus(), [])
  const minutes = Math.max(0, Math.round(durationMs / 60_000))
  const max = Math.max(1, ...GRADES.map((g) => grades[g]))
  const correct = reviewed === 0 ? 0 : Math.round(((reviewed - grades[1]) / reviewed) * 100)
  return (
    <div className="summary" data-testid="session-summary">
      <h2>{reviewed === 0 ? 'Nothing due right now' : 'Session complete'}</h2>
      {reviewed === 0 ? (
        <p className="muted">
          No cards are due in this deck. Come back later, or raise the new-card limit in Settings.
        </p>
      ) : (
        <>
          <p>
            <strong data-testid="summary-reviewed">{reviewed}</strong>{' '}
            {reviewed === 1 ? 'card' : 'cards'} in{' '}
            {minutes < 1 ? 'under a minute' : `${minutes} min`} · {correct}% recalled (not Again)
          </p>
          <dl className="grade-chart" aria-label="Answers by grade">
            {GRADES.map((g) => (
              <div key={g} className="grade-row">
                <dt>{GRADE_NAMES[g]}</dt>
                <dd>
                  <span
                    className={`bar grade-${g}`}
                    style={{ width: `${(grades[g] / max) * 100}%` }}
                  />
                  <span className="bar-value">{grades[g]}</span>
                </dd>
              </div>
            ))}
          </dl>
        </>
      )}
      <button ref={back} type="button" className="primary" onClick={onExit}>
        Back to decks
      </button>
    </div>
  )
}
