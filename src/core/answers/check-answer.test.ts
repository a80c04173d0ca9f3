import { describe, expect, it } from 'vitest'
import { fact } from '../testing/factories'
import { checkTypedAnswer } from './check-answer'

const pbf = fact({
  id: 'pbf',
  answer: 'US$52.5 million',
  figure: { value: 52_500_000, unit: 'USD' },
})
const cards = fact({ id: 'c', answer: '1,205', figure: { value: 1205, unit: 'cards' } })
const award = fact({ id: 'award', kind: 'date', answer: '12 July 2016', date: '2016-07-12' })
const month = fact({ id: 'aoip', kind: 'date', answer: 'June 2019', date: '2019-06' })
const year = fact({ id: 'pbc', kind: 'date', answer: '2005', date: '2005' })
const acronym = fact({
  id: 'unodc',
  kind: 'acronym',
  answer: 'United Nations Office on Drugs and Crime',
  acronym: { short: 'UNODC', long: 'United Nations Office on Drugs and Crime' },
})

const result = (f: typeof pbf, typed: string) => checkTypedAnswer(f, typed).result

describe('typed figures', () => {
  it.each([
    '52.5 million',
    '$52.5M',
    '52,500,000 US dollars',
    'US$52.5 million',
    'USD 52.5 mn',
    '52.5 million dollars',
    'about 52.5 million',
  ])('"%s" matches 52.5 million US dollars', (typed) => expect(result(pbf, typed)).toBe('correct'))

  it.each(['1,205', '1205', '1205 cards'])('"%s" matches 1,205', (typed) =>
    expect(result(cards, typed)).toBe('correct'),
  )

  it('calls a near miss close and says by how much', () => {
    const v = checkTypedAnswer(pbf, '50 million')
    expect(v).toEqual({
      result: 'close',
      detail:
        'Close: under by 2.5 million US dollars (−4.8%). The answer is 52.5 million US dollars.',
    })
    expect(result(cards, '1,200')).toBe('close')
  })

  it('flags the right digits at the wrong size', () => {
    expect(checkTypedAnswer(pbf, '52.5').detail).toMatch(/Right digits, wrong size/)
  })

  it.each([
    ['52.5 billion', 'wrong size, a thousand times off'],
    ['¥52.5 million', 'wrong currency'],
    ['25 million', 'far off'],
    ['52.5%', 'a percentage'],
    ['fifty', 'not the number'],
    ['', 'empty'],
    ['52.5 million or 60 million', 'two numbers'],
  ])('"%s" is wrong (%s)', (typed) => expect(result(pbf, typed)).toBe('wrong'))

  it('reads small numbers written as words', () => {
    const f = fact({ id: 'm', answer: '13', figure: { value: 13, unit: 'missions' } })
    expect(result(f, 'thirteen')).toBe('correct')
    expect(result(f, '12')).toBe('close')
    expect(result(f, '31')).toBe('wrong')
  })
})

describe('typed dates', () => {
  it.each([
    '12 July 2016',
    'July 12, 2016',
    'Jul 12 2016',
    '2016-07-12',
    '2016/7/12',
    '12th July 2016',
    'on 12 July 2016',
  ])('"%s" matches 12 July 2016', (typed) => expect(result(award, typed)).toBe('correct'))

  it.each(['June 2019', 'Jun. 2019', '2019-06', '6/2019', 'in June 2019'])(
    '"%s" matches June 2019',
    (typed) => expect(result(month, typed)).toBe('correct'),
  )

  it('accepts a year in any common form', () => {
    expect(result(year, '2005')).toBe('correct')
    expect(result(year, 'in 2005')).toBe('correct')
  })

  it.each([
    ['2019', 'right year, month missing'],
    ['May 2019', 'wrong month'],
  ])('"%s" is close to June 2019 (%s)', (typed) => expect(result(month, typed)).toBe('close'))

  it.each(['June 2009', 'June 2018', 'soon', '13/2019'])('"%s" is wrong for June 2019', (typed) =>
    expect(result(month, typed)).toBe('wrong'),
  )

  it('says how far a wrong year is, and it is wrong even by one (in an exam it would be)', () => {
    expect(checkTypedAnswer(month, 'June 2020')).toEqual({
      result: 'wrong',
      detail: 'One year late. The answer is June 2019.',
    })
  })

  it('marks a wrong day as close', () => {
    expect(checkTypedAnswer(award, '13 July 2016')).toEqual({
      result: 'close',
      detail: 'Right month, wrong day. The answer is 12 July 2016.',
    })
  })
})

describe('typed text', () => {
  it('accepts either form of an acronym, ignoring case and punctuation', () => {
    expect(result(acronym, 'unodc')).toBe('correct')
    expect(result(acronym, 'the United Nations Office on Drugs & Crime'.replace('&', 'and'))).toBe(
      'correct',
    )
  })

  it('calls a misspelling close and an unrelated answer wrong', () => {
    expect(result(acronym, 'United Nations Ofice on Drugs and Crimes')).toBe('close')
    expect(result(acronym, 'World Health Organization')).toBe('wrong')
  })
})

describe('identifiers and qualifiers', () => {
  const resolution = fact({
    id: 'r',
    kind: 'agreement',
    prompt: 'Which resolution?',
    answer: 'Resolution 2282',
    figure: { value: 2282, unit: 'resolution' },
  })
  it('grades a resolution number exactly: near numbers are wrong, not close', () => {
    expect(checkTypedAnswer(resolution, '2282')).toEqual({ result: 'correct' })
    expect(checkTypedAnswer(resolution, '2100')).toEqual({
      result: 'wrong',
      detail: 'The answer is resolution 2282.',
    })
    expect(checkTypedAnswer(resolution, '2283').result).toBe('wrong')
  })

  it('shows the qualifier the back shows in the feedback', () => {
    const more = fact({
      id: 'm',
      kind: 'figure',
      prompt: 'How many?',
      answer: 'More than 90,000',
      figure: { value: 90_000, unit: 'people' },
    })
    expect(checkTypedAnswer(more, '50000')).toEqual({
      result: 'wrong',
      detail: 'The answer is more than 90,000 people.',
    })
  })
})
