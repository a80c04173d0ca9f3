import { describe, expect, it } from 'vitest'
import { plural } from './plural'

describe('plural', () => {
  it('says one of a thing in the singular and any other count in the plural', () => {
    expect(plural(1, 'card')).toBe('1 card')
    expect(plural(0, 'card')).toBe('0 cards')
    expect(plural(2, 'day')).toBe('2 days')
    expect(plural(3, 'media file')).toBe('3 media files')
    expect(plural(1, 'child', 'children')).toBe('1 child')
    expect(plural(4, 'child', 'children')).toBe('4 children')
  })
})
