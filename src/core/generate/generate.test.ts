import { describe, expect, it } from 'vitest'
import { parseDeck } from '../decks/parse-deck'
import { documentFromHtml, documentFromMarkdown, documentFromText, readDocument } from './document'
import {
  MAX_BLANK_WORDS,
  MAX_NAME_WORDS,
  STOP_WORDS,
  expansionOf,
  isHeadline,
  proposeCards,
  sentencesOf,
  type Proposal,
} from './proposals'
import { deckFromProposals } from './to-deck'

const propose = (text: string) => proposeCards(documentFromText(text))
const only = (ps: Proposal[]) => {
  expect(ps).toHaveLength(1)
  return ps[0] as Proposal
}

describe('figures', () => {
  it('blanks amounts with their units and scale, keeping the qualifier in view', () => {
    const p = only(
      propose(
        'The country sent about 400 engineers and pledged $3 billion, or 2% of GDP, to the 75,000-member force.',
      ),
    )
    expect(p.cloze).toBe(
      'The country sent about {{c1::400}} engineers and pledged {{c2::$3 billion}}, or {{c3::2%}} of GDP, to the {{c4::75,000}}-member force.',
    )
    expect(p.blanks.map((b) => b.figure)).toEqual([
      { value: 400, unit: null, qualifier: 'about' },
      { value: 3e9, unit: 'USD' },
      { value: 2, unit: 'percent' },
      { value: 75_000, unit: null },
    ])
  })

  it('keeps "more than" and "approximately" as qualifiers, and ordinals as ordinals', () => {
    const p = only(
      propose(
        'More than 90,000 people attended the 62nd session, approximately 1.5 million watched.',
      ),
    )
    expect(p.blanks.map((b) => [b.text, b.figure?.qualifier, b.figure?.ordinal])).toEqual([
      ['90,000', 'More than', undefined],
      ['62nd', undefined, true],
      ['1.5 million', 'approximately', undefined],
    ])
  })
})

describe('dates and ranges', () => {
  it('blanks year ranges whole, full dates as dates, and years', () => {
    const p = only(
      propose(
        'The mission ran in 1966-1970, again in 2014-15, and ended on 12 July 2016, not in 2019.',
      ),
    )
    expect(p.blanks.map((b) => [b.kind, b.text, b.date])).toEqual([
      ['range', '1966-1970', '1966'],
      ['range', '2014-15', '2014'],
      ['date', '12 July 2016', '2016-07-12'],
      ['date', '2019', '2019'],
    ])
  })

  it('reads a day of a month without its year, and ranks in words', () => {
    const p = only(
      propose(
        'Saudi Arabia signed on July 14 and Bahrain on 7 March, the seventh nation and the fourth Middle Eastern nation to join in 2022.',
      ),
    )
    const of = (kind: string) => p.blanks.filter((b) => b.kind === kind).map((b) => b.text)
    expect(of('date')).toEqual(['July 14', '7 March', '2022'])
    expect(of('figure')).toEqual(['seventh', 'fourth'])
    expect(p.blanks.find((b) => b.text === 'fourth')?.figure).toEqual({
      value: 4,
      unit: null,
      ordinal: true,
    })
    // "the second paragraph" is no rank worth a card; "14" of "July 14, 2016" is no figure.
    expect(propose('See the second paragraph of the letter.')).toEqual([])
    expect(only(propose('It was signed on July 14, 2016.')).blanks.map((b) => b.text)).toEqual([
      'July 14, 2016',
    ])
  })

  it('reads "June 2019" and "July 12, 2016"', () => {
    const p = only(propose('It was announced in June 2019 and signed on July 12, 2016.'))
    expect(p.blanks.map((b) => b.date)).toEqual(['2019-06', '2016-07-12'])
  })
})

describe('acronym pairs', () => {
  it('finds the expansion an acronym abbreviates', () => {
    expect(expansionOf('In 2019 the Association of Southeast Asian Nations', 'ASEAN')).toBe(
      'Association of Southeast Asian Nations',
    )
    expect(expansionOf('Japan pursues the ASEAN Outlook on the Indo-Pacific', 'AOIP')).toBe(
      'ASEAN Outlook on the Indo-Pacific',
    )
    expect(expansionOf('Some Other Words', 'UN')).toBeNull()
  })

  it('blanks both directions of a "Full Name (ACRONYM)" pair as siblings of one note', () => {
    const p = only(propose('Ministers met at the ASEAN Regional Forum (ARF) in Bangkok.'))
    expect(p.cloze).toContain('{{c1::ASEAN Regional Forum}} ({{c2::ARF}})')
    expect(p.blanks.slice(0, 2).map((b) => [b.kind, b.acronym])).toEqual([
      ['expansion', { short: 'ARF', long: 'ASEAN Regional Forum' }],
      ['acronym', { short: 'ARF', long: 'ASEAN Regional Forum' }],
    ])
  })
})

describe('named entities', () => {
  it('finds people, places and named agreements with the NLP library and the naming words', () => {
    const p = only(
      propose(
        'Prime Minister Shinzo Abe met President Emmanuel Macron in Paris to discuss the Paris Agreement.',
      ),
    )
    const named = p.blanks.map((b) => [b.entity, b.text])
    expect(named).toContainEqual(['agreement', 'Paris Agreement'])
    expect(named.some(([kind, text]) => kind === 'person' && /Macron/.test(String(text)))).toBe(
      true,
    )
  })

  it('leaves out a name in more than a fifth of the paragraphs: too common to ask', () => {
    const paragraphs = Array.from(
      { length: 10 },
      (_, i) => `Japan worked with Indonesia on project number ${100 + i}.`,
    ).join('\n\n')
    const blanks = propose(paragraphs).flatMap((p) => p.blanks.map((b) => b.text))
    expect(blanks).not.toContain('Japan')
    expect(blanks).toContain('100')
  })
})

describe('progress', () => {
  it('tells how far the reading has come, rising, at most about fifty times', () => {
    const text = Array.from({ length: 300 }, (_, i) => `In ${1900 + i} the fund held ${i} items.`)
    const told: number[] = []
    proposeCards(documentFromText(text.join('\n\n')), { onProgress: (f) => told.push(f) })
    expect(told.length).toBeGreaterThan(20)
    expect(told.length).toBeLessThanOrEqual(51)
    expect(told).toEqual([...told].sort((a, b) => a - b))
    expect(told.at(-1)).toBeGreaterThan(0.9)
    expect(told.every((f) => f > 0 && f < 1)).toBe(true)
  })
})

describe('what makes no card', () => {
  it('splits a sentence with more names than a note should hold into notes of even size', () => {
    const countries =
      'Australia, Bahrain, Brazil, Canada, Colombia, France, Israel, Italy, Japan, Luxembourg, Mexico, Poland'
    // In the sentence's order (the ranking may put either first).
    const ps = propose(`The Accords were signed by ${countries} in 2022.`).sort((a, b) =>
      a.id.localeCompare(b.id),
    )
    expect(ps.map((p) => p.blanks.length)).toEqual([7, 6])
    expect(ps.flatMap((p) => p.blanks.map((b) => b.text))).toEqual([
      ...countries.split(', '),
      '2022',
    ])
    expect(new Set(ps.map((p) => p.id)).size).toBe(2)
  })

  it('takes a list of names for no definition: "X, the United Kingdom, and …"', () => {
    const ps = propose('It joins Canada, the United Arab Emirates, the United Kingdom, and Japan.')
    expect(ps.some((p) => p.definition)).toBe(false)
  })

  it('proposes nothing for a sentence with nothing worth recalling', () => {
    expect(propose('This sentence states a view and nothing else worth recalling.')).toEqual([])
  })

  it('never blanks a stop word, more than eight words, or a name of more than twelve', () => {
    const ps = propose(
      'The International Conference on the Protection of the Rights of All Migrant Workers and Members of Their Families Programme (ICPRAMWMFP) began in 2003.',
    )
    for (const b of ps.flatMap((p) => p.blanks)) {
      expect(b.text.split(/\s+/).length).toBeLessThanOrEqual(
        b.kind === 'entity' || b.kind === 'expansion' ? MAX_NAME_WORDS : MAX_BLANK_WORDS,
      )
      expect(STOP_WORDS.has(b.text.toLowerCase())).toBe(false)
    }
  })
})

describe('names and spans', () => {
  const blanksOf = (text: string) =>
    propose(text).flatMap((p) => p.blanks.map((b) => [b.text, b.entity ?? b.kind]))

  it('keeps a name whole, connectives inside it, and names its kind by its naming word', () => {
    expect(
      blanksOf(
        'The Treaty of San Francisco was signed in 1951 and Article 9 of the Constitution of Japan renounces war. The Convention on the Law of the Sea binds the Ministry of Foreign Affairs and Trade.',
      ),
    ).toEqual([
      ['Treaty of San Francisco', 'agreement'],
      ['1951', 'date'],
      ['Article 9', 'provision'],
      ['Constitution of Japan', 'agreement'],
      ['Convention on the Law of the Sea', 'agreement'],
      ['Ministry of Foreign Affairs and Trade', 'organization'],
    ])
  })

  it('finds periods, missions and vehicles, and leaves a kind unnamed rather than wrong', () => {
    const found = blanksOf(
      'The Meiji Restoration ended the Edo Period. The Uchinoura Space Center (Kagoshima Prefecture) launched the Hayabusa2 mission toward the Square Kilometre Array radio telescope.',
    )
    expect(found).toEqual(
      expect.arrayContaining([
        ['Meiji Restoration', 'event'],
        ['Edo Period', 'event'],
        ['Uchinoura Space Center', 'organization'],
        ['Kagoshima Prefecture', 'place'],
        ['Hayabusa2', 'programme'],
      ]),
    )
    // Never cut inside a bracket or ended on a lower-case word.
    for (const [text] of found) {
      expect(text).not.toMatch(/\([^)]*$|^[^(]*\)|\s\p{Ll}+$/u)
    }
  })

  it('blanks the person, not the office, and two countries apart', () => {
    const found = blanksOf(
      'Prime Minister Abe Shinzo met President Moon Jae-in; Japan and Korea agreed.',
    )
    expect(found.map(([t]) => t)).toEqual(
      expect.arrayContaining(['Abe Shinzo', 'Moon Jae-in', 'Japan', 'Korea']),
    )
    expect(found.map(([t]) => t)).not.toContain('Japan and Korea')
    expect(found.some(([t]) => /Minister|President/.test(String(t)))).toBe(false)
  })

  it('reads an era as a year, drops ordinals of centuries and list numbers', () => {
    expect(
      blanksOf('1. The site dates from 2300 B.C. and grew in the 19th century to 40,000 people.'),
    ).toEqual([
      ['2300 B.C.', 'date'],
      ['40,000', 'figure'],
    ])
  })

  it('does not blank the text’s own subject', () => {
    const doc = documentFromText('Japan\n\nJapan signed the Treaty of San Francisco in 1951.')
    const blanks = proposeCards(doc).flatMap((p) => p.blanks.map((b) => b.text))
    expect(blanks).toEqual(['Treaty of San Francisco', '1951'])
  })

  it('reads a headline as news, not a subject: its names are blanked', () => {
    expect(isHeadline('Kingdom of Saudi Arabia Signs the Artemis Accords')).toBe(true)
    expect(isHeadline('Japan Launched Hayabusa2')).toBe(true)
    for (const title of ['Japan', 'North Korea: weapons and diplomacy', 'The annotated corpus'])
      expect(isHeadline(title), title).toBe(false)
    const doc = documentFromText(
      'Korea Signs the Artemis Accords\n\nThe Republic of Korea signed the Artemis Accords in May 2021.',
    )
    const blanks = proposeCards(doc).flatMap((p) => p.blanks.map((b) => b.text))
    expect(blanks).toEqual(expect.arrayContaining(['Republic of Korea', 'Artemis Accords']))
  })

  it('keeps Arabic particles, middle initials and royal styles right', () => {
    const found = blanksOf(
      'Mohammed Saud al-Tamimi met Her Royal Highness Princess Reema bint Bandar Al Saud and Jennifer R. Littlejohn in Riyadh.',
    )
    expect(found).toEqual(
      expect.arrayContaining([
        ['Mohammed Saud al-Tamimi', 'person'],
        ['Reema bint Bandar Al Saud', 'person'],
        ['Jennifer R. Littlejohn', 'person'],
      ]),
    )
    expect(found.some(([t]) => /Highness|Princess/.test(String(t)))).toBe(false)
  })

  it('names the organisation, not the office of it, and two organisations apart', () => {
    const found = blanksOf(
      'Bill Nelson, Administrator of the National Aeronautics and Space Administration, met Martina Strong, Chargé d’Affaires for the United States Mission to Saudi Arabia, and an official from the Department of State Bureau of Oceans and International Environmental and Scientific Affairs.',
    )
    expect(found).toEqual(
      expect.arrayContaining([
        ['National Aeronautics and Space Administration', 'organization'],
        ['United States Mission to Saudi Arabia', 'organization'],
        ['Department of State', 'organization'],
        ['Bureau of Oceans and International Environmental and Scientific Affairs', 'organization'],
      ]),
    )
    expect(found.some(([t]) => /Administrator|Chargé/.test(String(t)))).toBe(false)
  })

  it('ends a name before "-led" and finds a programme by the word after it', () => {
    const found = blanksOf('The NASA-led Artemis program will land on the Moon before 2030.')
    expect(found).toEqual(expect.arrayContaining([['Artemis', 'programme']]))
    expect(found.map(([t]) => t)).not.toContain('NASA-led')
    // A people's adjective before "program" is no programme's name.
    expect(blanksOf('The Japanese program of 2019 ended in 2021.').map(([t]) => t)).toEqual([
      '2019',
      '2021',
    ])
  })
})

describe('definitions', () => {
  it('proposes a question and its answer beside the cloze when a sentence defines a name', () => {
    const ps = propose(
      'The Ring of Fire, a belt of active volcanoes and earthquake epicenters, borders the Pacific Ocean. The Korean War was the war fought on the peninsula from 1950 to 1953.',
    )
    const definitions = ps.flatMap((p) => (p.definition ? [p.definition] : []))
    expect(definitions).toHaveLength(2)
    expect(definitions).toEqual(
      expect.arrayContaining([
        {
          term: 'Ring of Fire',
          question: 'What is Ring of Fire?',
          answer: 'a belt of active volcanoes and earthquake epicenters',
        },
        {
          term: 'Korean War',
          question: 'What was Korean War?',
          answer: 'the war fought on the peninsula from 1950 to 1953',
        },
      ]),
    )
    // The cloze of each sentence is proposed too.
    expect(ps.filter((p) => !p.definition)).toHaveLength(2)
  })

  it('takes no clause for a definition: "X is to …" or a two-word remark', () => {
    expect(
      propose('The Security Council is to meet. The Security Council, the organ, met.').filter(
        (p) => p.definition,
      ),
    ).toEqual([])
  })
})

describe('ranking', () => {
  it('leaves out a sentence that repeats another with the same blanks', () => {
    const ps = propose(
      [
        'Summary',
        'Japan sent 400 engineers to South Sudan in 2012.',
        'Details',
        'In the end, Japan sent 400 engineers to South Sudan in 2012.',
        'Japan sent 350 engineers to South Sudan in 2013.',
      ].join('\n\n'),
    )
    expect(ps.map((p) => p.sentence)).toEqual([
      'Japan sent 400 engineers to South Sudan in 2012.',
      'Japan sent 350 engineers to South Sudan in 2013.',
    ])
  })

  it('puts what a reader must know first within a section, sections in their order', () => {
    const ps = propose(
      [
        'Peacekeeping',
        'The team met 12 times.',
        'Japan sent about 400 engineers to the United Nations Mission in South Sudan (UNMISS) in 2012.',
        'Seas',
        'The United Nations Convention on the Law of the Sea entered into force in 1994.',
      ].join('\n\n'),
    )
    expect(ps.map((p) => p.section.at(-1))).toEqual(['Peacekeeping', 'Peacekeeping', 'Seas'])
    expect(ps[0]?.sentence).toContain('UNMISS')
    expect(ps[0]?.score).toBeGreaterThan(ps[1]?.score ?? 1)
  })
})

describe('sentences', () => {
  it('are split by Intl.Segmenter, with U.S. and other abbreviations kept inside', () => {
    expect(
      sentencesOf('The Japan-U.S. Alliance grew. Aid went to the U.S. In 2019 it rose.').map(
        (s) => s.text,
      ),
    ).toEqual(['The Japan-U.S. Alliance grew.', 'Aid went to the U.S.', 'In 2019 it rose.'])
  })
})

describe('reading documents', () => {
  it('plain text: headings by their markers, paragraphs under them', () => {
    const doc = documentFromText(
      '3 Global Security\n\n(1) Regional Security\n\nJapan held 12 talks in 2019.\nThey went well.\n\n(2) Peacekeeping\n\nIt sent 400 people.',
    )
    expect(doc.title).toBe('3 Global Security')
    expect(doc.blocks).toEqual([
      {
        section: ['3 Global Security', '(1) Regional Security'],
        text: 'Japan held 12 talks in 2019. They went well.',
        index: 0,
      },
      { section: ['3 Global Security', '(2) Peacekeeping'], text: 'It sent 400 people.', index: 1 },
    ])
  })

  it('Markdown: headings, paragraphs and list items, links as their text', () => {
    const doc = documentFromMarkdown(
      '# Report\n\n## Seas\n\nThe [convention](https://x.example) entered into force in *1994*.\n\n- 168 parties\n- 320 articles\n',
    )
    expect(doc.blocks.map((b) => [b.section.join(' > '), b.text])).toEqual([
      ['Report > Seas', 'The convention entered into force in 1994.'],
      ['Report > Seas', '168 parties'],
      ['Report > Seas', '320 articles'],
    ])
  })

  it('HTML: text and headings only, entities decoded, nested tags read, scripts and styles dropped', () => {
    const doc = documentFromHtml(
      '<html><head><title>Sea &amp; Space</title><style>p{color:red}</style></head><body><h1>Report &amp; Review</h1><script>alert("x")</script><h2>The <i>Seas</i></h2><p>The <b>United Nations <em>Convention</em> on the Law of the Sea</b> (<abbr>UNCLOS</abbr>) entered into force in 1994 &ndash; with 168&nbsp;parties.</p><ul><li>Signed in <span>1982</span></li></ul><noscript>enable JS</noscript></body></html>',
    )
    expect(doc.title).toBe('Sea & Space')
    expect(doc.blocks.map((b) => [b.section.join(' > '), b.text])).toEqual([
      [
        'Report & Review > The Seas',
        'The United Nations Convention on the Law of the Sea (UNCLOS) entered into force in 1994 – with 168 parties.',
      ],
      ['Report & Review > The Seas', 'Signed in 1982'],
    ])
    const [first] = proposeCards(doc)
    expect(first?.cloze).toContain(
      'The {{c1::United Nations Convention on the Law of the Sea}} ({{c2::UNCLOS}})',
    )
    expect(JSON.stringify(doc)).not.toMatch(/alert|color:red|enable JS/)
  })

  it('Markdown and HTML tables: a row is one paragraph, each cell with its heading', () => {
    const md = documentFromMarkdown(
      '# Japan\n\n| Field | Value |\n|---|---|\n| Coastline | 29,751 km |\n| Highest point | Mount Fuji 3,776 m |\n',
    )
    expect(md.blocks.map((b) => b.text)).toEqual([
      'Field: Coastline; Value: 29,751 km',
      'Field: Highest point; Value: Mount Fuji 3,776 m',
    ])
    const html = documentFromHtml(
      '<h1>Japan</h1><table><tr><th>Coastline</th><td>29,751 km</td></tr></table>',
    )
    expect(html.blocks.map((b) => b.text)).toEqual(['Coastline: 29,751 km'])
  })

  it('picks the reader by extension', () => {
    expect(readDocument('a.HTML', '<h1>T</h1><p>x</p>').blocks[0]?.section).toEqual(['T'])
    expect(readDocument('a.md', '# T\n\nx').blocks[0]?.section).toEqual(['T'])
    expect(readDocument('a.md', 'x *y*').blocks[0]?.text).toBe('x y')
    expect(readDocument('a.txt', 'x *y*').blocks[0]?.text).toBe('x *y*')
  })

  it('plain text: marked headings never run into a paragraph, lists are items', () => {
    const doc = documentFromText(
      [
        '## Introduction',
        'Background In 1603 the country was unified.',
        '',
        'Geography',
        '=========',
        'An island chain of 6,852 islands.',
        '',
        'PEOPLE AND SOCIETY',
        '1. Population is 125 million.',
        '2. Life expectancy is 84 years.',
      ].join('\n'),
    )
    expect(doc.blocks.map((b) => [b.section, b.text])).toEqual([
      [['Introduction'], 'Background In 1603 the country was unified.'],
      [['Geography'], 'An island chain of 6,852 islands.'],
      [['PEOPLE AND SOCIETY'], 'Population is 125 million.'],
      [['PEOPLE AND SOCIETY'], 'Life expectancy is 84 years.'],
    ])
    // No heading text and no list number in any card.
    const cards = proposeCards(doc).map((p) => p.cloze)
    expect(cards.join(' ')).not.toMatch(/Introduction|Geography|PEOPLE|\{\{c\d::[12]\}\}/)
  })
})

describe('as a deck file', () => {
  it('makes one valid fact per blank, with the sentence, the answer and the paragraph', () => {
    const doc = documentFromText(
      '(1) Peacekeeping\n\nJapan sent about 400 engineers to the United Nations Mission in South Sudan (UNMISS) in 2012.',
    )
    const deck = deckFromProposals(doc, proposeCards(doc), { name: 'Peace' })
    const parsed = parseDeck({ file: 'deck.json', text: JSON.stringify(deck) })
    expect(parsed.ok).toBe(true)
    expect(deck.id).toBe('peace')
    const figure = deck.facts.find((f) => f.kind === 'figure')
    expect(figure).toMatchObject({
      section: ['(1) Peacekeeping'],
      answer: '400',
      figure: { value: 400, unit: 'count' },
      cloze:
        'Japan sent about {{400}} engineers to the United Nations Mission in South Sudan (UNMISS) in 2012.',
    })
    expect(figure?.note).toContain('Source: Japan sent about 400 engineers')
    expect(deck.facts.find((f) => f.kind === 'acronym')?.acronym).toEqual({
      short: 'UNMISS',
      long: 'United Nations Mission in South Sudan',
    })
    expect(deck.facts.find((f) => f.kind === 'date')?.date).toBe('2012')
  })
})
