import HardBreak from '@tiptap/extension-hard-break'
import Image from '@tiptap/extension-image'
import { EditorContent, useEditor, type Editor } from '@tiptap/react'
import StarterKit from '@tiptap/starter-kit'
import { useEffect, useId, useRef } from 'react'
import { isMediaName } from '../../core/notes/media-refs'
import { commands } from '../commands'
import { mediaUrls } from '../media-urls'
import { sanitizeStoredHtml } from './SafeHtml'

interface Props {
  label: string
  value: string
  onChange: (html: string) => void
  autoFocus?: boolean
}

/** Images pasted or dropped go to the collection's media (IndexedDB), up to 10 MB each. */
const MAX_IMAGE_BYTES = 10 * 1024 * 1024

/**
 * A line break on Shift+Enter only: Ctrl+Enter saves the note (as Anki's editor), and
 * TipTap's own break would also take it and leave a stray `<br>` in the field.
 */
const LineBreak = HardBreak.extend({
  addKeyboardShortcuts() {
    return { 'Shift-Enter': () => this.editor.commands.setHardBreak() }
  },
})

/**
 * TipTap's image, shown from the collection's media: the note keeps the file's name (as
 * Anki's), the editor shows its object URL.
 */
const MediaImage = Image.extend({
  addNodeView() {
    return ({ node }) => {
      const img = document.createElement('img')
      const src = String(node.attrs['src'] ?? '')
      img.alt = String(node.attrs['alt'] ?? '')
      if (isMediaName(src))
        void mediaUrls([src]).then((urls) => {
          const url = urls.get(src)
          if (url) img.src = url
        })
      else if (/^data:image\//.test(src)) img.src = src
      return { dom: img }
    }
  },
})

/** A field's HTML as stored: an empty editor is '', one paragraph is its content alone. */
export function fieldHtml(html: string): string {
  if (html === '<p></p>') return ''
  const single = /^<p>((?:(?!<\/?p>).)*)<\/p>$/s.exec(html)
  return sanitizeStoredHtml(single ? (single[1] ?? '') : html)
}

function insertImages(editor: Editor, files: FileList | null | undefined): boolean {
  const images = [...(files ?? [])].filter((f) => f.type.startsWith('image/'))
  if (images.length === 0) return false
  for (const file of images) {
    if (file.size > MAX_IMAGE_BYTES) continue
    void file
      .arrayBuffer()
      .then((b) => commands.media.storePasted(new Uint8Array(b), file.type))
      .then((name) => editor.chain().focus().setImage({ src: name, alt: file.name }).run())
  }
  return true
}

/**
 * One field of a note, edited as formatted text (TipTap): bold, italic, underline, lists and
 * links (Ctrl+B, Ctrl+I, Ctrl+U as usual), images pasted or dropped. What it writes is
 * sanitized with the same policy the cards are shown with.
 */
export function RichField({ label, value, onChange, autoFocus }: Props) {
  const labelId = useId()
  // The editor, for the paste and drop handlers its own options hold.
  const editorRef = useRef<Editor | null>(null)
  const editor = useEditor({
    extensions: [
      StarterKit.configure({
        heading: false,
        codeBlock: false,
        hardBreak: false,
        horizontalRule: false,
        link: {
          openOnClick: false,
          autolink: true,
          protocols: ['https'],
          defaultProtocol: 'https',
          // https only, whatever a paste or an autolink brings; links open outside the app
          // through the checked opener, never as a new window of the app (no target).
          isAllowedUri: (url) => /^https:\/\//i.test(url),
          HTMLAttributes: { target: null, rel: 'noopener noreferrer nofollow' },
        },
      }),
      LineBreak,
      MediaImage.configure({ inline: true, allowBase64: true }),
    ],
    content: value,
    // The first field takes the focus when the editor opens, unless the user already put it in
    // another field (TipTap's own autofocus came a moment later and took it back, so typing
    // landed in the wrong field).
    onCreate: ({ editor: e }) => {
      const active = document.activeElement
      const elsewhere =
        active?.closest('.rich-field, input, textarea, select') && !e.view.dom.contains(active)
      if (autoFocus && !elsewhere) e.commands.focus('end')
    },
    editorProps: {
      attributes: {
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-labelledby': labelId,
        class: 'rich-field',
      },
      // Pasted HTML passes the note policy before the editor parses it: no handlers, no
      // http: or javascript: links, nothing that loads.
      transformPastedHTML: (html) => sanitizeStoredHtml(html),
      handlePaste: (_view, event) =>
        editorRef.current ? insertImages(editorRef.current, event.clipboardData?.files) : false,
      handleDrop: (_view, event) =>
        editorRef.current
          ? insertImages(editorRef.current, (event as DragEvent).dataTransfer?.files)
          : false,
    },
    onUpdate: ({ editor: e }) => onChange(fieldHtml(e.getHTML())),
  })
  useEffect(() => {
    editorRef.current = editor
  }, [editor])

  // A value set from outside (the next note after Add) replaces what the editor shows.
  useEffect(() => {
    if (editor && fieldHtml(editor.getHTML()) !== value) editor.commands.setContent(value)
  }, [editor, value])

  const button = (name: string, active: boolean, run: () => void, key?: string) => (
    <button
      type="button"
      className={`ghost tool${active ? ' on' : ''}`}
      aria-pressed={active}
      aria-label={`${name}${key ? ` (${key})` : ''}`}
      onMouseDown={(e) => e.preventDefault()}
      onClick={run}
    >
      {name}
    </button>
  )
  return (
    <div className="field rich">
      <span id={labelId} className="field-label">
        {label}
      </span>
      {editor && (
        <div className="rich-tools" role="toolbar" aria-label="Formatting">
          {button(
            'B',
            editor.isActive('bold'),
            () => editor.chain().focus().toggleBold().run(),
            'Ctrl+B',
          )}
          {button(
            'I',
            editor.isActive('italic'),
            () => editor.chain().focus().toggleItalic().run(),
            'Ctrl+I',
          )}
          {button(
            'U',
            editor.isActive('underline'),
            () => editor.chain().focus().toggleUnderline().run(),
            'Ctrl+U',
          )}
          {button('• List', editor.isActive('bulletList'), () =>
            editor.chain().focus().toggleBulletList().run(),
          )}
          {button('Link', editor.isActive('link'), () => {
            const url = window.prompt('Link to (https://…)', 'https://')
            if (url === null) return
            if (url === '' || url === 'https://') editor.chain().focus().unsetLink().run()
            else if (/^https:\/\//.test(url)) editor.chain().focus().setLink({ href: url }).run()
          })}
        </div>
      )}
      <EditorContent editor={editor} />
    </div>
  )
}
