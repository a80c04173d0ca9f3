import { useDeckNames } from '../queries'

interface Props {
  id: string
  value: string
  onChange: (deckId: string) => void
  /** The label of an option for the whole collection (value ''), when there is one. */
  wholeCollection?: string
}

/** A picker of the decks not in the trash, by name (export, statistics, mock exam, a note's deck). */
export function DeckSelect({ id, value, onChange, wholeCollection }: Props) {
  const decks = useDeckNames()
  // A long deck name is cut by the picker's width; the whole name is its tooltip.
  const chosen = value === '' ? wholeCollection : decks?.find((d) => d.id === value)?.name
  return (
    <select id={id} value={value} title={chosen} onChange={(e) => onChange(e.target.value)}>
      {wholeCollection !== undefined && <option value="">{wholeCollection}</option>}
      {decks?.map((d) => (
        <option key={d.id} value={d.id}>
          {d.name}
        </option>
      ))}
    </select>
  )
}
