import { readSettings } from '../app/settings'
import { statisticsOf } from '../app/statistics'
import { masteryOf, sectionOverview } from '../app/study-queue'
import type { Collection } from '../app/collection-writes'

const pct = (x: number) => `${(x * 100).toFixed(1)} %`

/** True retention, the due forecast and mastery by section, as text (`cli stats`). */
export async function studyReport(store: Collection, now: Date): Promise<string> {
  const settings = await readSettings(store)
  const stats = await statisticsOf(store, settings, now)
  const lines: string[] = []
  const sum = (buckets: readonly { passed: number; total: number }[]) =>
    buckets.reduce((a, b) => ({ passed: a.passed + b.passed, total: a.total + b.total }), {
      passed: 0,
      total: 0,
    })
  const year = sum(stats.retention.day)
  const month = sum(stats.retention.day.filter((b) => b.firstDay > stats.today - 30))
  const rate = (r: { passed: number; total: number }) =>
    r.total ? `${pct(r.passed / r.total)} of ${r.total} reviews` : 'no reviews'
  lines.push(
    `true retention: last 30 days ${rate(month)}; last year ${rate(year)} (desired ${pct(stats.retention.desired)})`,
  )
  const due = (days: number) => stats.forecast.slice(0, days).reduce((n, d) => n + d.due, 0)
  lines.push(`due: today ${due(1)}, next 7 days ${due(7)}, next 30 days ${due(30)}`)
  for (const deck of await store.listDecks()) {
    if (deck.deletedAt !== undefined) continue
    const { rows } = await sectionOverview(store, deck.id, settings, now)
    const top = rows.filter((r) => r.path.length === 1)
    if (top.length === 0) continue
    lines.push(`mastery by section, ${deck.name}:`)
    for (const r of top)
      lines.push(`  ${r.path[0]}: ${pct(masteryOf(r))} (${r.mastered} of ${r.total} cards)`)
  }
  return lines.join('\n')
}
