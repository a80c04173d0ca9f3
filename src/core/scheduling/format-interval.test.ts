import { describe, expect, it } from 'vitest'
import { formatInterval } from './format-interval'

const from = new Date('2024-01-01T00:00:00Z')
const after = (ms: number) => formatInterval(from, new Date(from.getTime() + ms))
const MIN = 60_000
const DAY = 86_400_000

describe('formatInterval', () => {
  it.each([
    [30_000, '<1m'],
    [MIN, '1m'],
    [10 * MIN, '10m'],
    [90 * MIN, '1.5h'],
    [3 * DAY, '3d'],
    [45 * DAY, '1.5mo'],
    [400 * DAY, '1.1y'],
    [-5 * MIN, '<1m'],
  ])('%i ms → %s', (ms, label) => {
    expect(after(ms)).toBe(label)
  })
})
