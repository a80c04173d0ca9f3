import { describe, expect, it } from 'vitest'
import { State } from 'ts-fsrs'
import {
  answerButtons,
  cardStates,
  dueForecast,
  histogram,
  reviewsPerDay,
  streaks,
  timePerDay,
  trueRetention,
  type CardFacts,
  type LogFacts,
} from './review-stats'

const DAY = 86_400_000
const dayOf = (ms: number) => Math.floor(ms / DAY)
const at = (day: number, hour = 10) => day * DAY + hour * 3_600_000
const log = (day: number, rating: number, state: number, durationMs = 6_000): LogFacts => ({
  id: at(day),
  rating,
  state,
  durationMs,
})
const card = (patch: Partial<CardFacts>): CardFacts => ({
  state: State.Review,
  queue: 2,
  due: at(100),
  stability: 10,
  difficulty: 5,
  scheduled_days: 10,
  ...patch,
})

describe('review statistics', () => {
  it('true retention counts only reviews of cards past learning, by day, week and month', () => {
    const logs = [
      log(100, 3, State.Review),
      log(100, 1, State.Review),
      log(100, 1, State.Learning), // learning: not counted
      log(101, 4, State.Review),
      log(108, 2, State.Review),
    ]
    expect(trueRetention(logs, dayOf, 'day')).toEqual([
      { firstDay: 100, passed: 1, total: 2, retention: 0.5 },
      { firstDay: 101, passed: 1, total: 1, retention: 1 },
      { firstDay: 108, passed: 1, total: 1, retention: 1 },
    ])
    expect(trueRetention(logs, dayOf, 'week').map((b) => [b.firstDay, b.passed, b.total])).toEqual([
      [98, 2, 3],
      [105, 1, 1],
    ])
    expect(trueRetention(logs, dayOf, 'month').map((b) => b.retention)).toEqual([0.75])
  })

  it('reviews per day and streaks: the current streak may end yesterday, the longest is kept', () => {
    const logs = [95, 96, 97, 99, 100, 100].map((d) => log(d, 3, State.Review))
    const days = reviewsPerDay(logs, dayOf, 94, 101)
    expect(days.map((d) => d.reviews)).toEqual([0, 1, 1, 1, 0, 1, 2, 0])
    expect(streaks(days, 101)).toEqual({ current: 2, longest: 3 })
    expect(streaks(days, 100)).toEqual({ current: 2, longest: 3 })
    expect(streaks(days, 102)).toEqual({ current: 0, longest: 3 })
  })

  it('the due forecast counts overdue cards today and leaves new, suspended and buried ones out', () => {
    const cards = [
      card({ due: at(90) }),
      card({ due: at(100) }),
      card({ due: at(102) }),
      card({ due: at(200) }),
      card({ queue: 0, state: State.New, due: at(100) }),
      card({ queue: -2, due: at(101) }),
      card({ queue: 1, state: State.Learning, due: at(100, 11) }),
    ]
    expect(dueForecast(cards, dayOf, 100, 4).map((d) => d.due)).toEqual([3, 0, 1, 0])
  })

  it('card states, answer buttons, time per day and histograms', () => {
    expect(
      cardStates([
        card({}),
        card({ state: State.New, queue: 0 }),
        card({ state: State.Learning, queue: 1 }),
        card({ state: State.Relearning, queue: 1 }),
        card({ queue: -2 }),
        card({ queue: -3 }),
        card({ queue: -1 }),
      ]),
    ).toEqual({ new: 1, learning: 1, review: 1, relearning: 1, suspended: 1, buried: 1 })
    expect(
      answerButtons([
        log(1, 1, State.Learning),
        log(1, 3, State.New),
        log(1, 4, State.Review),
        log(1, 1, State.Review),
      ]),
    ).toEqual({ learning: [1, 0, 1, 0], review: [1, 0, 0, 1] })
    expect(
      timePerDay([log(3, 3, 2, 30_000), log(3, 3, 2, 90_000), log(1, 3, 2, 60_000)], dayOf),
    ).toEqual([
      { day: 1, minutes: 1 },
      { day: 3, minutes: 2 },
    ])
    expect(histogram([0, 0.5, 2, 7, 400], [0, 1, 3, 7, 365])).toEqual([
      { from: 0, count: 2 },
      { from: 1, count: 1 },
      { from: 3, count: 0 },
      { from: 7, count: 1 },
      { from: 365, count: 1 },
    ])
  })
})
