import { Fragment, useId } from 'react'
import { commands } from '../commands'

/** The keys a session uses (a range as its two ends), and what each does. */
const KEYS: readonly (readonly [readonly string[], string])[] = [
  [['Space'], 'show the answer'],
  [['1', '4'], 'Again, Hard, Good, Easy'],
  [['Ctrl+Z'], 'undo the last answer'],
  [['E'], 'edit the card’s note'],
  [['Esc'], 'back to the decks'],
  [['A'], 'add a note (deck list)'],
  [['B'], 'browse every card (deck list)'],
]

/**
 * The first-run welcome on the deck list: what the built-in deck is, the keys a session uses,
 * and where an Anki collection and an exam date go. Dismissed once, for good.
 */
export function Welcome({ onImport }: { onImport: () => void }) {
  const id = useId()
  return (
    <section className="welcome" aria-labelledby={`${id}-title`} data-testid="welcome">
      <h2 id={`${id}-title`}>Welcome to Attaché</h2>
      <p>
        <strong>Diplomatic Bluebook 2020 · Global Security</strong> is ready to study: the figures,
        dates, names, acronyms and agreements of Chapter 3, section 3, written as cards that each
        cite the section they come from. Study it whole, or one section at a time from
        <em> Sections</em>.
      </p>
      <dl className="welcome-keys" aria-label="Keys in a study session">
        {KEYS.map(([keys, what]) => (
          <div key={what}>
            <dt>
              {keys.map((k, n) => (
                <Fragment key={k}>
                  {n > 0 && '–'}
                  <kbd>{k}</kbd>
                </Fragment>
              ))}
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <p>
        Have an exam date? Set it in a deck’s <em>⋯ ▸ Options</em>: new cards are spread so every
        one is seen in time, and no review falls after the exam. Your own decks from Anki come in
        with their schedule and history as they are.
      </p>
      <div className="welcome-actions">
        <button type="button" className="ghost" onClick={onImport}>
          Import an Anki deck…
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => void commands.settings.update('welcomeSeen', true)}
        >
          Got it
        </button>
      </div>
    </section>
  )
}
