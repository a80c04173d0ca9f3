import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { scoreText, type Annotation, type CorpusScore } from '../core/generate/corpus-score'

// The annotated corpus (src/core/generate/corpus, SOURCES.md there): six public-domain texts
// of different kinds, every figure, date and name a student should know marked by hand.
const CORPUS = join(__dirname, '..', 'core', 'generate', 'corpus')
const annotations = JSON.parse(readFileSync(join(CORPUS, 'annotations.json'), 'utf8')) as Record<
  string,
  Annotation
>

const scores = Object.entries(annotations).map(([file, annotation]) => ({
  file,
  score: scoreText(file, readFileSync(join(CORPUS, file), 'utf8'), annotation),
}))

const total = (pick: (s: CorpusScore) => { found?: number; right?: number; of: number }) => {
  const parts = scores.map((s) => pick(s.score))
  const hit = parts.reduce((n, p) => n + (p.found ?? p.right ?? 0), 0)
  const of = parts.reduce((n, p) => n + p.of, 0)
  return { hit, of, share: of ? hit / of : 1 }
}

describe('cards from a text, measured on the annotated corpus', () => {
  it('has six texts of different kinds, each annotated', () => {
    expect(scores.map((s) => s.file.split('.').pop()).sort()).toEqual([
      'html',
      'md',
      'txt',
      'txt',
      'txt',
      'txt',
    ])
    for (const { file, score } of scores)
      expect(score.figuresAndDates.of + score.names.of, file).toBeGreaterThan(5)
  })

  it('blanks at least 95 % of the figures and dates, and 80 % of the names', () => {
    const numbers = total((s) => s.figuresAndDates)
    const names = total((s) => s.names)
    const missed = scores.flatMap((s) => [
      ...s.score.figuresAndDates.missed,
      ...s.score.names.missed,
    ])
    console.info(
      `corpus: figures and dates ${numbers.hit}/${numbers.of}, names ${names.hit}/${names.of}; missed: ${missed.join(', ') || 'none'}`,
    )
    expect(numbers.share, `missed: ${missed.join(', ')}`).toBeGreaterThanOrEqual(0.95)
    expect(names.share, `missed: ${missed.join(', ')}`).toBeGreaterThanOrEqual(0.8)
  })

  it('names the kind right at least 90 % of the times it names one, and never cuts a name', () => {
    const kinds = total((s) => s.kinds)
    const wrong = scores.flatMap((s) => s.score.kinds.wrong)
    console.info(
      `corpus: kinds right ${kinds.hit}/${kinds.of}; wrong: ${wrong.join(', ') || 'none'}`,
    )
    expect(kinds.of).toBeGreaterThan(20)
    expect(kinds.share, `wrong: ${wrong.join(', ')}`).toBeGreaterThanOrEqual(0.9)
    expect(scores.flatMap((s) => s.score.cut)).toEqual([])
  })

  it('counts what it should: a blank inside a longer annotated name is a cut, a missing one a miss', () => {
    const score = scoreText('t.txt', 'The Treaty of San Francisco Peace Conference met in 1951.', {
      figures: [],
      dates: ['1951', '1952'],
      names: [['Treaty of San Francisco Peace Conference and Talks', 'event']],
    })
    expect(score.figuresAndDates).toMatchObject({ found: 1, of: 2, missed: ['1952'] })
    expect(score.names.found).toBe(0)
    // A name the rules end at a comma, annotated longer: the blank is inside it.
    const cut = scoreText('t.txt', 'The Treaty of San Francisco, Part Two was signed.', {
      figures: [],
      dates: [],
      names: [['Treaty of San Francisco, Part Two', 'agreement']],
    }).cut
    expect(cut).toContain('Treaty of San Francisco (in Treaty of San Francisco, Part Two)')
  })
})
