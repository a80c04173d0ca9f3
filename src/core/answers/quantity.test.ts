import { describe, expect, it } from 'vitest'
import { parseQuantity, quantitiesIn } from './quantity'

const values = (text: string) => quantitiesIn(text).map((q) => q.value)

describe('quantitiesIn', () => {
  it('reads amounts with scales and currencies', () => {
    const [a, b] = quantitiesIn(
      'gave 52.5 million US dollars overall, of which 2 million US dollars came last year',
    )
    expect(a).toMatchObject({ value: 52_500_000, unit: 'USD' })
    expect(b).toMatchObject({ value: 2_000_000, unit: 'USD' })
    expect(values('2.8 billion Japanese yen')).toEqual([2_800_000_000])
    expect(quantitiesIn('about 90% of imports')[0]).toMatchObject({ value: 90, unit: 'percent' })
  })

  it('reads counts with thousands separators and ordinals', () => {
    expect(values('more than 12,500 personnel to 28 missions')).toEqual([12500, 28])
    expect(quantitiesIn('the 62nd session')[0]).toMatchObject({ value: 62, ordinal: true })
  })

  it('skips names, codes, footnote markers and enumerators', () => {
    expect(
      values(
        'G20 Osaka, 5G and P-3C aircraft, RWASAT-1, "2+2", award3 on, (CSIRT)5 a, (1) making, GGE*1',
      ),
    ).toEqual([])
  })
})

describe('parseQuantity', () => {
  it('reads a decimal comma, as many European candidates write', () => {
    expect(parseQuantity('$5,3M')).toMatchObject({ value: 5_300_000, unit: 'USD' })
    expect(parseQuantity('52,5 million US dollars')).toMatchObject({ value: 52_500_000 })
    expect(parseQuantity('52.500.000 dollars')).toMatchObject({ value: 52_500_000, unit: 'USD' })
    expect(parseQuantity('1.234.567,5')).toMatchObject({ value: 1_234_567.5 })
  })

  it('keeps a comma before three digits a thousands separator', () => {
    expect(parseQuantity('5,300')).toMatchObject({ value: 5300 })
    expect(parseQuantity('52,500,000 US dollars')).toMatchObject({ value: 52_500_000 })
  })

  it('reads numbers in words with their unit', () => {
    expect(parseQuantity('five point three million dollars')).toMatchObject({
      value: 5_300_000,
      unit: 'USD',
    })
    expect(parseQuantity('about fifty-two and a half million US dollars')).toMatchObject({
      value: 52_500_000,
      unit: 'USD',
    })
    expect(parseQuantity('thirteen')).toMatchObject({ value: 13, ordinal: false })
    expect(parseQuantity('the third')).toMatchObject({ value: 3, ordinal: true })
  })

  it('refuses text with no number, or with several', () => {
    expect(parseQuantity('dollars')).toBeNull()
    expect(parseQuantity('5 or 6 million')).toBeNull()
  })
})
