import { describe, expect, it } from 'vitest'
import { deck, fact } from '../testing/factories'
import { cardFace, cardId, cardsOfDeck } from './card-templates'

describe('cards of a deck', () => {
  const acronym = fact({
    id: 'pbc',
    kind: 'acronym',
    prompt: 'What does PBC stand for?',
    answer: 'Peacebuilding Commission',
    acronym: { short: 'PBC', long: 'Peacebuilding Commission' },
  })
  const figure = fact({
    id: 'missions',
    prompt: 'How many?',
    answer: '13',
    figure: { value: 13, unit: 'missions' },
  })

  it('makes a question card per fact and a reverse card for acronyms, in deck order', () => {
    const cards = cardsOfDeck(deck('d', [acronym, figure]))
    expect(cards.map((c) => [c.id, c.position])).toEqual([
      ['d/pbc/qa', 0],
      ['d/pbc/reverse', 1],
      ['d/missions/qa', 2],
    ])
  })

  it('derives card ids from deck, fact and template only, so rewording keeps them', () => {
    const reworded = { ...figure, prompt: 'Count of missions?', answer: 'thirteen' }
    expect(cardsOfDeck(deck('d', [reworded]))[0]?.id).toBe(cardId('d', 'missions', 'qa'))
  })

  it('asks the reverse card from the expansion', () => {
    expect(cardFace(acronym, 'reverse')).toEqual({
      front: 'Acronym for “Peacebuilding Commission”?',
      back: 'PBC',
      section: ['(1) Regional Security'],
    })
    expect(cardFace(acronym, 'qa').back).toBe('Peacebuilding Commission')
  })
})
