import { describe, expect, it } from 'vitest'
import { ImportError } from '../import-error'
import { MAX_TEXT_BYTES, readDelimited } from './read-delimited'

const bytesOf = (s: string) => new TextEncoder().encode(s)
const read = (s: string) => readDelimited(bytesOf(s), 'notes.csv')

describe('reading delimited text', () => {
  it('honours Anki’s headers and numbers records by the line they start on', () => {
    const t = read(
      '#separator:tab\n#html:true\n#tags:exam un\n#deck:Treaties\n#notetype:Basic\n#tags column:3\nUNCLOS\t1982\tsea\nNPT\t1970\t\n',
    )
    expect(t.separator).toBe('\t')
    expect(t.separatorKnown).toBe(true)
    expect(t.headers).toEqual({
      separator: '\t',
      html: true,
      tags: ['exam', 'un'],
      deck: 'Treaties',
      notetype: 'Basic',
      tagsColumn: 3,
    })
    expect(t.rows).toEqual([
      { line: 7, cells: ['UNCLOS', '1982', 'sea'] },
      { line: 8, cells: ['NPT', '1970', ''] },
    ])
  })

  it('drops a BOM, reads CRLF, keeps quoted newlines and separators inside one field', () => {
    const t = read('\uFEFFfront,back\r\n"two\r\nlines","a, b"\r\n\r\n# a comment\r\nlast,one\r\n')
    expect(t.separator).toBe(',')
    expect(t.rows.map((r) => r.cells)).toEqual([
      ['front', 'back'],
      ['two\r\nlines', 'a, b'],
      ['last', 'one'],
    ])
    expect(t.rows.map((r) => r.line)).toEqual([1, 2, 6])
  })

  it('guesses the separator when the file does not say it', () => {
    expect(read('a;b;c\nd;e;f\n').separator).toBe(';')
    expect(read('a\tb\nc\td\n').separator).toBe('\t')
  })

  it('names the line where the bytes stop being UTF-8, and refuses UTF-16', () => {
    const latin1 = new Uint8Array([...bytesOf('ok,fine\ncaf'), 0xe9, ...bytesOf(',x\n')])
    expect(() => readDelimited(latin1, 'latin1.csv')).toThrow(
      new ImportError(
        'latin1.csv',
        'line 2',
        'not UTF-8 text (save the file as UTF-8 and import it again)',
      ),
    )
    expect(() => readDelimited(new Uint8Array([0xff, 0xfe, 0x61, 0]), 'wide.txt')).toThrow(/UTF-16/)
  })

  it('refuses a quoted field that never closes and a header with a bad column', () => {
    expect(() => read('a,"never closed\nb,c\n')).toThrow(/a quoted field is not closed/)
    expect(() => read('#tags column:zero\na,b\n')).toThrow(
      new ImportError(
        'notes.csv',
        'line 1',
        '#tags column needs a column number from 1, not "zero"',
      ),
    )
  })

  it('refuses a file past the size it can read, with both sizes, before parsing it (a 200 MB single-line CSV crashed the tab)', () => {
    const big = new Uint8Array(MAX_TEXT_BYTES + 1).fill(0x61)
    expect(() => readDelimited(big, 'huge.csv')).toThrow(
      'huge.csv: the file is 128.0 MB; a text file of notes may be at most 128 MB — split it into parts',
    )
  })
})
