import { useEffect } from 'react'
import { useSectionOverview } from '../live-data'
import type { Settings } from '../storage/settings'

interface Props {
  deckId: string
  deckName: string
  settings: Settings
  onStudy: (section: readonly string[] | null) => void
  onExit: () => void
}

/** A deck's parts and headings with card counts and progress; each can be studied on its own. */
export function SectionsScreen({ deckId, deckName, settings, onStudy, onExit }: Props) {
  const sections = useSectionOverview(deckId, settings)
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onExit()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [onExit])
  const whole = sections?.filter((s) => s.path.length === 1)
  const total = whole?.reduce((n, s) => n + s.total, 0) ?? 0
  const seen = whole?.reduce((n, s) => n + s.seen, 0) ?? 0
  return (
    <section className="sections" aria-label={`Sections of ${deckName}`}>
      <header className="study-bar">
        <button type="button" className="ghost" onClick={onExit} aria-keyshortcuts="Escape">
          ← Decks <kbd>Esc</kbd>
        </button>
        <h1 className="study-title">{deckName}</h1>
        <button type="button" className="primary" onClick={() => onStudy(null)}>
          Study all
        </button>
      </header>
      <p className="muted deck-progress">
        {seen} of {total} cards studied at least once
      </p>
      {!sections ? (
        <p className="muted">Loading sections…</p>
      ) : (
        <ul className="section-list">
          {sections.map((s) => {
            const title = s.path.at(-1) ?? ''
            const pct = s.total ? Math.round((s.seen / s.total) * 100) : 0
            return (
              <li
                key={s.path.join('›')}
                className={`section-row depth-${s.path.length}`}
                data-testid="section-row"
              >
                <span className="section-title">{title}</span>
                <span className="section-meter" aria-hidden="true">
                  <span className="section-meter-fill" style={{ width: `${pct}%` }} />
                </span>
                <span className="section-counts">
                  <span className="count-new">{s.new} new</span> ·{' '}
                  <span className="count-due">{s.due} due</span> ·{' '}
                  <span>
                    {s.seen}/{s.total} seen
                  </span>
                </span>
                <button
                  type="button"
                  onClick={() => onStudy(s.path)}
                  aria-label={`Study section ${title} (${s.total} cards, ${pct}% seen)`}
                >
                  Study
                </button>
              </li>
            )
          })}
        </ul>
      )}
    </section>
  )
}
