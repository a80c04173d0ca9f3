// The card generator (src/core/generate) on the chapter text in ../shared/source, read from
// there and never copied: it must propose a blank for at least 95% of the figures the deck
// report counts, every blank must be words of the text, fewer than 2% of blanks may be stop
// words or longer than eight words, and the deck it writes must validate.
import { describe, expect, it } from 'vitest'
import { parseDeck } from '../src/core/decks/parse-deck'
import { documentFromText } from '../src/core/generate/document'
import {
  MAX_BLANK_WORDS,
  MAX_NAME_WORDS,
  STOP_WORDS,
  proposeCards,
} from '../src/core/generate/proposals'
import { deckFromProposals } from '../src/core/generate/to-deck'
import { outlineFor, readChapterDeck, readChapterSource } from './chapter-source'
import { chapterFigures } from './source-check'
import { generatorAgainstDeck } from './generator-coverage'

const source = readChapterSource()
if (source === null)
  console.warn(
    '[fixtures] ../shared/source is absent: the generator was not run on the chapter (decks/generate.test.ts).',
  )

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim()

describe.runIf(source !== null)('the generator on the chapter (../shared/source)', () => {
  const text = source ?? ''
  const doc = documentFromText(text)
  const proposals = proposeCards(doc)
  const blanks = proposals.flatMap((p) => p.blanks.map((b) => ({ ...b, sentence: p.sentence })))

  it('proposes a blank for at least 95% of the chapter figures the deck report counts', () => {
    const outline = outlineFor(readChapterDeck().deck, text)
    const figures = chapterFigures(outline)
    const missed = figures.filter((f) => {
      const line = collapse(outline.lines[f.line] ?? '')
      // A blank covers the figure if it is that number, or holds it ("December 31, 2019").
      return !blanks.some(
        (b) =>
          line.includes(b.sentence.slice(0, 60)) &&
          (b.figure?.value === f.value || b.text.includes(f.raw)),
      )
    })
    const share = 1 - missed.length / figures.length
    console.log(
      `[generator] chapter figures with a blank: ${figures.length - missed.length} of ${figures.length} (${(share * 100).toFixed(1)}%)`,
    )
    expect(figures.length).toBeGreaterThan(150)
    expect(
      share,
      missed
        .slice(0, 10)
        .map((m) => `line ${m.line + 1}: ${m.raw}`)
        .join('; '),
    ).toBeGreaterThanOrEqual(0.95)
  })

  it('takes every blank’s answer from the text', () => {
    const chapter = collapse(text)
    for (const b of blanks) {
      expect(b.sentence.slice(b.start, b.end)).toBe(b.text)
      expect(chapter).toContain(b.sentence)
    }
  })

  it('blanks fewer than 2% stop words or runs longer than eight words (twelve for a name)', () => {
    const bad = blanks.filter(
      (b) =>
        b.text.split(/\s+/).length >
          (b.kind === 'entity' || b.kind === 'expansion' ? MAX_NAME_WORDS : MAX_BLANK_WORDS) ||
        STOP_WORDS.has(b.text.toLowerCase()),
    )
    expect(bad.length / blanks.length).toBeLessThan(0.02)
  })

  it('blanks at least 90 % of the deck’s figures and dates (the deck made by hand)', () => {
    const { byKind } = generatorAgainstDeck(readChapterDeck().deck, text)
    const hit = (byKind['figure']?.blanked ?? 0) + (byKind['date']?.blanked ?? 0)
    const of = (byKind['figure']?.facts ?? 0) + (byKind['date']?.facts ?? 0)
    console.log(`[generator] deck figures and dates blanked: ${hit} of ${of}`)
    expect(of).toBeGreaterThan(50)
    expect(hit / of).toBeGreaterThanOrEqual(0.9)
  })

  it('writes a deck file that validates', () => {
    const deck = deckFromProposals(doc, proposals)
    const parsed = parseDeck({ file: 'generated.json', text: JSON.stringify(deck) })
    expect(parsed.ok ? parsed.deck.facts.length : parsed.problem.reason).toBe(blanks.length)
  })
})
