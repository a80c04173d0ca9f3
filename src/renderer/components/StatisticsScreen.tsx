import type { ChartConfiguration } from 'chart.js'
import { largest } from '../../core/extent'
import { useEffect, useId, useMemo, useState } from 'react'
import type { Settings } from '../../app/settings'
import type { Statistics, StatsPeriod } from '../../app/statistics'
import { plural } from '../../core/plural'
import { calendarCells } from '../../core/stats/review-stats'
import { useStatistics } from '../queries'
import { DeckSelect } from './DeckSelect'
import { StatChart, type themeColors } from './StatChart'
import { DAY_MS } from '../../core/units'

type Colors = ReturnType<typeof themeColors>

/** A study-day number as a date (its start in UTC days; the label only needs the calendar day). */
const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10)
const pct = (x: number) => `${(x * 100).toFixed(1)} %`

/** The theme the page shows now, so charts redraw in the other one. */
function usePageTheme(settings: Settings) {
  const [dark, setDark] = useState(() => matchMedia('(prefers-color-scheme: dark)').matches)
  useEffect(() => {
    const m = matchMedia('(prefers-color-scheme: dark)')
    const on = () => setDark(m.matches)
    m.addEventListener('change', on)
    return () => m.removeEventListener('change', on)
  }, [])
  return settings.theme === 'system' ? (dark ? 'dark' : 'light') : settings.theme
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']

/** How strong a day's colour is, by its share of the busiest day's reviews: never too faint. */
const heatShare = (share: number) => 0.25 + 0.75 * share
const heatColor = (rgb: string, share: number) =>
  rgb.replace('rgb(', 'rgba(').replace(')', `, ${heatShare(share)})`)

/** The periods to choose from, as Anki's: a month, a year, the deck's whole life. */
const PERIODS: readonly (readonly [StatsPeriod, string, string])[] = [
  [31, 'the last month', 'in the last month'],
  [365, 'the last year', 'in the last year'],
  ['life', 'the deck’s life', 'in all'],
]

function charts(s: Statistics) {
  const first = s.perDay[0]?.day ?? s.today
  const calendar = calendarCells(s.perDay)
  const weeks = calendar.weeks
  const most = largest(s.perDay, (d) => d.reviews, 1)
  const retention = s.retention.week
  const monthAt = new Map(calendar.months.map((m) => [m.x, m.label]))
  return [
    {
      title: 'Reviews per day',
      summary: `${plural(s.reviews, 'review')} over ${plural(s.perDay.length, 'day')} from ${dateOf(first)}; current streak ${plural(s.streaks.current, 'day')}, longest ${s.streaks.longest}.`,
      config: (c: Colors): ChartConfiguration => ({
        type: 'matrix',
        data: {
          datasets: [
            {
              label: 'Reviews',
              data: calendar.cells,
              backgroundColor: (ctx: { raw?: unknown }) => {
                const v = (ctx.raw as { v: number } | undefined)?.v ?? 0
                return v === 0 ? c.border : heatColor(c.good, v / most)
              },
              width: ({ chart }) => (chart.chartArea?.width ?? 0) / weeks - 1,
              height: ({ chart }) => (chart.chartArea?.height ?? 0) / 7 - 1,
            },
          ],
        },
        options: {
          maintainAspectRatio: false,
          plugins: { legend: { display: false } },
          scales: {
            // A month's name over the week it begins in; Mon, Wed and Fri beside their rows.
            x: {
              type: 'linear',
              position: 'top',
              min: -0.5,
              max: weeks - 0.5,
              grid: { display: false },
              afterBuildTicks: (axis) => {
                axis.ticks = calendar.months.map((m) => ({ value: m.x }))
              },
              ticks: {
                autoSkip: true,
                maxRotation: 0,
                callback: (v) => monthAt.get(Number(v)) ?? '',
              },
            },
            y: {
              type: 'linear',
              min: -0.5,
              max: 6.5,
              reverse: true,
              grid: { display: false },
              afterBuildTicks: (axis) => {
                axis.ticks = [0, 2, 4].map((value) => ({ value }))
              },
              ticks: { callback: (v) => WEEKDAYS[Number(v)] ?? '' },
            },
          },
        },
      }),
      legend: (
        <p className="heat-legend" aria-hidden="true">
          <span>None</span>
          <i className="heat-none" />
          <span>Fewer</span>
          {[0.25, 0.5, 0.75, 1].map((share) => (
            <i key={share} style={{ opacity: heatShare(share) }} />
          ))}
          <span>More (up to {most} a day)</span>
        </p>
      ),
      table: {
        head: ['Day', 'Reviews'],
        rows: s.perDay.filter((d) => d.reviews > 0).map((d) => [dateOf(d.day), d.reviews]),
      },
      extra: `Streak: ${plural(s.streaks.current, 'day')} now, ${s.streaks.longest} at most.`,
    },
    {
      title: 'Due in the next 90 days',
      summary: `${s.forecast.reduce((n, d) => n + d.due, 0)} reviews due in the next ${s.forecast.length} days.`,
      config: (c: Colors): ChartConfiguration => ({
        type: 'bar',
        data: {
          labels: s.forecast.map((d) => (d.day === s.today ? 'today' : `+${d.day - s.today}`)),
          datasets: [{ label: 'Due', data: s.forecast.map((d) => d.due), backgroundColor: c.due }],
        },
        options: { maintainAspectRatio: false, plugins: { legend: { display: false } } },
      }),
      table: {
        head: ['Day', 'Due'],
        rows: s.forecast.filter((d) => d.due > 0).map((d) => [dateOf(d.day), d.due]),
      },
    },
    {
      title: 'True retention by week',
      summary: `True retention per week beside the desired ${pct(s.retention.desired)}.`,
      config: (c: Colors): ChartConfiguration => ({
        type: 'line',
        data: {
          labels: retention.map((b) => dateOf(b.firstDay)),
          datasets: [
            {
              label: 'True retention',
              data: retention.map((b) => b.retention * 100),
              borderColor: c.good,
              backgroundColor: c.good,
            },
            {
              label: 'Desired',
              data: retention.map(() => s.retention.desired * 100),
              borderColor: c.muted,
              borderDash: [6, 4],
              pointRadius: 0,
            },
          ],
        },
        options: { maintainAspectRatio: false, scales: { y: { min: 0, max: 100 } } },
      }),
      table: {
        head: ['Week from', 'Passed', 'Reviews', 'True retention'],
        rows: retention.map((b) => [dateOf(b.firstDay), b.passed, b.total, pct(b.retention)]),
      },
    },
    {
      title: 'Card states',
      summary: Object.entries(s.states)
        .map(([k, v]) => `${v} ${k}`)
        .join(', '),
      config: (c: Colors): ChartConfiguration => ({
        type: 'doughnut',
        data: {
          labels: Object.keys(s.states),
          datasets: [
            {
              data: Object.values(s.states),
              backgroundColor: [c.new, c.learn, c.good, c.hard, c.muted, c.border],
            },
          ],
        },
        options: { maintainAspectRatio: false },
      }),
      table: { head: ['State', 'Cards'], rows: Object.entries(s.states) },
    },
    {
      title: 'Answer buttons',
      summary: `Again, Hard, Good, Easy while learning: ${s.buttons.learning.join(', ')}; in review: ${s.buttons.review.join(', ')}.`,
      config: (c: Colors): ChartConfiguration => ({
        type: 'bar',
        data: {
          labels: ['Learning', 'Review'],
          datasets: (['Again', 'Hard', 'Good', 'Easy'] as const).map((label, i) => ({
            label,
            data: [s.buttons.learning[i] ?? 0, s.buttons.review[i] ?? 0],
            backgroundColor: [c.again, c.hard, c.good, c.easy][i],
          })),
        },
        options: { maintainAspectRatio: false },
      }),
      table: {
        head: ['Cards', 'Again', 'Hard', 'Good', 'Easy'],
        rows: [
          ['Learning', ...s.buttons.learning],
          ['Review', ...s.buttons.review],
        ],
      },
    },
    {
      title: 'Time per day',
      summary: `${s.time.reduce((n, d) => n + d.minutes, 0).toFixed(0)} minutes over ${s.time.length} days.`,
      config: (c: Colors): ChartConfiguration => ({
        type: 'bar',
        data: {
          labels: s.time.map((d) => dateOf(d.day)),
          datasets: [
            { label: 'Minutes', data: s.time.map((d) => d.minutes), backgroundColor: c.accent },
          ],
        },
        options: { maintainAspectRatio: false, plugins: { legend: { display: false } } },
      }),
      table: {
        head: ['Day', 'Minutes'],
        rows: s.time.map((d) => [dateOf(d.day), d.minutes.toFixed(1)]),
      },
    },
    ...(
      [
        ['Intervals (days)', s.distributions.intervals],
        ['Stability (days)', s.distributions.stability],
        ['Difficulty', s.distributions.difficulty],
      ] as const
    ).map(([title, buckets]) => ({
      title,
      summary: `${title} of the cards in review, in ${buckets.length} ranges.`,
      config: (c: Colors): ChartConfiguration => ({
        type: 'bar',
        data: {
          labels: buckets.map((b) => `${b.from}+`),
          datasets: [
            { label: 'Cards', data: buckets.map((b) => b.count), backgroundColor: c.easy },
          ],
        },
        options: { maintainAspectRatio: false, plugins: { legend: { display: false } } },
      }),
      table: { head: ['From', 'Cards'], rows: buckets.map((b) => [`${b.from}`, b.count]) },
    })),
  ]
}

/**
 * Statistics (Anki's Stats): for the whole collection or one deck with the decks inside it —
 * reviews per day with streaks, the due forecast, true retention beside the desired one, card
 * states, answer buttons, time per day, and interval, stability and difficulty distributions.
 * Every chart can be read as a table.
 */
export default function StatisticsScreen({
  settings,
  onExit,
}: {
  settings: Settings
  onExit: () => void
}) {
  const id = useId()
  const [deckId, setDeckId] = useState<string | null>(null)
  const [period, setPeriod] = useState<StatsPeriod>(365)
  const stats = useStatistics(settings, deckId, period)
  const theme = usePageTheme(settings)
  const all = useMemo(() => (stats ? charts(stats) : []), [stats])
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onExit()
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [onExit])
  return (
    <section className="statistics" aria-label="Statistics">
      <header className="screen-header">
        <button type="button" className="ghost" onClick={onExit}>
          ← Decks <kbd>Esc</kbd>
        </button>
        <h1>Statistics</h1>
        <label htmlFor={`${id}-scope`}>Of</label>
        <DeckSelect
          id={`${id}-scope`}
          value={deckId ?? ''}
          onChange={(v) => setDeckId(v || null)}
          wholeCollection="The whole collection"
        />
        <label htmlFor={`${id}-period`}>Over</label>
        <select
          id={`${id}-period`}
          value={String(period)}
          onChange={(e) => setPeriod(e.target.value === 'life' ? 'life' : Number(e.target.value))}
        >
          {PERIODS.map(([value, label]) => (
            <option key={value} value={String(value)}>
              {label}
            </option>
          ))}
        </select>
      </header>
      {!stats ? (
        <p className="muted" role="status">
          Counting… The first time, and after a change of time zone or rollover hour, every review
          is counted once: a few seconds in a large collection.
        </p>
      ) : (
        <>
          <p role="status" data-testid="stats-summary">
            {plural(stats.cards, 'card')}, {plural(stats.reviews, 'review')}{' '}
            {PERIODS.find(([value]) => value === period)?.[2] ?? ''}
            {period === 'life' && stats.reviews > 0 ? ` (from ${dateOf(stats.first)})` : ''}; streak{' '}
            {plural(stats.streaks.current, 'day')} (longest {stats.streaks.longest}).
          </p>
          <div className="stat-grid">
            {all.map((chart) => (
              <StatChart key={chart.title} {...chart} theme={theme} />
            ))}
          </div>
        </>
      )}
    </section>
  )
}
