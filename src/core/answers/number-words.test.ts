import { describe, expect, it } from 'vitest'
import { numberFromWords } from './number-words'

const value = (text: string) => numberFromWords(text)?.value

describe('numberFromWords', () => {
  it('reads whole numbers in words', () => {
    expect(value('thirteen')).toBe(13)
    expect(value('fifty-two')).toBe(52)
    expect(value('two hundred and twelve')).toBe(212)
    expect(value('one thousand five hundred')).toBe(1500)
    expect(value('seventy five thousand')).toBe(75_000)
  })

  it('reads scales, "a" for one, decimals with "point" and "and a half"', () => {
    expect(value('five point three million')).toBe(5_300_000)
    expect(value('fifty two point five million')).toBe(52_500_000)
    expect(value('fifty-two and a half million')).toBe(52_500_000)
    expect(value('a billion')).toBe(1e9)
    expect(value('two point eight billion')).toBe(2_800_000_000)
  })

  it('returns what follows the number', () => {
    expect(numberFromWords('five point three million US dollars')).toEqual({
      value: 5_300_000,
      rest: 'US dollars',
    })
    expect(numberFromWords('ninety percent')?.rest).toBe('percent')
  })

  it('reads nothing from text that does not start with a number word', () => {
    expect(numberFromWords('dollars')).toBeNull()
    expect(numberFromWords('a lot')).toBeNull()
    expect(numberFromWords('point five')).toBeNull()
    expect(numberFromWords('5 million')).toBeNull()
  })
})
