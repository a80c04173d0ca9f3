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

/** Stored settings the app could not use: it started with their defaults and says so. */
export function SettingsDropped({ dropped }: { dropped: readonly string[] }) {
  if (dropped.length === 0) return null
  return (
    <div className="problems" role="alert" data-testid="settings-dropped">
      <h2>
        {dropped.length === 1
          ? 'One stored setting was not used'
          : `${dropped.length} stored settings were not used`}
      </h2>
      <ul>
        {dropped.map((d) => (
          <li key={d}>
            <code>{d}</code>
          </li>
        ))}
      </ul>
      <p className="muted">
        The app uses the default instead. Saving the setting in Settings replaces the stored value.
      </p>
    </div>
  )
}
