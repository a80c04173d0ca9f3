import { describeProblem, type DeckProblem } from '../../core/decks/parse-deck'

/** Deck files that could not be loaded, each with its file, line and reason. */
export function DeckProblems({ problems }: { problems: readonly DeckProblem[] }) {
  if (problems.length === 0) return null
  return (
    <div className="problems" role="alert" data-testid="deck-problems">
      <h2>
        {problems.length === 1
          ? 'One deck file was skipped'
          : `${problems.length} deck files were skipped`}
      </h2>
      <ul>
        {problems.map((p) => (
          <li key={`${p.file}:${p.line ?? 0}:${p.reason}`}>
            <code>{describeProblem(p)}</code>
          </li>
        ))}
      </ul>
      <p className="muted">
        The other decks loaded normally.{' '}
        {problems.length === 1
          ? 'Fix the file and restart to load it.'
          : 'Fix the files and restart to load them.'}
      </p>
    </div>
  )
}
