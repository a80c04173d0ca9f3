import { describe, expect, it } from 'vitest'
import { State } from 'ts-fsrs'
import {
  answerButtons,
  cardStates,
  dueForecast,
  cardTallyOf,
  logTallyOf,
  memoryDistributions,
  reviewsPerDay,
  streaks,
  calendarCells,
  sumTallies,
  tallyCards,
  tallyLogsByDay,
  timePerDay,
  trueRetention,
  LOG_TALLY_LENGTH,
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
    const days = tallyLogsByDay(logs, dayOf)
    expect(trueRetention(days, 'day')).toEqual([
      { firstDay: 100, passed: 1, total: 2, retention: 0.5 },
      { firstDay: 101, passed: 1, total: 1, retention: 1 },
      { firstDay: 108, passed: 1, total: 1, retention: 1 },
    ])
    expect(trueRetention(days, 'week').map((b) => [b.firstDay, b.passed, b.total])).toEqual([
      [98, 2, 3],
      [105, 1, 1],
    ])
    expect(trueRetention(days, 'month').map((b) => b.retention)).toEqual([0.75])
  })

  it('reviews per day and streaks: the current streak may end yesterday, the longest is kept', () => {
    const logs = [95, 96, 97, 99, 100, 100].map((d) => log(d, 3, State.Review))
    const days = reviewsPerDay(tallyLogsByDay(logs, dayOf), 94, 101)
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
    expect(dueForecast(tallyCards(cards, dayOf).due, 100, 4).map((d) => d.due)).toEqual([
      3, 0, 1, 0,
    ])
  })

  it('card states, answer buttons, time per day and histograms', () => {
    expect(
      cardStates(
        tallyCards(
          [
            card({}),
            card({ state: State.New, queue: 0 }),
            card({ state: State.Learning, queue: 1 }),
            card({ state: State.Relearning, queue: 1 }),
            card({ queue: -2 }),
            card({ queue: -3 }),
            card({ queue: -1 }),
          ],
          dayOf,
        ).tally,
      ),
    ).toEqual({ new: 1, learning: 1, review: 1, relearning: 1, suspended: 1, buried: 1 })
    expect(
      answerButtons(
        sumTallies(
          [
            log(1, 1, State.Learning),
            log(1, 3, State.New),
            log(1, 4, State.Review),
            log(1, 1, State.Review),
          ].map(logTallyOf),
          LOG_TALLY_LENGTH,
        ),
      ),
    ).toEqual({ learning: [1, 0, 1, 0], review: [1, 0, 0, 1] })
    expect(
      timePerDay(
        tallyLogsByDay([log(3, 3, 2, 30_000), log(3, 3, 2, 90_000), log(1, 3, 2, 60_000)], dayOf),
      ),
    ).toEqual([
      { day: 1, minutes: 1 },
      { day: 3, minutes: 2 },
    ])
    // Intervals 0.5 and 0 share the first bucket; learning cards and cards outside the
    // collection are left out of the memory distributions.
    const studied = [
      card({ scheduled_days: 0, stability: 0.5, difficulty: 1 }),
      card({ scheduled_days: 2, stability: 2, difficulty: 9.5 }),
      card({ scheduled_days: 400, stability: 7, difficulty: 10 }),
      card({ state: State.Learning, queue: 1, scheduled_days: 2 }),
      card({ queue: -4, scheduled_days: 2 }),
    ]
    const memory = memoryDistributions(tallyCards(studied, dayOf).tally)
    expect(memory.intervals.filter((b) => b.count > 0)).toEqual([
      { from: 0, count: 1 },
      { from: 1, count: 1 },
      { from: 365, count: 1 },
    ])
    expect(memory.stability.map((b) => b.count)).toEqual([1, 1, 0, 1, 0, 0, 0, 0, 0, 0])
    expect(memory.difficulty.map((b) => b.count)).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 1, 1])
    expect(cardTallyOf(card({ queue: -1 }))).toBeNull()
  })

  it('a rating of 0 (manual) counts as a failed review and no answer button', () => {
    const days = tallyLogsByDay([log(5, 0, State.Review), log(5, 3, State.Review)], dayOf)
    expect(trueRetention(days, 'day')[0]).toMatchObject({ passed: 1, total: 2 })
    expect(answerButtons(sumTallies(days.values(), LOG_TALLY_LENGTH)).review).toEqual([0, 0, 1, 0])
  })

  it('lays reviews per day out as a calendar: a column a week from Monday, a row a weekday, months named', () => {
    // Day numbers count from 1970-01-01: 2024-01-29 was a Monday, 2024-02-01 a Thursday.
    const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000
    const first = dayOf('2024-01-31') // a Wednesday
    const perDay = Array.from({ length: 40 }, (_, i) => ({ day: first + i, reviews: i }))
    const { cells, weeks, months } = calendarCells(perDay)
    expect(cells[0]).toEqual({ x: 0, y: 2, v: 0, day: first })
    // Thursday 1 February: same week, next row; Monday 5 February starts the second column.
    expect(cells[1]).toMatchObject({ x: 0, y: 3 })
    expect(cells.find((c) => c.day === dayOf('2024-02-05'))).toMatchObject({ x: 1, y: 0 })
    expect(cells.find((c) => c.day === dayOf('2024-02-04'))).toMatchObject({ x: 0, y: 6 })
    // 31 January to 10 March: weeks from 29 January to the one of 4 March.
    expect(weeks).toBe(6)
    // February begins in January's last column: one label there, with the year.
    expect(months).toEqual([
      { x: 0, label: 'Feb 2024' },
      { x: 4, label: 'Mar' },
    ])
    // A new year is named with its year.
    const december = dayOf('2024-12-20')
    const turn = calendarCells(
      Array.from({ length: 20 }, (_, i) => ({ day: december + i, reviews: 1 })),
    )
    // January begins two weeks in: its label alone, not December's beside it.
    expect(turn.months).toEqual([{ x: 2, label: 'Jan 2025' }])
    const autumn = dayOf('2024-09-10')
    const fall = calendarCells(
      Array.from({ length: 60 }, (_, i) => ({ day: autumn + i, reviews: 1 })),
    )
    expect(fall.months).toEqual([
      { x: 0, label: 'Sep 2024' },
      { x: 3, label: 'Oct' },
      { x: 7, label: 'Nov' },
    ])
  })
})
