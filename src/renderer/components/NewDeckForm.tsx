import { useId, useState } from 'react'
import { EditError } from '../../app/editing'
import { commands } from '../commands'

interface Props {
  onDone: () => void
}

/** Names a new deck of the user's; `Parent::Child` nests it. */
export function NewDeckForm({ onDone }: Props) {
  const id = useId()
  const [name, setName] = useState('')
  const [error, setError] = useState<string | null>(null)
  return (
    <form
      className="new-deck"
      aria-label="New deck"
      onSubmit={(e) => {
        e.preventDefault()
        commands.decks
          .create(name)
          .then(onDone, (err: unknown) =>
            setError(
              err instanceof EditError ? err.message : `Could not create it: ${String(err)}`,
            ),
          )
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onDone()
      }}
    >
      <label htmlFor={id}>New deck name</label>
      <input
        id={id}
        autoFocus
        value={name}
        placeholder="e.g. Exam::Treaties"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => setName(e.target.value)}
      />
      <button type="submit" className="primary">
        Create
      </button>
      <button type="button" className="ghost" onClick={onDone}>
        Cancel
      </button>
      {error && (
        <p id={`${id}-error`} role="alert" className="field-error">
          {error}
        </p>
      )}
    </form>
  )
}
