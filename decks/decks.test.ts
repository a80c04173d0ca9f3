import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { factCardOrdinals } from '../src/core/notes/fact-fields'
import { FACT_KINDS } from '../src/core/decks/deck-schema'
import { chapterFigures, copiedRuns, inventedNumbers, isCovered, wordRuns } from './source-check'
import {
  addedQualifiers,
  droppedQualifiers,
  droppedScope,
  expansionMismatch,
  promptsAnsweringOthers,
  secondAnswers,
  selfAnswering,
  unstatedExpansion,
} from './audit'
import { checkTypedAnswer } from '../src/core/answers/check-answer'
import { IDENTIFIER_UNITS } from '../src/core/answers/format-figure'
import { loadDecks } from '../src/main/deck-loader'
import { nodeDeckFs } from '../src/main/node-deck-fs'
import {
  CHAPTER_SOURCE,
  outlineFor,
  readChapterDeck,
  readChapterSource,
  resolveFacts,
} from './chapter-source'

describe('the chapter deck, card by card', () => {
  const { deck } = readChapterDeck()

  it('has no card whose front holds its own answer (any template)', () => {
    expect(deck.facts.flatMap(selfAnswering)).toEqual([])
  })

  it('has no prompt that answers another fact of its section about the same thing', () => {
    expect(promptsAnsweringOthers(deck)).toEqual([])
  })

  it('grades identifiers (resolution and article numbers) as exact answers, never close', () => {
    const identifiers = deck.facts.filter((f) => f.figure && IDENTIFIER_UNITS.has(f.figure.unit))
    expect(identifiers.length).toBeGreaterThan(0)
    for (const f of identifiers) {
      const value = f.figure?.value ?? 0
      expect(checkTypedAnswer(f, String(value)).result, f.id).toBe('correct')
      expect(checkTypedAnswer(f, String(value + 1)).result, f.id).toBe('wrong')
      expect(checkTypedAnswer(f, String(Math.round(value * 0.97))).result, f.id).toBe('wrong')
    }
  })

  it('keeps acronym facts to the ones the chapter uses: a quarter of the cards or fewer', () => {
    const cards = deck.facts.flatMap((f) => factCardOrdinals(f).map(() => f.kind))
    const share = cards.filter((k) => k === 'acronym').length / cards.length
    expect(share).toBeLessThanOrEqual(0.25)
  })
})

describe('built-in decks', () => {
  it('every deck file in decks/ parses against the schema, with unique ids', async () => {
    const { decks, problems } = await loadDecks([resolve(import.meta.dirname)], nodeDeckFs)
    expect(problems).toEqual([])
    expect(decks.length).toBeGreaterThan(0)
    for (const d of decks) {
      const ids = d.facts.map((f) => f.id)
      expect(new Set(ids).size).toBe(ids.length)
      for (const f of d.facts) expect(factCardOrdinals(f).length, f.id).toBeGreaterThan(0)
    }
  })

  it('the chapter deck has 300 facts or more across every kind', () => {
    const { deck } = readChapterDeck()
    expect(deck.facts.length).toBeGreaterThanOrEqual(300)
    expect(new Set(deck.facts.map((f) => f.kind))).toEqual(new Set(FACT_KINDS))
  })
})

const source = readChapterSource()
if (!source)
  console.warn(
    `[decks] ${CHAPTER_SOURCE} is absent: the checks against the chapter text did not run.`,
  )

describe.runIf(source !== null)('chapter deck against the chapter text (../shared/source)', () => {
  const text = source ?? ''
  const { deck, text: deckFileText } = readChapterDeck()
  const outline = outlineFor(deck, text)
  const { facts, errors } = resolveFacts(deck, outline)

  it('every fact cites a section that exists in the chapter', () => {
    expect(errors).toEqual([])
  })

  it('every section of the chapter, with its columns and features, has facts', () => {
    const empty = outline
      .sections()
      .filter((s) => !facts.some((f) => f.span.start >= s.span.start && f.span.end <= s.span.end))
      .map((s) => s.title.slice(0, 60))
    expect(empty).toEqual([])
  })

  it('every number on a fact occurs in the section it cites (no invented figures)', () => {
    const invented = deck.facts.flatMap((f) => {
      const r = outline.resolve(f.section)
      if ('error' in r) return []
      const problems = inventedNumbers(f, outline.text(r))
      return problems.length
        ? [`${f.id}: ${problems.join(', ')} not in "${f.section.join(' › ')}"`]
        : []
    })
    expect(invented).toEqual([])
  })

  it('no run of 12 or more words of the chapter appears in the deck file', () => {
    expect(copiedRuns(deckFileText, wordRuns(text, 12), 12)).toEqual([])
  })

  const sectionText = (f: (typeof deck.facts)[number]) => {
    const r = outline.resolve(f.section)
    return 'error' in r ? '' : outline.text(r)
  }

  it('every acronym fact expands it as its cited section does, or says where it comes from', () => {
    const unstated = deck.facts.flatMap((f) => {
      const long = unstatedExpansion(f, sectionText(f))
      return long ? [`${f.id}: "${long}" is not in "${f.section.join(' › ')}"`] : []
    })
    expect(unstated).toEqual([])
  })

  it('keeps the qualifiers the chapter puts on a fact ("such as", "more than", "about")', () => {
    expect(deck.facts.flatMap((f) => droppedQualifiers(f, sectionText(f)))).toEqual([])
  })

  it('adds no qualifier the chapter does not put on a figure ("about 250" for 250)', () => {
    expect(deck.facts.flatMap((f) => addedQualifiers(f, sectionText(f)))).toEqual([])
  })

  it('keeps the year that limits a list in the chapter ("in 2019 … with A, B and C")', () => {
    expect(deck.facts.flatMap((f) => droppedScope(f, sectionText(f)))).toEqual([])
  })

  it('expands every acronym letter for letter as the chapter writes it beside the acronym', () => {
    expect(deck.facts.flatMap((f) => expansionMismatch(f, text) ?? [])).toEqual([])
  })

  it('asks nothing another paragraph of the chapter answers differently', () => {
    const seconds = deck.facts.flatMap((f) => {
      const span = outline.resolve(f.section)
      return secondAnswers(f, outline.lines, 'error' in span ? { start: 0, end: 0 } : span)
    })
    expect(seconds).toEqual([])
  })

  it('covers at least 95% of the figures the chapter states', () => {
    const figures = chapterFigures(outline)
    const missing = figures.filter((f) => !isCovered(f, facts))
    const coverage = 1 - missing.length / figures.length
    expect(
      coverage,
      missing.map((m) => `line ${m.line + 1}: ${m.raw}`).join('\n'),
    ).toBeGreaterThanOrEqual(0.95)
  })
})
