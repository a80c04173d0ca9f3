// `npm run deck:report`: facts and cards per section and kind, and the chapter's figures that
// no fact covers yet, so a gap is visible at a glance. `npm run deck:report -- --cards` prints
// every card beside the chapter sentence it comes from, for a reviewer to read side by side
// (words the chapter does not use are caught by reading, not by a rule); `--sample N --seed S`
// prints N facts drawn with seed S, for an audit.
import { factCardOrdinals } from '../src/core/notes/fact-fields'
import { FACT_KINDS } from '../src/core/decks/deck-schema'
import { chapterFigures, isCovered } from '../decks/source-check'
import { cardsOf, paragraphsWithoutFacts, sourceSentence } from '../decks/audit'
import { fnv1a } from '../src/core/hash'
import { generatorAgainstDeck } from '../decks/generator-coverage'
import {
  CHAPTER_SOURCE,
  outlineFor,
  readChapterDeck,
  readChapterSource,
  resolveFacts,
} from '../decks/chapter-source'

const { deck } = readChapterDeck()
const cardsPerFact = new Map(deck.facts.map((f) => [f.id, factCardOrdinals(f).length]))
const cards = { length: [...cardsPerFact.values()].reduce((a, b) => a + b, 0) }

console.log(`${deck.name}: ${deck.facts.length} facts, ${cards.length} cards\n`)

// Facts and cards per section, nested two levels deep, with a count per kind.
const rows = new Map<string, { facts: number; cards: number; kinds: Map<string, number> }>()
for (const f of deck.facts) {
  for (let depth = 1; depth <= Math.min(2, f.section.length); depth++) {
    const key = f.section.slice(0, depth).join(' › ')
    const row = rows.get(key) ?? { facts: 0, cards: 0, kinds: new Map() }
    row.facts++
    row.cards += cardsPerFact.get(f.id) ?? 0
    row.kinds.set(f.kind, (row.kinds.get(f.kind) ?? 0) + 1)
    rows.set(key, row)
  }
}
const kindCols = FACT_KINDS.map((k) => k.slice(0, 5).padStart(6)).join('')
console.log(`${'section'.padEnd(72)} facts cards${kindCols}`)
for (const [key, row] of [...rows].sort(([a], [b]) => a.localeCompare(b))) {
  const indent = key.includes(' › ') ? '  ' : ''
  const label = (indent + (key.split(' › ').at(-1) ?? key)).slice(0, 71).padEnd(72)
  const kinds = FACT_KINDS.map((k) => String(row.kinds.get(k) ?? '·').padStart(6)).join('')
  console.log(`${label}${String(row.facts).padStart(5)}${String(row.cards).padStart(6)}${kinds}`)
}
const totals = FACT_KINDS.map((k) =>
  String(deck.facts.filter((f) => f.kind === k).length).padStart(6),
).join('')
console.log(
  `${'total'.padEnd(72)}${String(deck.facts.length).padStart(5)}${String(cards.length).padStart(6)}${totals}`,
)

const acronymCards = deck.facts
  .filter((f) => f.kind === 'acronym')
  .reduce((n, f) => n + (cardsPerFact.get(f.id) ?? 0), 0)
console.log('\nFacts per kind:')
for (const k of FACT_KINDS) {
  const n = deck.facts.filter((f) => f.kind === k).length
  console.log(
    `  ${k.padEnd(14)}${String(n).padStart(4)}  ${((n / deck.facts.length) * 100).toFixed(1)}%`,
  )
}
console.log(
  `Acronym share: ${acronymCards} of ${cards.length} cards (${((acronymCards / cards.length) * 100).toFixed(1)}%)`,
)

const source = readChapterSource()
if (!source) {
  console.log(`\nThe chapter text is not at ${CHAPTER_SOURCE}: figure coverage cannot be measured.`)
  process.exit(0)
}
const outline = outlineFor(deck, source)
const { facts, errors } = resolveFacts(deck, outline)
for (const e of errors) console.log(`unresolved section: ${e}`)
const figures = chapterFigures(outline)
const missing = figures.filter((f) => !isCovered(f, facts))
const pct = ((1 - missing.length / figures.length) * 100).toFixed(1)
const emptySections = outline
  .sections()
  .filter((s) => !facts.some((f) => f.span.start >= s.span.start && f.span.end <= s.span.end))
console.log(
  `\nChapter figures covered: ${figures.length - missing.length} of ${figures.length} (${pct}%)`,
)
console.log(
  `Chapter sections with facts: ${outline.sections().length - emptySections.length} of ${outline.sections().length}`,
)
for (const s of emptySections) console.log(`  no facts: ${s.title.slice(0, 80)}`)
const spans = deck.facts.flatMap((fact) => {
  const span = outline.resolve(fact.section)
  return 'error' in span ? [] : [{ fact, span }]
})
const bare = paragraphsWithoutFacts(outline, spans)
console.log(`Chapter paragraphs with no fact: ${bare.length}`)
for (const p of bare) console.log(`  line ${String(p.line + 1).padStart(3)}  ${p.start}…`)
if (missing.length) {
  console.log('\nFigures not yet covered by any fact:')
  for (const m of missing) {
    const line = outline.lines[m.line] ?? ''
    const at = line.indexOf(m.raw)
    const context = line.slice(Math.max(0, at - 40), at + m.raw.length + 30).replace(/\s+/g, ' ')
    console.log(`  line ${String(m.line + 1).padStart(3)}  ${m.raw.padEnd(24)} …${context}…`)
  }
}

// The card generator against this deck (issue 24): what share of the deck's facts it blanks,
// and how many of its proposals ask nothing the deck asks.
const coverage = generatorAgainstDeck(deck, source)
const share = (n: number, of: number) => `${n} of ${of} (${((n / of) * 100).toFixed(1)}%)`
console.log(`\nCards from a text, on the chapter, against this deck:`)
console.log(`  deck facts the generator blanks: ${share(coverage.blanked, coverage.facts)}`)
for (const [kind, row] of Object.entries(coverage.byKind))
  console.log(`    ${kind.padEnd(14)}${share(row.blanked, row.facts)}`)
console.log(`  proposals that match no deck fact: ${share(coverage.unmatched, coverage.proposals)}`)

const argv = process.argv.slice(2)
const option = (name: string) => {
  const at = argv.indexOf(name)
  return at >= 0 ? argv[at + 1] : undefined
}
const sample = Number(option('--sample') ?? 0)
if (argv.includes('--cards') || sample > 0) {
  const seed = option('--seed') ?? 'audit'
  const chosen =
    sample > 0
      ? [...deck.facts]
          .sort((a, b) => fnv1a(`${seed}\u0000${a.id}`) - fnv1a(`${seed}\u0000${b.id}`))
          .slice(0, sample)
      : deck.facts
  console.log(
    sample > 0
      ? `\n${chosen.length} facts drawn with seed "${seed}", each card beside its source:`
      : '\nEvery card beside the chapter sentence it comes from:',
  )
  for (const fact of chosen) {
    const span = outline.resolve(fact.section)
    const from = 'error' in span ? null : sourceSentence(fact, outline.text(span))
    console.log(`\n${fact.id}  (${fact.section.join(' › ')})`)
    for (const card of cardsOf(fact))
      console.log(`  ${card.template}: ${card.front} → ${card.answer}`)
    if (fact.cloze) console.log(`  cloze: ${fact.cloze}`)
    if (fact.note) console.log(`  note: ${fact.note}`)
    console.log(`  chapter: ${from ?? '(no sentence of the cited section shares its words)'}`)
  }
}
