// The content checks, each shown catching the kind of fault it was written for: the faulty
// cards as the second edition of the chapter deck had them (issue 25), checked against the
// chapter text, and a made-up chapter for the two-answers check.
import { describe, expect, it } from 'vitest'
import type { Fact } from '../src/core/decks/deck-schema'
import {
  addedQualifiers,
  droppedQualifiers,
  droppedScope,
  expansionMismatch,
  secondAnswers,
} from './audit'
import { CHAPTER_SOURCE, outlineFor, readChapterDeck, readChapterSource } from './chapter-source'

const fact = (f: Partial<Fact> & Pick<Fact, 'id' | 'section' | 'prompt' | 'answer'>): Fact => ({
  kind: 'relation',
  ...f,
})

describe('the two-answers check', () => {
  const chapter = [
    'Japan is co-chair of inter-sessional meetings on cybersecurity and on space in the forum.',
    'Elsewhere the forum met often.',
    'Japan is co-chair of inter-sessional meetings on maritime security in the forum, twice.',
  ]
  const asked = fact({
    id: 'cochair',
    section: ['x'],
    prompt: 'Which forum meetings does Japan co-chair?',
    answer: 'Inter-sessional meetings on cybersecurity',
  })
  it('names another paragraph that answers the same prompt with another answer', () => {
    expect(secondAnswers(asked, chapter, { start: 0, end: 1 })).toEqual([
      expect.stringContaining('line 3'),
    ])
  })
  it('is quiet when the prompt says which one it means', () => {
    const scoped = {
      ...asked,
      prompt: 'Which forum meetings, besides those on space, does Japan co-chair?',
    }
    expect(secondAnswers(scoped, chapter, { start: 0, end: 1 })).toEqual([])
  })
})

const source = readChapterSource()
if (!source)
  console.warn(`[decks] ${CHAPTER_SOURCE} is absent: the audit checks' own tests did not run.`)

describe.runIf(source !== null)('the audit checks catch the second edition’s faults', () => {
  const text = source ?? ''
  const outline = outlineFor(readChapterDeck().deck, text)
  const sectionText = (f: Fact) => {
    const r = outline.resolve(f.section)
    return 'error' in r ? '' : outline.text(r)
  }

  it('an open list ("These include …", "including …") answered as if complete', () => {
    const scs = fact({
      id: 'scs-china-actions',
      section: ['(4) The Oceans and Seas', 'A Maritime order', '(C) South China Sea'],
      prompt:
        'Which unilateral actions in the South China Sea does the chapter attribute to China?',
      answer:
        'Large-scale, rapid outpost building, military use of the outposts, and attempts at a fait accompli',
    })
    const leaks = fact({
      id: 'technology-leakage-channels',
      section: ['(7) Emerging Security Challenges'],
      prompt: 'Through which channels can sensitive technology leak, according to the chapter?',
      answer: 'Movement of researchers and staff, corporate acquisitions, and cyber attacks',
    })
    expect(droppedQualifiers(scs, sectionText(scs))).toEqual([expect.stringContaining('include')])
    expect(droppedQualifiers(leaks, sectionText(leaks))).toEqual([
      expect.stringContaining('including'),
    ])
    const fixed = { ...scs, answer: `They include ${scs.answer.toLowerCase()}` }
    expect(droppedQualifiers(fixed, sectionText(fixed))).toEqual([])
  })

  it('an "about" the chapter does not put on an exact figure', () => {
    const deaths = fact({
      id: 'sri-lanka-attacks-deaths',
      kind: 'figure',
      section: ['(3) Initiatives to Combat Security Threats', 'A Terrorism and violent extremism'],
      prompt: 'About how many people were killed in the 2019 series of attacks in Sri Lanka?',
      answer: '250',
      figure: { value: 250, unit: 'people' },
      cloze: 'The Sri Lanka bombings of 2019 took some {{250}} lives.',
    })
    expect(addedQualifiers(deaths, sectionText(deaths))).toHaveLength(1)
    const fixed = {
      ...deaths,
      prompt: 'How many people were killed?',
      cloze: 'They took {{250}} lives.',
    }
    expect(addedQualifiers(fixed, sectionText(fixed))).toEqual([])
  })

  it('a list the chapter limits to a year, asked without the year', () => {
    const partners = fact({
      id: 'cyber-consultations-2019',
      section: ['(5) Cyber'],
      prompt:
        'With which partners does the chapter say Japan held bilateral cyber policy consultations?',
      answer: 'Australia, the EU, France, India, Russia and the U.S.',
    })
    expect(droppedScope(partners, sectionText(partners))).toEqual([expect.stringContaining('2019')])
    const fixed = { ...partners, prompt: `${partners.prompt.slice(0, -1)} in 2019?` }
    expect(droppedScope(fixed, sectionText(fixed))).toEqual([])
  })

  it('an expansion that is not the chapter’s letter for letter', () => {
    const lts = fact({
      id: 'lts-acronym',
      kind: 'acronym',
      section: ['(6) Outer Space', 'A Rule of law in space'],
      prompt: 'What does LTS stand for?',
      answer: 'Long-Term Sustainability of Outer Space Activities',
      acronym: { short: 'LTS', long: 'Long-Term Sustainability of Outer Space Activities' },
    })
    expect(expansionMismatch(lts, text)).toContain('Long-term Sustainability (LTS)')
    const fixed = { ...lts, acronym: { short: 'LTS', long: 'Long-term Sustainability' } }
    expect(expansionMismatch(fixed, text)).toBeNull()
  })
})
