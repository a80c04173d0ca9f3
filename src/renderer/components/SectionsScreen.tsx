import { useEffect, useMemo, useState } from 'react'
import { useExamPlan, useSectionOverview } from '../queries'
import { masteryOf, weakestSection, type SectionRow } from '../../app/study-queue'
import type { Settings } from '../../app/settings'

interface Props {
  deckId: string
  deckName: string
  settings: Settings
  onStudy: (section: readonly string[] | null) => void
  onExit: () => void
}

const keyOf = (path: readonly string[]) => path.join('\u0000')

/** Levels below this start folded; every level can be opened. */
const OPEN_DEPTH = 1

/**
 * A deck's parts and every heading below them, as a collapsible tree with card counts and
 * progress; each can be studied on its own. Counts are what a session of that section shows.
 */
export function SectionsScreen({ deckId, deckName, settings, onStudy, onExit }: Props) {
  const overview = useSectionOverview(deckId, settings)
  const [open, setOpen] = useState<ReadonlySet<string> | null>(null)
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onExit()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [onExit])

  const rows = overview?.rows
  const parents = useMemo(() => {
    const keys = new Set<string>()
    for (const r of rows ?? []) if (r.path.length > 1) keys.add(keyOf(r.path.slice(0, -1)))
    return keys
  }, [rows])
  // Until the user folds or opens something, the top levels are open.
  const expanded =
    open ??
    new Set((rows ?? []).filter((r) => r.path.length <= OPEN_DEPTH).map((r) => keyOf(r.path)))
  const visible = (r: SectionRow) =>
    r.path.slice(0, -1).every((_, i) => expanded.has(keyOf(r.path.slice(0, i + 1))))
  const toggle = (key: string) => {
    const next = new Set(expanded)
    if (!next.delete(key)) next.add(key)
    setOpen(next)
  }

  const weakest = rows ? weakestSection(rows) : null
  const plan = useExamPlan(settings, deckId)
  const onExamDay = new Map((plan?.sections ?? []).map((x) => [x.path[0] ?? '', x.expectedRecall]))
  const whole = rows?.filter((s) => s.path.length === 1)
  const total = whole?.reduce((n, s) => n + s.total, 0) ?? 0
  const seen = whole?.reduce((n, s) => n + s.seen, 0) ?? 0
  return (
    <section className="sections" aria-label={`Sections of ${deckName}`}>
      <header className="study-bar">
        <button type="button" className="ghost" onClick={onExit} aria-keyshortcuts="Escape">
          ← Decks <kbd>Esc</kbd>
        </button>
        <h1 className="study-title" title={deckName}>
          {deckName}
        </h1>
        <button
          type="button"
          className="ghost"
          disabled={!weakest}
          onClick={() => weakest && onStudy(weakest.path)}
          title={weakest ? `Study ${weakest.path.join(' › ')}` : undefined}
        >
          Study weakest
        </button>
        <button type="button" className="primary" onClick={() => onStudy(null)}>
          Study all
        </button>
      </header>
      <p className="muted deck-progress">
        {seen} of {total} cards studied at least once
      </p>
      {plan && (
        <p className="notice" data-testid="exam-plan">
          {plan.daysLeft > 0
            ? `Exam on ${plan.examDate}, in ${plan.daysLeft} days: ${plan.newPerDay} new cards a day see all ${plan.newLeft} new cards in time.`
            : plan.daysLeft === 0
              ? `Exam today (${plan.examDate}).`
              : `The exam on ${plan.examDate} is past.`}{' '}
          Expected recall on the day, if nothing more were studied:{' '}
          {Math.round(plan.expectedRecall * 100)} %
          {plan.cap ? '; every next review falls on or before the exam day.' : '.'}
        </p>
      )}
      {overview && overview.deckNewLeft === 0 && settings.newPerDay > 0 && (
        <p className="notice" data-testid="deck-limit-reached">
          Today&apos;s {settings.newPerDay} new cards for this deck are used up. A section studied
          on its own still shows up to {settings.newPerDay} of its new cards, as Anki&apos;s custom
          study does; the counts below are what each section&apos;s session shows.
        </p>
      )}
      <div className="section-tools">
        <button
          type="button"
          className="ghost"
          onClick={() => setOpen(new Set(parents))}
          disabled={!rows}
        >
          Expand all
        </button>
        <button type="button" className="ghost" onClick={() => setOpen(new Set())} disabled={!rows}>
          Collapse all
        </button>
      </div>
      {!rows ? (
        <p className="muted">Loading sections…</p>
      ) : (
        <ul className="section-list">
          {rows.filter(visible).map((s) => {
            const key = keyOf(s.path)
            const title = s.path.at(-1) ?? ''
            const pct = s.total ? Math.round((s.seen / s.total) * 100) : 0
            const mastery = Math.round(masteryOf(s) * 100)
            const folds = parents.has(key)
            return (
              <li
                key={key}
                className={`section-row depth-${Math.min(s.path.length, 4)}`}
                style={{ ['--depth' as string]: s.path.length - 1 }}
                data-testid="section-row"
                data-depth={s.path.length}
              >
                <span className="section-title">
                  {folds ? (
                    <button
                      type="button"
                      className="fold"
                      aria-expanded={expanded.has(key)}
                      aria-label={`${expanded.has(key) ? 'Fold' : 'Open'} ${title}`}
                      onClick={() => toggle(key)}
                    >
                      {expanded.has(key) ? '▾' : '▸'}
                    </button>
                  ) : (
                    <span className="fold-spacer" aria-hidden="true" />
                  )}
                  <span className="section-name">{title}</span>
                </span>
                <span className="section-meter" aria-hidden="true">
                  <span className="section-meter-fill" style={{ width: `${pct}%` }} />
                </span>
                <span className="section-counts">
                  <span className="count-new">{s.new} new</span> ·{' '}
                  <span className="count-learn">{s.learning} learning</span> ·{' '}
                  <span className="count-due">{s.due} due</span> ·{' '}
                  <span>
                    {s.seen}/{s.total} seen
                  </span>{' '}
                  ·{' '}
                  <span
                    className="mastery"
                    data-testid="mastery"
                    style={{ ['--mastery' as string]: mastery }}
                    title="Cards you would recall now at the desired retention or better"
                  >
                    {mastery}% mastered
                  </span>
                  {plan && s.path.length === 1 && onExamDay.has(s.path[0] ?? '') && (
                    <span data-testid="exam-recall">
                      {' '}
                      · {Math.round((onExamDay.get(s.path[0] ?? '') ?? 0) * 100)}% on exam day
                    </span>
                  )}
                </span>
                <button
                  type="button"
                  onClick={() => onStudy(s.path)}
                  aria-label={`Study section ${title} (${s.total} cards, ${pct}% seen, ${mastery}% mastered)`}
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
