import { useDeckOverviews } from '../live-data'
import type { DeckOverview } from '../../app/study-queue'
import type { Settings } from '../../app/settings'

interface Props {
  settings: Settings
  onStudy: (deck: DeckOverview) => void
  onSections: (deck: DeckOverview) => void
  onAdd: (deck: DeckOverview) => void
}

/** Every deck with what is waiting in it; each row's button starts a session. */
export function DeckList({ settings, onStudy, onSections, onAdd }: Props) {
  const decks = useDeckOverviews(settings)
  if (!decks) return <p className="muted">Loading decks…</p>
  if (decks.length === 0) return <p className="muted">No decks loaded.</p>
  return (
    <ul className="deck-list" aria-label="Decks">
      {decks.map((d, i) => (
        <li key={d.id} className="deck-row" data-deck-id={d.id}>
          <div className="deck-info">
            <h2 className="deck-name">{d.name}</h2>
            {d.description && <p className="muted deck-description">{d.description}</p>}
            <p className="muted deck-size">{d.total} cards</p>
            {d.total === 0 && (
              <p className="muted deck-empty" data-testid="deck-empty">
                No cards yet: add a note.
              </p>
            )}
            {d.total > 0 && d.new + d.learning + d.due === 0 && (
              <p className="deck-done" data-testid="deck-done">
                Done for today{d.nextIn && ` — next review ${d.nextIn}`}
              </p>
            )}
          </div>
          <dl
            className="deck-counts"
            aria-label={`${d.new} new, ${d.learning} learning, ${d.due} due, ${d.total} cards`}
          >
            <div className="count-new">
              <dt>New</dt>
              <dd>{d.new}</dd>
            </div>
            <div className="count-learn">
              <dt>Learning</dt>
              <dd>{d.learning}</dd>
            </div>
            <div className="count-due">
              <dt>Due</dt>
              <dd>{d.due}</dd>
            </div>
          </dl>
          <div className="deck-actions">
            <button
              type="button"
              className="ghost"
              onClick={() => onAdd(d)}
              aria-label={`Add a note to ${d.name}`}
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
              autoFocus={i === 0}
              aria-label={`Study ${d.name}`}
            >
              Study
            </button>
          </div>
        </li>
      ))}
    </ul>
  )
}
