import { GRADE_NAMES, type Grade } from '../../core/scheduling/scheduler'
import { nonAnswerName } from '../../app/collection'
import { useCardInfo } from '../queries'
import { SafeHtml } from './SafeHtml'
import { useModalDialog } from './use-modal-dialog'
import { when } from './when'

interface Props {
  cardId: string
  onClose: () => void
}

const STATE_NAMES = ['New', 'Learning', 'Review', 'Relearning']
const QUEUE_NAMES: Record<number, string> = {
  [-3]: 'Buried',
  [-2]: 'Suspended',
  [-1]: 'Retired',
}

const day = (ms: number) => new Date(ms).toLocaleDateString(undefined, { dateStyle: 'medium' })

/** Anki's card info (I while studying): the card's state and its whole review history. */
export function CardInfoDialog({ cardId, onClose }: Props) {
  const { dialog, close, onCancel } = useModalDialog(onClose)
  const info = useCardInfo(cardId)
  const card = info?.view.card
  return (
    <dialog ref={dialog} className="editor card-info" aria-label="Card info" onCancel={onCancel}>
      <h2>Card info</h2>
      {info === undefined && <p className="muted">Loading…</p>}
      {info === null && <p role="alert">This card no longer exists.</p>}
      {info && card && (
        <>
          <SafeHtml className="card-info-front" html={info.view.face.front} />
          <dl className="card-info-facts">
            <dt>Deck</dt>
            <dd>{info.deckName}</dd>
            <dt>State</dt>
            <dd>{QUEUE_NAMES[card.queue] ?? STATE_NAMES[card.state] ?? card.state}</dd>
            {card.state !== 0 && (
              <>
                <dt>Due</dt>
                <dd>{day(card.due)}</dd>
                <dt>Interval</dt>
                <dd>{card.scheduled_days} days</dd>
                <dt>Stability</dt>
                <dd>{card.stability.toFixed(1)} days</dd>
                <dt>Difficulty</dt>
                <dd>{card.difficulty.toFixed(1)} / 10</dd>
                <dt>Chance of recall now</dt>
                <dd>{Math.round((info.retrievability ?? 0) * 100)}%</dd>
              </>
            )}
            <dt>Reviews</dt>
            <dd>{card.reps}</dd>
            <dt>Lapses</dt>
            <dd>{card.lapses}</dd>
          </dl>
          {info.logs.length > 0 ? (
            <table className="card-info-history">
              <caption>Review history, oldest first</caption>
              <thead>
                <tr>
                  <th scope="col">Answered</th>
                  <th scope="col">Grade</th>
                  <th scope="col">Was</th>
                  <th scope="col">Interval</th>
                  <th scope="col">Time</th>
                </tr>
              </thead>
              <tbody>
                {info.logs.map((l) => (
                  <tr key={l.id}>
                    <td>{when(l.id)}</td>
                    <td>
                      {l.rating === 0
                        ? nonAnswerName(l)
                        : (GRADE_NAMES[l.rating as Grade] ?? l.rating)}
                    </td>
                    <td>{STATE_NAMES[l.state] ?? l.state}</td>
                    <td>{l.scheduled_days} d</td>
                    <td>{Math.round(l.durationMs / 1000)} s</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="muted">Not studied yet.</p>
          )}
        </>
      )}
      <div className="editor-actions">
        <button type="button" className="primary" onClick={close} autoFocus>
          Close <kbd>Esc</kbd>
        </button>
      </div>
    </dialog>
  )
}
