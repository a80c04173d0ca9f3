import { describe, expect, it } from 'vitest'
import { mediaKindOf } from './media-kind'

const bytes = (s: string) => new TextEncoder().encode(s)

describe('what a media file is, from its bytes', () => {
  it('knows images and sounds by their signatures, whatever the name says', () => {
    expect(
      mediaKindOf(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])),
    ).toEqual({
      kind: 'image',
      type: 'image/png',
    })
    expect(mediaKindOf(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))?.type).toBe('image/jpeg')
    expect(mediaKindOf(bytes('GIF89a....'))?.type).toBe('image/gif')
    expect(mediaKindOf(bytes('ID3\u0003\u0000'))?.type).toBe('audio/mpeg')
    expect(mediaKindOf(bytes('OggS\u0000'))?.type).toBe('audio/ogg')
    expect(mediaKindOf(bytes('RIFF\u0000\u0000\u0000\u0000WAVEfmt '))?.type).toBe('audio/wav')
  })

  it('calls SVG SVG, after a prolog, comments or a doctype', () => {
    expect(mediaKindOf(bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'))?.kind).toBe('svg')
    expect(
      mediaKindOf(bytes('<?xml version="1.0"?>\n<!-- x --><!DOCTYPE svg><svg onload="x()">'))?.kind,
    ).toBe('svg')
  })

  it('gives HTML, script, text and unknown bytes no kind at all, so they never get a URL', () => {
    for (const page of [
      '<html><script>alert(1)</script></html>',
      '<!DOCTYPE html><body onload=alert(1)>',
      '<script>fetch("x")</script>',
      'plain text',
      '',
      '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><script/></html>',
    ])
      expect(mediaKindOf(bytes(page)), page).toBeNull()
  })
})
