import { DECK_SEPARATOR, type DeckRow } from './collection'

/** A deck in the tree: its row, depth and the decks nested in it. */
export interface DeckNode {
  deck: DeckRow
  /** The last part of its name ("Treaties" in "Exam::Treaties"). */
  label: string
  depth: number
  children: DeckNode[]
}

const parentName = (name: string) => {
  const at = name.lastIndexOf(DECK_SEPARATOR)
  return at < 0 ? null : name.slice(0, at)
}

/** Whether `name` is `ancestor` or nested anywhere inside it. */
export const isWithin = (name: string, ancestor: string) =>
  name === ancestor || name.startsWith(ancestor + DECK_SEPARATOR)

/**
 * The decks not in the trash as a tree by their `::` names, siblings in name order. A deck
 * whose parent has no row hangs at the top.
 */
export function deckTree(decks: readonly DeckRow[]): DeckNode[] {
  const live = decks
    .filter((d) => d.deletedAt === undefined)
    .sort((a, b) => a.name.localeCompare(b.name))
  const byName = new Map<string, DeckNode>()
  const roots: DeckNode[] = []
  for (const deck of live) {
    const parent = parentName(deck.name)
    const up = parent === null ? undefined : byName.get(parent)
    const node: DeckNode = {
      deck,
      label: parent === null ? deck.name : deck.name.slice(parent.length + DECK_SEPARATOR.length),
      depth: up ? up.depth + 1 : 0,
      children: [],
    }
    byName.set(deck.name, node)
    ;(up ? up.children : roots).push(node)
  }
  return roots
}

/** A deck and every deck inside it, not in the trash, in tree order: what studying it covers. */
export function deckAndChildren(decks: readonly DeckRow[], deckId: string): DeckRow[] {
  const deck = decks.find((d) => d.id === deckId)
  if (!deck) return []
  return decks
    .filter((d) => d.deletedAt === undefined && isWithin(d.name, deck.name))
    .sort((a, b) => a.name.localeCompare(b.name))
}

/** The names of the parents a nested name needs: `A::B::C` needs `A` and `A::B`. */
export function parentNames(name: string): string[] {
  const parts = name.split(DECK_SEPARATOR)
  return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join(DECK_SEPARATOR))
}
