import { describe, expect, it } from 'vitest'
import { nextStudyIn } from './next-study'

const now = Date.parse('2024-06-01T10:00:00Z')
const dayEnd = Date.parse('2024-06-02T04:00:00Z')
const H = 3_600_000

describe('nextStudyIn', () => {
  it('names a learning step later today in hours or minutes', () => {
    expect(nextStudyIn(now, dayEnd, now + 3 * H)).toBe('in 3h')
    expect(nextStudyIn(now, dayEnd, now + 25 * 60_000)).toBe('in 25m')
  })

  it('says tomorrow for anything in the next study day', () => {
    expect(nextStudyIn(now, dayEnd, dayEnd)).toBe('tomorrow')
    expect(nextStudyIn(now, dayEnd, dayEnd + 23 * H)).toBe('tomorrow')
  })

  it('counts study days after that', () => {
    expect(nextStudyIn(now, dayEnd, dayEnd + 24 * H)).toBe('in 2 days')
    expect(nextStudyIn(now, dayEnd, dayEnd + 3 * 24 * H)).toBe('in 4 days')
  })

  it('says nothing when the deck has nothing more to study', () => {
    expect(nextStudyIn(now, dayEnd, null)).toBeNull()
  })
})
