import { parseTree, printParseErrorCode, type ParseError, type ParseErrorCode } from 'jsonc-parser'

// Keyed by the code's name: jsonc-parser's codes are a const enum, which this build cannot read.
const WORDS: Record<string, string> = {
  InvalidSymbol: 'a character JSON does not allow',
  InvalidNumberFormat: 'a number written wrong',
  PropertyNameExpected: 'a name in double quotes was expected',
  ValueExpected: 'a value was expected',
  ColonExpected: 'a ":" is missing',
  CommaExpected: 'a "," is missing',
  CloseBraceExpected: 'a "}" is missing',
  CloseBracketExpected: 'a "]" is missing',
  EndOfFileExpected: 'text goes on after the end of the JSON',
  UnexpectedEndOfString: 'a string is not closed',
  UnexpectedEndOfNumber: 'a number is cut off',
  InvalidUnicode: 'a \\u escape is wrong',
  InvalidEscapeCharacter: 'a \\ escape is wrong',
  InvalidCharacter: 'a control character inside a string',
}

/** A JSON syntax error in our words (never the parser's code name). */
export const jsonErrorText = (code: ParseErrorCode) =>
  WORDS[printParseErrorCode(code)] ?? 'the text is not JSON'

/** The first syntax error of text that is not JSON: its offset and what is wrong, in our words. */
export function firstJsonError(text: string): { offset: number; reason: string } | null {
  const errors: ParseError[] = []
  parseTree(text, errors, { allowTrailingComma: false, disallowComments: true })
  const first = errors[0]
  return first ? { offset: first.offset, reason: jsonErrorText(first.error) } : null
}
