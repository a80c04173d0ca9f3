import { describe, expect, it } from 'vitest'
import { deck, fact } from '../testing/factories'
import { cardFace, cardId, cardsOfDeck } from './card-templates'

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
const withCloze = fact({
  id: 'recaap',
  kind: 'agreement',
  prompt: 'When did ReCAAP take effect?',
  answer: '2006',
  date: '2006',
  cloze: 'The ReCAAP anti-piracy agreement took effect in {{2006}}.',
})

describe('cards of a deck', () => {
  it('makes one question per fact, typed for figures and dates, plus reverse and cloze cards, in deck order', () => {
    const cards = cardsOfDeck(deck('d', [acronym, figure, withCloze]))
    expect(cards.map((c) => [c.id, c.position])).toEqual([
      ['d/pbc/qa', 0],
      ['d/pbc/reverse', 1],
      ['d/missions/typed', 2],
      ['d/recaap/typed', 3],
      ['d/recaap/cloze', 4],
    ])
  })

  it('derives card ids from deck, fact and template only, so rewording keeps them', () => {
    const reworded = { ...figure, prompt: 'Count of missions?', answer: 'thirteen' }
    expect(cardsOfDeck(deck('d', [reworded]))[0]?.id).toBe(cardId('d', 'missions', 'typed'))
  })

  it('asks the reverse card from the expansion', () => {
    expect(cardFace(acronym, 'reverse')).toMatchObject({
      front: 'Acronym for “Peacebuilding Commission”?',
      back: 'PBC',
    })
    expect(cardFace(acronym, 'qa').back).toBe('Peacebuilding Commission')
  })

  it('hides the marked part of a cloze and shows the full statement on the back', () => {
    expect(cardFace(withCloze, 'cloze')).toMatchObject({
      front: 'The ReCAAP anti-piracy agreement took effect in […].',
      back: '2006',
      context: 'The ReCAAP anti-piracy agreement took effect in 2006.',
      answerMode: 'reveal',
    })
  })

  it('asks figures and dates as typed answers, with the section breadcrumb', () => {
    expect(cardFace(figure, 'typed')).toMatchObject({
      answerMode: 'type',
      section: ['(1) Regional Security'],
    })
  })
})
