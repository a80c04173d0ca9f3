// `npm run bench` (part): proposing cards from a document (src/core/generate) — the chapter
// text from ../shared/source (about 80 KB) and a 1 MB text (`--tiny`: 200 KB) made of it, its
// repeats once as they are and once with their names made new (the NLP pass's worst case) —
// beside a baseline from the same run: reading the same document and splitting its sentences
// (Intl.Segmenter), the pass every proposal needs before any NLP. The app runs this in a Web
// Worker; here in Node, the same V8. Medians; writes bench/generate-results(.tiny).json.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { documentFromText } from '../src/core/generate/document'
import { forgetKnownNames, proposeCards, sentencesOf } from '../src/core/generate/proposals'
import nlp from 'compromise'
import { medianMs, report } from './measure'
import { generatorAgainstDeck } from '../decks/generator-coverage'
import { readChapterDeck } from '../decks/chapter-source'

const tiny = process.argv.includes('--tiny')
const chapterPath = resolve(
  import.meta.dirname,
  '../../shared/source/bluebook-2020-ch3-global-security.txt',
)
// Without the chapter, a report-like text of our own stands in (and says so).
const stand_in = Array.from(
  { length: 400 },
  (_, i) =>
    `(${(i % 9) + 1}) Section ${i}\n\nIn June ${2000 + (i % 20)}, Japan pledged about ${100 + i} million US dollars to the United Nations Development Programme (UNDP) and sent ${20 + i} experts to Kenya. Prime Minister Abe met President Ramaphosa in Tokyo, where the two leaders signed the Tokyo Declaration.`,
).join('\n\n')
const chapter = existsSync(chapterPath) ? readFileSync(chapterPath, 'utf8') : null
if (!chapter) console.log(`[fixtures] ${chapterPath} is absent: a stand-in report is measured.`)
const base = chapter ?? stand_in
const big = (bytes: number) => {
  let text = ''
  while (text.length < bytes) text += `${base}\n\n`
  return text.slice(0, bytes)
}
// The worst case for the NLP pass: every repeat's capitalised words made new ("Japan" →
// "Japanab"), so no name is one the library was already asked about and no proposal merges
// with an earlier one.
const distinct = (bytes: number) => {
  let text = ''
  for (let k = 0; text.length < bytes; k++) {
    const tag = [...k.toString(26)].map((d) => String.fromCharCode(97 + parseInt(d, 26))).join('')
    text += `${k ? base.replace(/\b(\p{Lu}\p{Ll}{2,})\b/gu, `$1${tag}`) : base}\n\n`
  }
  return text.slice(0, bytes)
}
const sets = [
  {
    id: 'generate-chapter',
    name: chapter ? 'the chapter' : 'a stand-in report',
    text: base,
    runs: 5,
  },
  {
    id: 'generate-large',
    name: tiny ? '200 KB text' : '1 MB text',
    text: big(tiny ? 200_000 : 1_000_000),
    runs: tiny ? 1 : 3,
  },
  {
    id: 'generate-large-distinct',
    name: `${tiny ? '200 KB' : '1 MB'} text, every repeat's names new`,
    text: distinct(tiny ? 200_000 : 1_000_000),
    runs: tiny ? 1 : 3,
  },
]

console.log(`\nProposing cards from a text; medians\n`)
const rows: {
  id: string
  what: string
  ms: number
  baselineMs: number
  nlpMs: number
  msPer100KB: number
}[] = []
for (const set of sets) {
  const kb = Buffer.byteLength(set.text) / 1024
  // Each run as the first text the worker reads: nothing remembered from the run before.
  const ours = await medianMs(() => {
    forgetKnownNames()
    proposeCards(documentFromText(set.text))
  }, set.runs)
  const baseline = await medianMs(
    () => void documentFromText(set.text).blocks.forEach((b) => sentencesOf(b.text)),
    set.runs,
  )
  // The NLP library's own tagging of every sentence: the floor of a pass that asks it.
  const nlpMs = await medianMs(
    () =>
      void documentFromText(set.text).blocks.forEach((b) =>
        sentencesOf(b.text).forEach((s) => void nlp(s.text).json()),
      ),
    set.runs,
  )
  const proposals = proposeCards(documentFromText(set.text)).length
  const what = `${set.name} (${kb.toFixed(0)} KB): ${proposals} proposals`
  console.log(report(what, ours, 'read + split sentences only', baseline))
  console.log(report('', ours, 'compromise tagging every sentence', nlpMs))
  console.log(`${''.padEnd(64)} ${((ours / kb) * 100).toFixed(0).padStart(8)} ms per 100 KB`)
  rows.push({
    id: set.id,
    what,
    ms: ours,
    baselineMs: baseline,
    nlpMs,
    msPer100KB: (ours / kb) * 100,
  })
}
// Against the human-made deck (issue 24): `npm run deck:report` prints the same figures.
const coverage = chapter ? generatorAgainstDeck(readChapterDeck().deck, chapter) : null
if (coverage)
  console.log(
    `\nAgainst the chapter deck: ${coverage.blanked} of ${coverage.facts} facts blanked; ${coverage.unmatched} of ${coverage.proposals} proposals match no fact`,
  )
writeFileSync(
  resolve(import.meta.dirname, tiny ? 'generate-results.tiny.json' : 'generate-results.json'),
  JSON.stringify(
    { measuredAt: new Date().toISOString(), node: process.version, rows, coverage },
    null,
    2,
  ) + '\n',
)
