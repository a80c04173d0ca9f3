import { describe, expect, it } from 'vitest'
import { fact } from '../testing/factories'
import { factFields } from './fact-fields'
import { cardFace, cardOrdinals, whyNoCards } from './note-cards'
import { BASIC, BASIC_REVERSED, BASIC_TYPED, CLOZE_TYPE, FACT_TYPE } from './note-types'

const section = ['Part']

describe('cards of a note', () => {
  it('Basic makes one card; reversed makes two, the second from the back', () => {
    const fields = { Front: 'Capital of Japan?', Back: 'Tokyo' }
    expect(cardOrdinals(BASIC, fields)).toEqual([0])
    expect(cardOrdinals(BASIC_REVERSED, fields)).toEqual([0, 1])
    expect(cardFace(BASIC_REVERSED, fields, 1, section)).toMatchObject({
      front: 'Tokyo',
      back: 'Capital of Japan?',
      answerMode: 'reveal',
    })
  })

  it('a reversed note with an empty back makes only its first card', () => {
    expect(cardOrdinals(BASIC_REVERSED, { Front: 'Q', Back: '' })).toEqual([0])
  })

  it('type-the-answer cards are typed against the named field', () => {
    const face = cardFace(BASIC_TYPED, { Front: 'Q', Back: 'A' }, 0, section)
    expect(face).toMatchObject({ front: 'Q', back: 'A', answerMode: 'type', typeField: 'Back' })
  })

  it('Cloze makes one card per number; every blank of that number is hidden, the rest shown', () => {
    const fields = {
      Text: '{{c1::Japan}} hosted {{c2::G20::a summit}} in {{c1::Osaka}}.',
      'Back Extra': '2019',
    }
    expect(cardOrdinals(CLOZE_TYPE, fields)).toEqual([0, 1])
    expect(cardFace(CLOZE_TYPE, fields, 0, section)).toMatchObject({
      front: '[…] hosted G20 in […].',
      back: 'Japan, Osaka',
      context: 'Japan hosted G20 in Osaka. — 2019',
    })
    expect(cardFace(CLOZE_TYPE, fields, 1, section).front).toBe('Japan hosted [a summit] in Osaka.')
  })

  it('names why a note makes no card', () => {
    expect(whyNoCards(CLOZE_TYPE, { Text: 'no blank', 'Back Extra': '' })).toMatch(/\{\{c1::…\}\}/)
    expect(whyNoCards(BASIC, { Front: ' ', Back: 'A' })).toMatch(/empty: fill in Front/)
    expect(whyNoCards(BASIC, { Front: 'Q', Back: '' })).toBeNull()
  })

  it('the fact type makes a typed card for figures, a reverse for acronyms, a cloze for statements', () => {
    const figure = factFields(
      fact({ id: 'f', figure: { value: 5, unit: 'USD' }, cloze: 'It gave {{5 dollars}}.' }),
    )
    expect(cardOrdinals(FACT_TYPE, figure)).toEqual([1, 3])
    expect(cardFace(FACT_TYPE, figure, 1, section)).toMatchObject({ answerMode: 'type' })
    expect(cardFace(FACT_TYPE, figure, 3, section)).toMatchObject({
      front: 'It gave […].',
      back: '5 dollars',
    })
    const acronym = factFields(
      fact({ id: 'a', kind: 'acronym', acronym: { short: 'UN', long: 'United Nations' } }),
    )
    expect(cardOrdinals(FACT_TYPE, acronym)).toEqual([0, 2])
    expect(cardFace(FACT_TYPE, acronym, 2, section).front).toBe('Acronym for “United Nations”?')
  })
})
