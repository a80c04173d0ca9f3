import { describe, expect, it } from 'vitest'
import { MAX_SECTION_DEPTH, renderTemplate, type RenderContext } from './render-template'
import { cardOrdinals } from './note-cards'

const front: RenderContext = { side: 'front', cloze: 'all' }
const render = (t: string, fields: Record<string, string>, ctx: RenderContext = front) =>
  renderTemplate(t, fields, ctx).text

describe('renderTemplate', () => {
  it('puts field values in place and reports an unknown field', () => {
    expect(render('Q: {{Front}}', { Front: 'Who?' })).toBe('Q: Who?')
    expect(render('{{Nope}}', {})).toBe('{unknown field Nope}')
  })

  it('shows a section only when its field has text, an inverted one only when it has none', () => {
    const t = '{{#Hint}}Hint: {{Hint}}{{/Hint}}{{^Hint}}no hint{{/Hint}}'
    expect(render(t, { Hint: 'think' })).toBe('Hint: think')
    expect(render(t, { Hint: '  <br> ' })).toBe('no hint')
  })

  it('nests sections', () => {
    const t = '{{#A}}{{^B}}only A{{/B}}{{/A}}'
    expect(render(t, { A: 'x', B: '' })).toBe('only A')
    expect(render(t, { A: 'x', B: 'y' })).toBe('')
  })

  it('says whether a field with text made it into the output (a card exists)', () => {
    const t = 'Acronym for “{{Expansion}}”?'
    expect(renderTemplate(t, { Expansion: '' }, front).usedNonEmptyField).toBe(false)
    expect(renderTemplate(t, { Expansion: 'x' }, front).usedNonEmptyField).toBe(true)
  })

  it('applies the cloze, cloze-only, text and type filters and FrontSide', () => {
    const fields = { Text: 'A {{c1::b}} {{c2::c}}', Back: '<b>bold</b>' }
    expect(render('{{cloze:Text}}', fields, { side: 'front', cloze: 2 })).toBe('A b […]')
    expect(render('{{cloze-only:Text}}', fields, { side: 'back', cloze: 1 })).toBe('b')
    expect(render('{{text:Back}}', fields)).toBe('bold')
    const typed = renderTemplate('{{Back}}{{type:Back}}', fields, front)
    expect(typed.typeField).toBe('Back')
    expect(render('{{FrontSide}}+', fields, { side: 'back', cloze: 1, frontSide: 'F' })).toBe('F+')
  })
})

describe('field HTML and plain text', () => {
  it('reads the text of field HTML: tags out, entities decoded, spaces folded', async () => {
    const { plainText, htmlOfText } = await import('./render-template')
    expect(plainText('<b>UN</b>&nbsp;&amp; <i>ASEAN</i><br>Tokyo&lt;Osaka')).toBe(
      'UN & ASEAN Tokyo<Osaka',
    )
    expect(plainText('<p>One</p><p>Two</p>')).toBe('One Two')
    expect(htmlOfText('a < b & "c"')).toBe('a &lt; b &amp; &quot;c&quot;')
    expect(plainText(htmlOfText('a < b & "c"'))).toBe('a < b & "c"')
  })
})

describe('templates a crafted file brings (issue 19)', () => {
  it('names only the fields the note has: constructor, toString and __proto__ are unknown fields, not Object members', () => {
    expect(render('{{constructor}}|{{toString}}|{{__proto__}}', { Front: 'x' })).toBe(
      '{unknown field constructor}|{unknown field toString}|{unknown field __proto__}',
    )
    expect(render('{{#constructor}}shown{{/constructor}}', {})).toBe('')
    expect(
      cardOrdinals(
        { id: 'c', name: 'C', kind: 'cloze', fields: ['constructor'], templates: [] },
        { Text: '{{c1::x}}' },
      ),
    ).toEqual([])
  })

  it('sections nested past the bound are said, not walked (10,000 deep hung the study screen)', () => {
    const deep = (n: number) => '{{#Front}}'.repeat(n) + 'x' + '{{/Front}}'.repeat(n)
    expect(render(deep(MAX_SECTION_DEPTH), { Front: 'y' })).toBe('x')
    expect(render(deep(10_000), { Front: 'y' })).toBe(
      `{the card template nests sections more than ${MAX_SECTION_DEPTH} deep}`,
    )
  })
})
