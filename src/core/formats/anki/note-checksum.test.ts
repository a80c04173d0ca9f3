import { describe, expect, it } from 'vitest'
import { ankiFieldChecksum, ankiSortText } from './note-checksum'

describe("Anki's sort text and checksum of a note", () => {
  it('keeps media file names between spaces and drops the rest of the HTML', () => {
    expect(ankiSortText('Whose flag is this? <img src="red flag (2x2).png">')).toBe(
      'Whose flag is this?  red flag (2x2).png ',
    )
    expect(ankiSortText('<b>R&amp;D</b> &lt;x&gt;<!-- note --><style>p{}</style>')).toBe('R&D <x>')
    expect(ankiSortText('a&nbsp;b')).toBe('a b')
    expect(ankiSortText('<img src=bare.jpg>x')).toBe(' bare.jpg x')
  })

  it('is the first 4 bytes of the SHA-1, big-endian (values from Python hashlib)', () => {
    // int(hashlib.sha1(text.encode()).hexdigest()[:8], 16)
    expect(ankiFieldChecksum('Whose flag is this? <img src="red flag (2x2).png">')).toBe(2044429060)
    expect(ankiFieldChecksum('<b>R&amp;D</b> &lt;x&gt;')).toBe(1899105001)
    expect(ankiFieldChecksum('a&nbsp;b')).toBe(2109598005)
    expect(ankiFieldChecksum('UNCLOS')).toBe(3670973312)
  })
})
