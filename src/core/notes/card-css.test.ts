import { describe, expect, it } from 'vitest'
import { scopedCardCss } from './card-css'

const norm = (css: string) => css.replace(/\s+/g, ' ').trim()

describe("a note type's stylesheet, made safe and scoped to the card", () => {
  it("keeps Anki's default card style on the card, with its colours left to the theme", () => {
    const css = scopedCardCss(
      '.card {\n font-family: arial;\n font-size: 20px;\n text-align: center;\n color: black;\n background-color: white;\n}\n',
    )
    expect(norm(css)).toBe('.note-css{font-family:arial;font-size:20px;text-align:center}')
  })

  it('scopes every selector to the card, element and descendant selectors alike', () => {
    const css = scopedCardCss(
      'b, i { color: darkred } .card img { max-width: 50% } html { line-height: 1.6 }',
    )
    expect(css).toContain('.note-css b, .note-css i{color:darkred}')
    expect(css).toContain('.note-css img{max-width:50%}')
    expect(css).toContain('.note-css{line-height:1.6}')
  })

  it('drops what could load, run or reach outside the card', () => {
    const css = scopedCardCss(
      [
        '@import url("https://example.com/x.css");',
        '@font-face { font-family: X; src: url(https://example.com/x.woff) }',
        '.card { background: url(https://example.com/track.png); font-size: 18px }',
        'img { content: url("https://example.com/a.png"); position: fixed; z-index: 99999 }',
        'div { width: expression(alert(1)) }',
      ].join('\n'),
    )
    expect(css).not.toMatch(/import|font-face|url|example|position|z-index|expression/)
    expect(css).toContain('.note-css{font-size:18px}')
  })

  it("keeps @media blocks, scoped, and leaves Anki's night-mode rules to the theme", () => {
    const css = scopedCardCss(
      '@media (max-width: 600px) { .card { font-size: 16px } } .nightMode .card { color: white } .card.night_mode b { color: pink }',
    )
    expect(norm(css)).toBe('@media (max-width: 600px){.note-css{font-size:16px}}')
  })

  it('gives nothing for text that is not CSS, and nothing unsafe for broken CSS', () => {
    expect(scopedCardCss('')).toBe('')
    const broken = scopedCardCss(
      '.card { font-size: 20px; } } <script>alert(1)</script> { color: red',
    )
    expect(broken).not.toContain('<script')
    expect(broken).toContain('.note-css{font-size:20px}')
  })
})
