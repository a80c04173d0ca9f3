import { describe, expect, it } from 'vitest'
import { deck, fact } from '../core/testing/factories'
import { masteryOf, sectionOverview, weakestSection } from './study-queue'
import { answer, collectionWith, questionCard, settings, t0 } from './testing'

const DAY = 86_400_000

describe('mastery by section', () => {
  it('counts the cards recalled at the desired retention or better, and finds the weakest innermost section', async () => {
    const store = await collectionWith(
      deck('d', [
        fact({ id: 'a', section: ['Seas', 'Piracy'] }),
        fact({ id: 'b', section: ['Seas', 'Piracy'] }),
        fact({ id: 'c', section: ['Seas', 'Law'] }),
        fact({ id: 'd', section: ['Seas', 'Law'] }),
        fact({ id: 'e', section: ['Cyber'] }),
      ]),
    )
    // a and c learned well (Easy: long stability); the rest never studied.
    await answer(store, questionCard('d', 'a'), 4, t0)
    await answer(store, questionCard('d', 'c'), 4, t0)
    await answer(store, questionCard('d', 'd'), 4, t0)
    const soon = new Date(t0.getTime() + DAY)
    const { rows } = await sectionOverview(store, 'd', settings, soon)
    const row = (path: string) => rows.find((r) => r.path.join(' › ') === path)
    expect([
      row('Seas')?.mastered,
      row('Seas › Piracy')?.mastered,
      row('Seas › Law')?.mastered,
      row('Cyber')?.mastered,
    ]).toEqual([3, 1, 2, 0])
    expect(masteryOf(row('Seas › Law') ?? { mastered: 0, total: 0 })).toBe(1)
    // Cyber (0 of 1) is weaker than Piracy (1 of 2); Seas is not innermost.
    expect(weakestSection(rows)?.path).toEqual(['Cyber'])
    // Long after, memory has faded below 90 %: nothing is mastered any more.
    const later = await sectionOverview(store, 'd', settings, new Date(t0.getTime() + 400 * DAY))
    expect(later.rows.every((r) => r.mastered === 0)).toBe(true)
  })
})
