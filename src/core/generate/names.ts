/**
 * Whole names in a sentence, by rule (issue 24): the NLP library finds people and places well
 * but cuts multi-word names short ("Treaty" / "San Francisco" for "Treaty of San Francisco")
 * and knows no missions, provisions or periods. A name here is a run of capitalised words,
 * joined by the small words names carry inside them ("of", "for", "de", "on" after a naming
 * word, "and" once an "of" has come), never ending on one; its kind is the naming word it
 * holds ("Treaty", "Agency", "Island", "War", "Mission"), or none.
 */

export type NameKind =
  'agreement' | 'provision' | 'organization' | 'place' | 'event' | 'programme' | 'person'

export interface NameSpan {
  start: number
  end: number
  text: string
  /** Absent when no naming word says what it is (the NLP library may know). */
  kind?: NameKind
  /**
   * A single word that starts the sentence, or a short form alone ("DPRK", "GDP"): a name
   * only if the NLP library knows it as one ("Japan and Korea …", not "Background …").
   */
  unsure?: true
}

const HEADS: [NameKind, string][] = [
  [
    'agreement',
    'Treaty Treaties Convention Agreement Agreements Protocol Charter Declaration Accord Accords Act Law Constitution Resolution Pact Code Guidelines Statute Communiqué Communique',
  ],
  [
    'organization',
    'Agency Organization Organisation Council Forces Force Ministry Bank Fund Union Association Committee Commission Center Centre University Party Parties Army Navy Command Office Department Court Assembly Secretariat Institute Corporation Alliance Coalition Guard Police Parliament Diet Cabinet Government Society Foundation Service Bureau Authority Nations Group Board Tribunal Administration Embassy Consulate Delegation',
  ],
  [
    'place',
    'Island Islands Sea Ocean Prefecture Province River Mountains Mount Strait Peninsula Bay City Region Gulf Lake Archipelago Coast Republic Kingdom Canal Desert Plateau Valley Basin',
  ],
  [
    'event',
    'War Battle Conference Summit Crisis Revolution Restoration Period Era Shogunate Dynasty Incident Olympics Games Earthquake Uprising Occupation Reform Reforms Meeting Talks Dialogue Forum Expo',
  ],
  [
    'programme',
    'Mission Program Programme Project Initiative Strategy Plan Satellite Telescope Rocket Spacecraft Probe Station Launcher Operation Exercise Vision Framework Mechanism Partnership Outlook',
  ],
]
const KIND_OF_HEAD = new Map<string, NameKind>(
  HEADS.flatMap(([kind, words]) => words.split(' ').map((w) => [w, kind] as const)),
)

/** Naming words written in lower case after a name: "the Tokugawa shogunate", "the Artemis program". */
const LOWER_HEADS = new Map<string, NameKind>([
  ...['shogunate', 'dynasty', 'period', 'era', 'clan', 'empire'].map((w) => [w, 'event'] as const),
  ...['program', 'programme', 'mission', 'project', 'initiative'].map(
    (w) => [w, 'programme'] as const,
  ),
])
// A people's adjective is no name of a programme: "the Japanese program", "a Korean project".
const DEMONYM = /(?:ese|an|ish|i)$/

/** Where a diplomatic post is sent: "the United States Mission to Saudi Arabia". */
const POSTS = new Set(['Mission', 'Embassy', 'Consulate', 'Delegation'])

// "NASA-led", "Tokyo-based": the name is the part before the hyphen.
const LED_WORDS = 'led|based|backed|funded|owned|run|sponsored|supported|hosted|brokered'
const LED = new RegExp(`^(.+)-(?:${LED_WORDS})$`)
/** Whether a text starts with such an ending ("-led …"): a name's blank stops before it. */
const LED_START = new RegExp(`^-(?:${LED_WORDS})\\b`)
export const startsWithLed = (text: string) => LED_START.test(text)

// Arabic names' particles, written in lower case with a hyphen: "al-Tamimi", "el-Sisi".
const PARTICLE = /^(?:al|el|ad|as|ash|at|az|an|ar|ud|ul|bin|ibn)-\p{Lu}/u

/** Provisions: "Article 9", "Articles 5 and 6", "Resolution 2397", "Chapter VII". */
const NUMBERED = new Set(['Article', 'Articles', 'Resolution', 'Chapter', 'Section', 'Paragraph'])

/** Titles before a person's name: the name is the blank, not the office. */
const TITLES = new Set(
  `President Vice Prime Minister Ministers Foreign Defense Defence Secretary Secretary-General General
  Chairman Chairwoman Chair Premier King Queen Emperor Empress Prince Princess Ambassador Governor
  Senator Mayor Chancellor Dr Mr Mrs Ms Professor Prof Director Director-General Commissioner
  Admiral Captain Colonel Lieutenant Major Sir Lord Lady Pope Sheikh Crown State Deputy Royal
  Highness Majesty Excellency Administrator Principal Assistant Under Spokesperson Envoy CEO Chargé
  d’Affaires d'Affaires`.split(/\s+/),
)

// Words that join the parts of one name. Lower-case only: "In" or "The" capitalised start a
// sentence, they do not join a name.
const ALWAYS = new Set([
  'of',
  'for',
  'de',
  'du',
  'des',
  'la',
  'le',
  'von',
  'van',
  'der',
  'da',
  'al',
  'bin',
  'bint',
  'ibn',
])
const AFTER_OF = new Set(['the', 'and'])
const AFTER_HEAD = new Set(['on', 'in', 'against'])

// Capitalised words that are no part of a name wherever they stand.
const NOT_NAMES = new Set(
  `The A An In On At By For From With Without Into About As Than That This These Those It Its
  Is Are Was Were Be Been Has Have Had Do Does Did Not No Such Also Which Who Whom Whose What When
  Where Why How All Any Both Each Few More Most Other Some Can Will Just Should Now I We You He She
  They Their Our His Her There Here Then Only Over Under Again Once However Furthermore Moreover
  While After Before Since Through Following Regarding Recently Currently Today Additionally
  Meanwhile Therefore Based Despite During Against Among Between Within Of And Or But To Given
  According Including Concerning Amid Along Toward Towards Upon Although Though If Because Unlike
  Like Besides Via Whereas Whether So Yet Nor Thus Hence Indeed Further Firstly Secondly Finally
  Lastly Accordingly Nevertheless Nonetheless Similarly Likewise Instead Otherwise Namely Notably
  Overall Specifically Particularly Especially Initially Subsequently Eventually Previously Later
  Earlier Next Last First Second Third Many Several Various Other Another Every Either Neither
  January February March April May June July August September October November December
  Monday Tuesday Wednesday Thursday Friday Saturday Sunday`.split(/\s+/),
)

const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}’'\-.&]*[\p{L}\p{N}]|[\p{L}\p{N}]/gu

interface Token {
  start: number
  end: number
  text: string
}

const capitalised = (t: string) => (/^\p{Lu}/u.test(t) && !NOT_NAMES.has(t)) || PARTICLE.test(t)
// A middle initial: "Jennifer R. Littlejohn".
const initial = (t: Token, sentence: string) => /^\p{Lu}$/u.test(t.text) && sentence[t.end] === '.'
const roman = (t: string) => /^[IVXLC]+$/.test(t)

/** Whether capitalised words start at token `at` and reach a naming word. */
function namingRunAt(tokens: readonly Token[], at: number, sentence: string): boolean {
  for (let j = at; j < tokens.length; j++) {
    const t = tokens[j] as Token
    if (!capitalised(t.text)) return false
    if (KIND_OF_HEAD.has(t.text)) return true
    const next = tokens[j + 1]
    if (!next || sentence.slice(t.end, next.start).trim() !== '') return false
  }
  return false
}

/** The whole names of a sentence, left to right, none overlapping. */
export function nameSpans(sentence: string): NameSpan[] {
  const tokens: Token[] = [...sentence.matchAll(TOKEN)].flatMap((m) => {
    const led = LED.exec(m[0])
    if (!led?.[1]) return [{ start: m.index, end: m.index + m[0].length, text: m[0] }]
    // "NASA-led": "NASA", then the rest as a lower-case word that ends any name.
    const cut = m.index + led[1].length
    return [
      { start: m.index, end: cut, text: led[1] },
      { start: cut + 1, end: m.index + m[0].length, text: m[0].slice(led[1].length + 1) },
    ]
  })
  const out: NameSpan[] = []
  let i = 0
  while (i < tokens.length) {
    const first = tokens[i] as Token
    if (!capitalised(first.text)) {
      i++
      continue
    }
    let last = i
    let sawOf = false
    let head: NameKind | undefined = KIND_OF_HEAD.get(first.text)
    let j = i + 1
    while (j < tokens.length) {
      const t = tokens[j] as Token
      const prev = tokens[j - 1] as Token
      // Only a space between the words of one name (a comma or a bracket ends it), or the dot
      // of a middle initial.
      const gap = sentence.slice(prev.end, t.start).trim()
      if (gap !== '' && !(gap === '.' && initial(prev, sentence) && capitalised(t.text))) break
      if (capitalised(t.text)) {
        // A second organisation's name after a first's "of": "Department of State | Bureau of
        // Oceans …" are two names, "Convention on the Law of the Sea" one.
        const following = tokens[j + 1]
        if (
          sawOf &&
          KIND_OF_HEAD.get(t.text) === 'organization' &&
          capitalised(prev.text) &&
          following &&
          (following.text === 'of' || following.text === 'for')
        )
          break
        // The naming word before an "of" decides: "Convention on the Law of the Sea" is an
        // agreement, "Bay of Bengal" a place.
        if (!(sawOf && head)) head = KIND_OF_HEAD.get(t.text) ?? head
        last = j
        j++
        continue
      }
      // "and" between the words of one name that ends on a naming word: "Foreign and Defense
      // Ministerial Meeting" (but "Japan and Korea" are two).
      const andNamed =
        t.text === 'and' && head === undefined && namingRunAt(tokens, j + 1, sentence)
      // A post and where it is sent: "Mission to Saudi Arabia".
      const sentTo =
        (t.text === 'to' || t.text === 'in') &&
        POSTS.has(prev.text) &&
        capitalised(tokens[j + 1]?.text ?? '')
      if (sentTo) head = 'organization'
      const joins =
        andNamed ||
        sentTo ||
        ALWAYS.has(t.text) ||
        (sawOf && AFTER_OF.has(t.text)) ||
        (head !== undefined && head !== 'person' && AFTER_HEAD.has(t.text))
      if (!joins) break
      if (t.text === 'of' || t.text === 'for' || AFTER_HEAD.has(t.text) || sentTo) sawOf = true
      j++
    }
    let end = (tokens[last] as Token).end
    let kind = head
    // "Article 9", "Resolution 2397", "Chapter VII": the number is part of the provision.
    const next = tokens[last + 1]
    if (
      NUMBERED.has((tokens[last] as Token).text) &&
      next &&
      sentence.slice(end, next.start).trim() === '' &&
      (/^\d+[A-Za-z]?$/.test(next.text) || roman(next.text))
    ) {
      end = next.end
      last++
      // A resolution is a text of its own; an article or a chapter is a provision of one.
      kind = (tokens[last - 1] as Token).text === 'Resolution' ? 'agreement' : 'provision'
    }
    // A name that ends on a lower-case naming word: "the Tokugawa shogunate".
    const after = tokens[last + 1]
    const lowerHead = after && LOWER_HEADS.get(after.text)
    if (
      !kind &&
      after &&
      lowerHead &&
      sentence.slice(end, after.start).trim() === '' &&
      !(lowerHead === 'programme' && last === i && DEMONYM.test(first.text))
    ) {
      // A period's name holds its naming word ("Tokugawa shogunate"); a programme's is the
      // word before it ("the {Artemis} program", "the {Hayabusa2} mission").
      if (lowerHead === 'event') {
        end = after.end
        last++
      }
      kind = lowerHead
    }
    // "U.S." keeps its final dot.
    if (/\p{L}\.\p{L}$/u.test((tokens[last] as Token).text) && sentence[end] === '.') end++
    let start = first.start
    let from = i
    // An office of an organisation: "Administrator of the National Aeronautics and Space
    // Administration" is the administration; "Minister for Foreign Affairs" stays an office.
    if (kind === 'organization' && TITLES.has(first.text)) {
      let k = i
      while (k < last && TITLES.has((tokens[k] as Token).text)) k++
      if (['of', 'for'].includes((tokens[k] as Token).text)) {
        k++
        if ((tokens[k] as Token).text === 'the') k++
        if (k <= last && capitalised((tokens[k] as Token).text)) {
          from = k
          start = (tokens[k] as Token).start
        }
      }
    }
    // Titles before a person's name, and what comes before them: "Chinese President XI
    // Jinping" is "XI Jinping". An office ("Minister for Foreign Affairs") stays whole.
    if (!kind) {
      let title = -1
      for (let k = i; k < last; k++) if (TITLES.has((tokens[k] as Token).text)) title = k
      const name = tokens[title + 1]
      if (title >= 0 && name && capitalised(name.text) && !TITLES.has(name.text)) {
        from = title + 1
        start = name.start
        kind = 'person'
      }
    }
    const words = last - from + 1
    const text = sentence.slice(start, end)
    // A lone capitalised word that starts the sentence is only a sentence's first word, unless
    // it has a letter and a digit (a vehicle: "H3", "Hayabusa2"); a short form on its own
    // ("GDP") is an acronym, paired with its name elsewhere, unless a title names a person
    // by it ("President TRUMP").
    const shortForm = words === 1 && kind !== 'person' && /^[\p{Lu}\d&.-]{2,6}$/u.test(first.text)
    const leading = words === 1 && kind !== 'person' && i === 0 && !/\d/.test(first.text)
    const onlyTitles = [...tokens.slice(from, last + 1)].every((t) => TITLES.has(t.text))
    // A naming word alone is no name: "the Parties", "the Council" (a defined term of the text).
    const onlyHead = words === 1 && KIND_OF_HEAD.has((tokens[from] as Token).text)
    if (!onlyTitles && !onlyHead && text) {
      const programme = !kind && /\p{L}\d|\d\p{L}/u.test(text) ? 'programme' : kind
      out.push({
        start,
        end: start + text.length,
        text,
        ...(programme ? { kind: programme } : {}),
        ...(leading || shortForm ? { unsure: true as const } : {}),
      })
    }
    i = last + 1
  }
  return out
}
