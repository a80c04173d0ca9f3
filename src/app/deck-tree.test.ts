import { describe, expect, it } from 'vitest'
import type { DeckRow } from './collection'
import { deckAndChildren, deckTree, parentNames } from './deck-tree'

const row = (id: string, name: string, deletedAt?: number): DeckRow => ({
  id,
  name,
  description: '',
  sourceTitle: null,
  origin: 'user',
  updatedAt: 0,
  ...(deletedAt === undefined ? {} : { deletedAt }),
})

const decks = [
  row('t', 'Exam::Treaties'),
  row('e', 'Exam'),
  row('l', 'Exam::Treaties::Law of the Sea'),
  row('c', 'Cyber'),
  row('x', 'Exam::Old', 5),
]

describe('the deck tree', () => {
  it('nests decks by their :: names, in name order, leaving the trash out', () => {
    const tree = deckTree(decks)
    const flat = (nodes: ReturnType<typeof deckTree>): string[] =>
      nodes.flatMap((n) => [`${'  '.repeat(n.depth)}${n.label}`, ...flat(n.children)])
    expect(flat(tree)).toEqual(['Cyber', 'Exam', '  Treaties', '    Law of the Sea'])
  })

  it('a deck covers itself and every deck inside it, not a deck with a longer name', () => {
    const more = [...decks, row('z', 'Examples')]
    expect(deckAndChildren(more, 'e').map((d) => d.id)).toEqual(['e', 't', 'l'])
    expect(deckAndChildren(more, 't').map((d) => d.id)).toEqual(['t', 'l'])
  })

  it('names the parents a nested deck needs', () => {
    expect(parentNames('A::B::C')).toEqual(['A', 'A::B'])
    expect(parentNames('A')).toEqual([])
  })
})
