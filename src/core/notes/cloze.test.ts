import { describe, expect, it } from 'vitest'
import { clozeNumbers, clozeOnly, nextClozeNumber, renderCloze } from './cloze'

const text = 'The {{c1::UN}} adopted {{c2::resolution 2250::a number}} in {{c1::2015}}.'

describe('cloze deletions', () => {
  it('finds each number once, in order', () => {
    expect(clozeNumbers(text)).toEqual([1, 2])
    expect(clozeNumbers('{{c3::a}} {{c1::b}} {{c3::c}}')).toEqual([1, 3])
    expect(clozeNumbers('no deletions, {{not one}}')).toEqual([])
  })

  it('hides the active number on the front, every blank of it, and shows the others', () => {
    expect(renderCloze(text, 1, 'front')).toBe('The […] adopted resolution 2250 in […].')
    expect(renderCloze(text, 2, 'front')).toBe('The UN adopted [a number] in 2015.')
    expect(renderCloze(text, 'all', 'front')).toBe('The […] adopted [a number] in […].')
  })

  it('reveals everything on the back, and lists the active answers alone', () => {
    expect(renderCloze(text, 1, 'back')).toBe('The UN adopted resolution 2250 in 2015.')
    expect(clozeOnly(text, 1)).toBe('UN, 2015')
    expect(clozeOnly(text, 2)).toBe('resolution 2250')
  })

  it('numbers a new deletion past the highest in any field, or with the highest', () => {
    expect(nextClozeNumber(['', ''], false)).toBe(1)
    expect(nextClozeNumber(['', ''], true)).toBe(1)
    expect(nextClozeNumber(['{{c1::a}} {{c3::b}}', '{{c4::c}}'], false)).toBe(5)
    expect(nextClozeNumber(['{{c1::a}} {{c3::b}}', '{{c4::c}}'], true)).toBe(4)
  })
})
