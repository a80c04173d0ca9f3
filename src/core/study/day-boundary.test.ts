import { describe, expect, it } from 'vitest'
import { studyDay } from './day-boundary'

const JST = 9 * 60 // UTC+9
const NEW_YORK_WINTER = -5 * 60

describe('studyDay', () => {
  it('counts 02:30 local time toward the previous day when the day rolls over at 04:00', () => {
    // 2024-05-10 02:30 in Tokyo = 2024-05-09 17:30 UTC
    const lateNight = studyDay(new Date('2024-05-09T17:30:00Z'), 4, JST)
    const evening = studyDay(new Date('2024-05-09T12:00:00Z'), 4, JST) // 21:00 Tokyo, May 9
    expect(lateNight.index).toBe(evening.index)
    expect(lateNight.start.toISOString()).toBe('2024-05-08T19:00:00.000Z') // May 9 04:00 JST
    expect(lateNight.end.toISOString()).toBe('2024-05-09T19:00:00.000Z') // May 10 04:00 JST
  })

  it('starts a new day exactly at the rollover hour, not at UTC midnight', () => {
    const before = studyDay(new Date('2024-05-09T18:59:59Z'), 4, JST)
    const after = studyDay(new Date('2024-05-09T19:00:00Z'), 4, JST)
    expect(after.index).toBe(before.index + 1)
    const aroundUtcMidnight = [new Date('2024-05-09T23:59:00Z'), new Date('2024-05-10T00:01:00Z')]
    const [a, b] = aroundUtcMidnight.map((d) => studyDay(d, 4, JST).index)
    expect(a).toBe(b)
  })

  it('works west of UTC and with a midnight rollover', () => {
    const d = studyDay(new Date('2024-01-15T04:30:00Z'), 0, NEW_YORK_WINTER) // 23:30 Jan 14 in New York
    expect(d.start.toISOString()).toBe('2024-01-14T05:00:00.000Z')
    expect(d.end.toISOString()).toBe('2024-01-15T05:00:00.000Z')
  })

  it('rejects a rollover hour outside 0–23', () => {
    expect(() => studyDay(new Date(0), 24, 0)).toThrow(/0 to 23/)
    expect(() => studyDay(new Date(0), 1.5, 0)).toThrow(RangeError)
  })
})
