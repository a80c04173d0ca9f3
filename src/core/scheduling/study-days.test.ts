import { describe, expect, it } from 'vitest'
import { hostZone } from '../study/time-zone'
import { Scheduler, CardState, type Grade, type SchedulingState } from './scheduler'

const HOUR = 3_600_000
// Tokyo, days rolling over at 4 in the morning: a study day runs 19:00–19:00 UTC.
const tokyo = { rolloverHour: 4, timeZone: 'Asia/Tokyo' }
const onStudyDays = new Scheduler({ fuzz: false, dayRule: tokyo })
const onUtcDates = new Scheduler({ fuzz: false })

/** A card learned on 2026-03-01 (Good, Good 10 minutes later, Good the next days). */
function learned(s: Scheduler): SchedulingState {
  let state = s.newState(new Date(Date.UTC(2026, 2, 1, 0)))
  for (const [h, g] of [
    [0, 3],
    [0.2, 3],
    [24, 3],
    [96, 3],
  ] as [number, Grade][])
    state = s.review(state, g, new Date(Date.UTC(2026, 2, 1, 0) + h * HOUR), 'seed').state
  return state
}

describe('scheduling on the study days of a day rule', () => {
  it('counts two answers 4.5 hours apart on one study day as the same day, across UTC midnight', () => {
    // 22:00 and 02:30 UTC: 07:00 and 11:30 in Tokyo, one study day, two UTC dates.
    const first = Date.UTC(2026, 2, 10, 22)
    const second = first + 4.5 * HOUR
    for (const [s, days] of [
      [onStudyDays, 0],
      [onUtcDates, 1],
    ] as const) {
      const a = s.review(learned(s), 3, new Date(first), 'seed')
      const b = s.review(a.state, 3, new Date(second), 'seed')
      expect(b.log.elapsed_days).toBe(days)
    }
  })

  it('counts two answers on one UTC date either side of the rollover as two days', () => {
    // 18:00 and 20:00 UTC: 03:00 and 05:00 in Tokyo, before and after the 4 o'clock rollover.
    const first = Date.UTC(2026, 2, 10, 18)
    const second = first + 2 * HOUR
    const a = onStudyDays.review(learned(onStudyDays), 3, new Date(first), 'seed')
    expect(onStudyDays.review(a.state, 3, new Date(second), 'seed').log.elapsed_days).toBe(1)
    const u = onUtcDates.review(learned(onUtcDates), 3, new Date(first), 'seed')
    expect(onUtcDates.review(u.state, 3, new Date(second), 'seed').log.elapsed_days).toBe(0)
  })

  it('keeps real times: a 10-minute step is due 10 minutes on, the log records the clock', () => {
    const now = new Date(Date.UTC(2026, 2, 10, 21, 13))
    const { state, log } = onStudyDays.review(onStudyDays.newState(now), 3, now, 'seed')
    expect(state.state).toBe(CardState.Learning)
    expect(state.due.getTime() - now.getTime()).toBe(10 * 60_000)
    expect(state.last_review?.getTime()).toBe(now.getTime())
    expect(log.review.getTime()).toBe(now.getTime())
    const preview = onStudyDays.preview(onStudyDays.newState(now), now, 'seed')
    expect(preview[3].getTime()).toBe(state.due.getTime())
  })

  it('replays an answer in the time zone it was given in, with its own rollover hour', () => {
    // 18:00 then 20:00 UTC: two study days in Tokyo (03:00 and 05:00), one in New York.
    const first = Date.UTC(2026, 2, 10, 18)
    const second = first + 2 * HOUR
    const newYork = new Scheduler({
      fuzz: false,
      dayRule: { rolloverHour: 4, timeZone: 'America/New_York' },
    })
    const a = onStudyDays.review(learned(onStudyDays), 3, new Date(first), 'seed').state
    const there = onStudyDays.review(a, 3, new Date(second), 'seed')
    expect(there.log.elapsed_days).toBe(1)
    expect(newYork.review(a, 3, new Date(second), 'seed').log.elapsed_days).toBe(0)
    // Replayed in New York, the Tokyo answer counts Tokyo's days: the same card.
    expect(newYork.review(a, 3, new Date(second), 'seed', 'Asia/Tokyo')).toEqual(there)
    // A zone this runtime does not know counts in the scheduler's own.
    expect(newYork.review(a, 3, new Date(second), 'seed', 'Mars/Olympus').log.elapsed_days).toBe(0)
  })

  it('names the zone its days are counted in: the rule’s, else this machine’s', () => {
    expect(onStudyDays.zone).toBe('Asia/Tokyo')
    expect(new Scheduler({ dayRule: { rolloverHour: 4 } }).zone).toBe(hostZone())
    // A fixed offset (an Anki collection's) or UTC dates are no zone.
    expect(new Scheduler({ dayRule: { rolloverHour: 4, utcOffsetMinutes: 540 } }).zone).toBe(
      undefined,
    )
    expect(onUtcDates.zone).toBe(undefined)
  })
})
