import { describe, expect, it } from 'vitest'
import { mediaReferences } from './media-refs'

describe('media a field refers to', () => {
  it('finds names with spaces and parentheses, as Anki users name pasted files', () => {
    const html =
      '<img src="Image from Facebook (10).jpg"> and <img src=\'two words.png\'>[sound:a b.mp3]'
    expect(mediaReferences(html)).toEqual([
      'Image from Facebook (10).jpg',
      'two words.png',
      'a b.mp3',
    ])
  })

  it('reads an attribute as a browser does: unquoted to the first space, references decoded', () => {
    expect(mediaReferences('<img src=plain.png alt="x"><img src="r&amp;d.png">')).toEqual([
      'plain.png',
      'r&d.png',
    ])
    expect(mediaReferences('<img src="caf%C3%A9.png">')).toEqual(['café.png'])
  })

  it('leaves out URLs: only names of the collection’s files count', () => {
    expect(
      mediaReferences(
        '<img src="https://example.org/x.png"><img src="data:image/png;base64,AA==">',
      ),
    ).toEqual([])
  })
})
