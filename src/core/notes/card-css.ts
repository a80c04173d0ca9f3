import type { CssNode, List, Rule } from 'css-tree'
// The parser and the generator alone: the package's main entry also builds its lexer from the
// whole CSS syntax dictionary on load (about a sixth of the app's start-up script time).
import generate from 'css-tree/generator'
import parse from 'css-tree/parser'

/** The class the card element carries when its note type's stylesheet applies. */
export const NOTE_CSS_SCOPE = 'note-css'

/** Properties a card's stylesheet may not set: they could reach outside the card or load. */
const BANNED_PROPERTY = /^(?:position|behavior|-moz-binding|cursor|pointer-events|z-index)$/i
/** Values that load something or run something. */
const BANNED_VALUE = /url\s*\(|expression\s*\(|image-set\s*\(|@import|javascript:/i
/** On the card itself, the app's theme owns the colours (a white card in dark mode otherwise). */
const THEME_PROPERTY = /^(?:color|background(?:-color|-image)?)$/i
/** Anki's night-mode classes: the app's theme stands in for them. */
const NIGHT_MODE = /\.(?:nightMode|night_mode)\b/

const cache = new Map<string, string>()

/**
 * A note type's CSS (as Anki keeps it) made safe to show beside the app's own: only style
 * rules and `@media` blocks (no `@import`, `@font-face` or other at-rules), no `url()` or other
 * loading values, no positioning out of the card; every selector scoped to the card
 * (`.card`, `html`, `body` and `*` at its start mean the card itself), Anki's night-mode rules
 * left out, and the card's own colours left to the theme. Unreadable CSS gives ''.
 */
export function scopedCardCss(css: string): string {
  const known = cache.get(css)
  if (known !== undefined) return known
  let result = ''
  try {
    const ast = parse(css, { parseValue: false, parseAtrulePrelude: false, onParseError: () => {} })
    if (ast.type === 'StyleSheet') {
      ast.children = keptRules(ast.children)
      result = generate(ast)
    }
  } catch {
    result = ''
  }
  if (cache.size > 100) cache.clear()
  cache.set(css, result)
  return result
}

function keptRules(children: List<CssNode>): List<CssNode> {
  return children.filter((node) => {
    if (node.type === 'Atrule') {
      if (node.name.toLowerCase() !== 'media' || !node.block) return false
      node.block.children = keptRules(node.block.children)
      return true
    }
    if (node.type !== 'Rule') return false
    return scoped(node)
  }) as List<CssNode>
}

/** Scopes a rule's selectors and filters its declarations; false when nothing of it is left. */
function scoped(rule: Rule): boolean {
  // A selector the parser could not read comes as raw text: the rule is left out.
  if (rule.prelude.type !== 'SelectorList') return false
  const selectors = generate(rule.prelude)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s && !NIGHT_MODE.test(s))
  if (selectors.length === 0) return false
  let onCard = false
  const scopedSelectors = selectors.map((s) => {
    const own = /^(?:\.card|html|body|\*)(?![\w-])/.exec(s)
    if (!own) return `.${NOTE_CSS_SCOPE} ${s}`
    const rest = s.slice(own[0].length)
    if (!rest.trim()) onCard = true
    return `.${NOTE_CSS_SCOPE}${rest}`
  })
  rule.prelude = { type: 'Raw', value: scopedSelectors.join(', ') }
  if (rule.block.type !== 'Block') return false
  rule.block.children = rule.block.children.filter((d) => {
    if (d.type !== 'Declaration') return false
    const value = generate(d.value)
    if (BANNED_PROPERTY.test(d.property) || BANNED_VALUE.test(value)) return false
    return !(onCard && THEME_PROPERTY.test(d.property))
  }) as List<CssNode>
  return !rule.block.children.isEmpty
}
