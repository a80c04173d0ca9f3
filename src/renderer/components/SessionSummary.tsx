import { useEffect, useRef } from 'react'
import { loadSyncConfig } from '../sync/sync-config'
import { GRADES, GRADE_NAMES, type Grade } from '../../core/scheduling/scheduler'

interface Props {
  reviewed: number
  grades: Record<Grade, number>
  durationMs: number
  /** "in 3h", "tomorrow", …: when this deck or section has more; null when nothing is left. */
  next: string | null
  /** Where Esc and the button go back to. */
  backLabel: string
  onExit: () => void
}

/** End of a session: how many cards, how they went, how long it took, and when to come back. */
export function SessionSummary({ reviewed, grades, durationMs, next, backLabel, onExit }: Props) {
  const back = useRef<HTMLButtonElement>(null)
  useEffect(() => back.current?.focus(), [])
  // A session's answers go to the other devices when it ends (if this device syncs).
  useEffect(() => {
    if (loadSyncConfig())
      void import('../sync/sync-service').then((sync) => sync.syncAfterSession())
  }, [])
  const minutes = Math.max(0, Math.round(durationMs / 60_000))
  const max = Math.max(1, ...GRADES.map((g) => grades[g]))
  const correct = reviewed === 0 ? 0 : Math.round(((reviewed - grades[1]) / reviewed) * 100)
  const comeBack = next ? `Next review ${next}.` : 'Every card here has been studied.'
  return (
    <div className="summary" data-testid="session-summary">
      <h2>{reviewed === 0 ? 'Done for today' : 'Session complete'}</h2>
      <p data-testid="next-study">
        {reviewed === 0 ? 'Nothing is due here right now. ' : 'Done for today. '}
        {comeBack}
      </p>
      {reviewed > 0 && (
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
        {backLabel}
      </button>
    </div>
  )
}
