import DOMPurify from 'dompurify'
import { useMemo } from 'react'
import { isMediaName, soundTagsAsAudio } from '../../core/notes/media-refs'
import { openExternal } from '../commands'
import { useMediaUrls } from '../media-urls'

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
    'audio',
  ],
  ALLOWED_ATTR: ['href', 'src', 'alt', 'title', 'controls'],
  // Links to https only (they open outside the app); images and sounds only from the note
  // itself (data:) or the collection's media (blob: URLs made here), so nothing is fetched.
  // A media name (no scheme, not `//host`) passes only to be rewritten or kept by the hook.
  ALLOWED_URI_REGEXP:
    /^(?:https:|blob:|data:image\/(?:png|jpeg|gif|webp);base64,|(?![a-z][a-z0-9+.-]*:)(?!\/\/)[^\s]+$)/i,
}

/** The media of the note being sanitized: name → object URL (DOMPurify's hooks are global). */
let currentMedia: ReadonlyMap<string, string> = new Map()
/** Set while sanitizing HTML to store: media names stay names. */
let keepingNames = false
const ourUrls = () => new Set(currentMedia.values())

DOMPurify.addHook('uponSanitizeAttribute', (_node, data) => {
  if (data.attrName === 'href') {
    // A link leaves the app for an https page, or is no link: a relative, blob: or data: href
    // opened in a new tab (middle click, the context menu) would be a page of the app's origin.
    if (!/^https:\/\//i.test(data.attrValue.trim())) data.keepAttr = false
    return
  }
  if (data.attrName !== 'src') return
  const value = data.attrValue.trim()
  if (isMediaName(value)) {
    // Stored HTML keeps the name; shown HTML gets the file's object URL, or no source at all.
    if (keepingNames) return
    const url = currentMedia.get(value) ?? currentMedia.get(safeDecode(value))
    if (url) data.attrValue = url
    else data.keepAttr = false
  } else if (/^blob:/i.test(value) && (keepingNames || !ourUrls().has(value))) {
    // A blob: URL in the HTML itself is refused; only the ones made here are shown.
    data.keepAttr = false
  }
})

function safeDecode(s: string) {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

/** Field HTML to store: the same policy, media names kept as names (the editor writes these). */
export function sanitizeStoredHtml(html: string): string {
  keepingNames = true
  try {
    return DOMPurify.sanitize(html, POLICY)
  } finally {
    keepingNames = false
  }
}

/**
 * Note HTML with everything unsafe removed (the one way note HTML reaches the DOM); media
 * names become the object URLs of `media`, `[sound:…]` an audio player.
 */
export function sanitizeNoteHtml(
  html: string,
  media: ReadonlyMap<string, string> = new Map(),
): string {
  currentMedia = media
  try {
    return DOMPurify.sanitize(
      soundTagsAsAudio(html, (name) => media.has(name)),
      POLICY,
    )
  } finally {
    currentMedia = new Map()
  }
}

/** Every click on a link in note HTML — plain, Ctrl/⌘, Shift, middle — opens it outside the app through the checked opener, or not at all. */
function openLinkOutside(e: React.MouseEvent) {
  const link = (e.target as HTMLElement).closest('a')
  if (!link) return
  e.preventDefault()
  const href = link.getAttribute('href') ?? ''
  if (href.startsWith('https://')) void openExternal(href)
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
  const media = useMediaUrls(html)
  const clean = useMemo(() => sanitizeNoteHtml(html, media), [html, media])
  const Tag = as
  return (
    <Tag
      className={className}
      data-testid={testId}
      dangerouslySetInnerHTML={{ __html: clean }}
      onClick={openLinkOutside}
      // A middle click opens a link in a new tab without a click event: it goes the same way.
      onAuxClick={(e) => e.button === 1 && openLinkOutside(e)}
    />
  )
}
