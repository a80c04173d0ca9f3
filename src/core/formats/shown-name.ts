/**
 * A name from a file as a message may show it (issue 19): control and text-direction
 * characters written as `\u{…}` (a right-to-left override makes "photo\u202Egnp.exe" read as
 * "photoexe.png", Unicode TR36), and at most 60 characters, so a garbage entry name cannot
 * flood a message.
 */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
export const CONTROL = /[\u0000-\u001f\u007f]/
export const BIDI_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/
const SHOWN_AS_CODE = new RegExp(`${CONTROL.source}|${BIDI_CONTROL.source}`, 'g')

export function shownName(name: string): string {
  const cut = name.length > 60 ? `${name.slice(0, 60)}…` : name
  return cut.replace(
    SHOWN_AS_CODE,
    (ch) => `\\u{${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase()}}`,
  )
}
