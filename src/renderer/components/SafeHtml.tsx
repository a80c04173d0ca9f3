import DOMPurify from 'dompurify'
import { useMemo } from 'react'
import { openExternal } from '../live-data'

/** What note HTML may hold: formatting, lists, links and images — nothing that runs or loads. */
const POLICY = {
  ALLOWED_TAGS: [
    'b',
    'strong',
    'i',
    'em',
    'u',
    's',
    'sub',
    'sup',
    'br',
    'p',
    'div',
    'span',
    'ul',
    'ol',
    'li',
    'a',
    'img',
    'code',
    'pre',
    'blockquote',
    'hr',
    'table',
    'thead',
    'tbody',
    'tr',
    'td',
    'th',
    'h1',
    'h2',
    'h3',
    'h4',
  ],
  ALLOWED_ATTR: ['href', 'src', 'alt', 'title'],
  // Links to https only (they open outside the app); images only as data inside the note, so
  // nothing is fetched from anywhere.
  ALLOWED_URI_REGEXP: /^(?:https:|data:image\/(?:png|jpeg|gif|webp);base64,)/i,
}

/** Note HTML with everything unsafe removed (the one way note HTML reaches the DOM). */
export function sanitizeNoteHtml(html: string): string {
  return DOMPurify.sanitize(html, POLICY)
}

interface Props {
  html: string
  className?: string
  testId?: string
  as?: 'div' | 'span' | 'p'
}

/**
 * Renders a card face or field: sanitized by DOMPurify, with links opened outside the app
 * through the platform's checked `openExternal`, never inside it.
 */
export function SafeHtml({ html, className, testId, as = 'div' }: Props) {
  const clean = useMemo(() => sanitizeNoteHtml(html), [html])
  const Tag = as
  return (
    <Tag
      className={className}
      data-testid={testId}
      dangerouslySetInnerHTML={{ __html: clean }}
      onClick={(e) => {
        const link = (e.target as HTMLElement).closest('a')
        if (!link) return
        e.preventDefault()
        const href = link.getAttribute('href') ?? ''
        if (href.startsWith('https://')) void openExternal(href)
      }}
    />
  )
}
