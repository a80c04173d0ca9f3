import type { MouseEvent, ReactNode } from 'react'
import { DECK_SEPARATOR } from '../../app/collection'
import { useAllTags, useDeckNames, useNoteTypes } from '../queries'
import { FLAG_NAMES } from '../study/use-study-session'

/** A search value, quoted when it has spaces or brackets (deck and note type names often do). */
const quoted = (value: string) => (/[\s()"]/.test(value) ? `"${value.replace(/"/g, '')}"` : value)

const STATES: [string, string][] = [
  ['New', 'is:new'],
  ['Learning', 'is:learn'],
  ['Review', 'is:review'],
  ['Due', 'is:due'],
  ['Suspended', 'is:suspended'],
  ['Buried', 'is:buried'],
  ['Leeches', 'is:leech'],
]

/**
 * The browser's sidebar, as Anki's: the deck tree, note types, tags, flags and card states,
 * each a search. A click searches for it; Ctrl (⌘) + click adds it to the search typed.
 */
export function BrowserSidebar({
  query,
  onSearch,
}: {
  query: string
  onSearch: (term: string, add: boolean) => void
}) {
  const decks = useDeckNames()
  const types = useNoteTypes()
  const tags = useAllTags()
  const item = (label: string, term: string, depth = 0, mark?: string) => (
    <li key={term} style={depth ? { paddingInlineStart: `${depth * 12}px` } : undefined}>
      <button
        type="button"
        className="ghost"
        aria-current={query.trim() === term ? 'true' : undefined}
        title={term || 'Every card'}
        onClick={(e: MouseEvent) => onSearch(term, e.ctrlKey || e.metaKey)}
      >
        {mark && (
          <span className={`flag-dot flag-${mark}`} aria-hidden="true">
            ⚑{' '}
          </span>
        )}
        {label}
      </button>
    </li>
  )
  const group = (title: string, items: ReactNode[], open = true) => (
    <details open={open}>
      <summary>{title}</summary>
      <ul>{items}</ul>
    </details>
  )
  return (
    <nav className="browser-sidebar" aria-label="Searches">
      <ul>{item('All cards', '')}</ul>
      {group(
        'Decks',
        (decks ?? []).map((d) => {
          const parts = d.name.split(DECK_SEPARATOR)
          return item(parts.at(-1) ?? d.name, `deck:${quoted(d.name)}`, parts.length - 1)
        }),
      )}
      {group(
        'Card states',
        STATES.map(([label, term]) => item(label, term)),
      )}
      {group(
        'Flags',
        FLAG_NAMES.slice(1).map((name, i) =>
          item(name.charAt(0).toUpperCase() + name.slice(1), `flag:${i + 1}`, 0, String(i + 1)),
        ),
      )}
      {group(
        'Note types',
        (types ?? []).map((t) => item(t.name, `note:${quoted(t.name)}`)),
        false,
      )}
      {group(
        'Tags',
        (tags ?? []).map((t) => item(t, `tag:${quoted(t)}`)),
        false,
      )}
    </nav>
  )
}
