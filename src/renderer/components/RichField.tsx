import HardBreak from '@tiptap/extension-hard-break'
import Image from '@tiptap/extension-image'
import { TextSelection } from '@tiptap/pm/state'
import { EditorContent, useEditor, type Editor } from '@tiptap/react'
import StarterKit from '@tiptap/starter-kit'
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react'
import { isMediaName } from '../../core/notes/media-refs'
import { commands } from '../commands'
import { mediaUrls } from '../media-urls'
import { sanitizeStoredHtml } from './SafeHtml'

interface Props {
  label: string
  value: string
  onChange: (html: string) => void
  autoFocus?: boolean
  /**
   * The number for a new cloze deletion across the note's fields (`same`: the highest in use);
   * absent when the note type is not a cloze type.
   */
  clozeNumber?: ((same: boolean) => number) | undefined
  /** Says what a key or button could not do (no cloze in this note type, an image too large). */
  onNotice?: (text: string) => void
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

function insertImages(
  editor: Editor,
  files: FileList | null | undefined,
  onNotice: ((text: string) => void) | undefined,
): boolean {
  const images = [...(files ?? [])].filter((f) => f.type.startsWith('image/'))
  if (images.length === 0) return false
  for (const file of images) {
    if (file.size > MAX_IMAGE_BYTES) {
      onNotice?.(`${file.name} is larger than 10 MB; it was not added.`)
      continue
    }
    void file
      .arrayBuffer()
      .then((b) => commands.media.storePasted(new Uint8Array(b), file.type))
      .then((name) => editor.chain().focus().setImage({ src: name, alt: file.name }).run())
  }
  return true
}

/** Wraps the selection in a cloze deletion (or opens an empty one at the cursor). */
function wrapInCloze(editor: Editor, n: number) {
  // Inside the text, even when the whole field is selected (Ctrl+A selects the document).
  const { doc, selection } = editor.state
  const { from, to } = TextSelection.between(doc.resolve(selection.from), doc.resolve(selection.to))
  const open = `{{c${n}::`
  editor
    .chain()
    .focus()
    .command(({ tr }) => {
      tr.insertText('}}', to)
      tr.insertText(open, from)
      if (from === to) tr.setSelection(TextSelection.create(tr.doc, from + open.length))
      return true
    })
    .run()
}

/** Ctrl or ⌘ with Shift and a letter, and Alt when `alt` (case-free: Shift makes it upper). */
const chord = (e: KeyboardEvent, letter: string, alt = false) =>
  (e.ctrlKey || e.metaKey) && e.shiftKey && e.altKey === alt && e.key.toLowerCase() === letter

/**
 * One field of a note, edited as formatted text (TipTap), with Anki's editor keys: bold,
 * italic, underline (Ctrl+B, Ctrl+I, Ctrl+U), lists, links, a cloze deletion (Ctrl+Shift+C, a
 * new number; Ctrl+Alt+Shift+C, the same number), an image from a file or pasted or dropped,
 * and the field's HTML (Ctrl+Shift+X). Tab and Shift+Tab go field to field: the toolbar is one
 * key away (Alt+F10, then the arrow keys; Esc goes back to the text). What it writes is
 * sanitized with the same policy the cards are shown with.
 */
export function RichField({ label, value, onChange, autoFocus, clozeNumber, onNotice }: Props) {
  const labelId = useId()
  const [htmlView, setHtmlView] = useState<string | null>(null)
  const imageInput = useRef<HTMLInputElement>(null)
  const toolbar = useRef<HTMLDivElement>(null)
  // The editor, for the paste and drop handlers its own options hold.
  const editorRef = useRef<Editor | null>(null)
  const notice = useRef(onNotice)
  notice.current = onNotice
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
        editorRef.current
          ? insertImages(editorRef.current, event.clipboardData?.files, notice.current)
          : false,
      handleDrop: (_view, event) =>
        editorRef.current
          ? insertImages(
              editorRef.current,
              (event as DragEvent).dataTransfer?.files,
              notice.current,
            )
          : false,
    },
    onUpdate: ({ editor: e }) => onChange(fieldHtml(e.getHTML())),
  })
  useEffect(() => {
    editorRef.current = editor
  }, [editor])

  // A value set from outside (the next note after Add, or the HTML view) replaces what the
  // editor shows, without writing it back: markup the editor does not model (an imported
  // note's spans or tables) stays as stored until the text itself is edited.
  useEffect(() => {
    if (editor && fieldHtml(editor.getHTML()) !== value)
      editor.commands.setContent(value, { emitUpdate: false })
  }, [editor, value])

  const cloze = (same: boolean) => {
    if (!editor) return
    if (clozeNumber) wrapInCloze(editor, clozeNumber(same))
    else onNotice?.('Cloze deletions need a cloze note type: choose “Cloze” as the note type.')
  }
  const toggleHtml = () => {
    if (htmlView === null) setHtmlView(value)
    else {
      setHtmlView(null)
      editor?.commands.focus()
    }
  }
  const onFieldKeys = (e: KeyboardEvent<HTMLDivElement>) => {
    // A cloze wraps the formatted text's selection: not from the HTML view.
    const inText = !(e.target instanceof HTMLTextAreaElement)
    let act: (() => void) | null = null
    if (chord(e, 'c', true) && inText) act = () => cloze(true)
    else if (chord(e, 'c') && inText) act = () => cloze(false)
    else if (chord(e, 'x')) act = toggleHtml
    else if (e.altKey && e.key === 'F10')
      act = () => toolbar.current?.querySelector<HTMLElement>('button')?.focus()
    if (!act) return
    e.preventDefault()
    e.stopPropagation()
    act()
  }
  // The toolbar is no tab stop: Alt+F10 enters it, the arrow keys walk it, Esc leaves it.
  const onToolbarKeys = (e: KeyboardEvent<HTMLDivElement>) => {
    const buttons = [...(toolbar.current?.querySelectorAll<HTMLElement>('button') ?? [])]
    const at = buttons.indexOf(document.activeElement as HTMLElement)
    const step = { ArrowRight: 1, ArrowLeft: -1, Home: -at, End: buttons.length - 1 - at }[
      e.key as 'ArrowRight'
    ]
    if (step !== undefined) {
      e.preventDefault()
      buttons[(at + step + buttons.length) % buttons.length]?.focus()
    } else if (e.key === 'Escape') {
      e.preventDefault()
      e.stopPropagation()
      editor?.commands.focus()
    }
  }

  const button = (name: string, active: boolean | null, run: () => void, key?: string) => (
    <button
      type="button"
      tabIndex={-1}
      className={`ghost tool${active ? ' on' : ''}`}
      {...(active === null ? {} : { 'aria-pressed': active })}
      aria-label={`${name}${key ? ` (${key})` : ''}`}
      title={key ? `${name} (${key})` : name}
      onMouseDown={(e) => e.preventDefault()}
      onClick={run}
    >
      {name}
    </button>
  )
  return (
    <div className="field rich" onKeyDown={onFieldKeys}>
      <span id={labelId} className="field-label">
        {label}
      </span>
      {editor && (
        <div
          ref={toolbar}
          className="rich-tools"
          role="toolbar"
          aria-label="Formatting (Alt+F10)"
          onKeyDown={onToolbarKeys}
        >
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
          {button('Image', null, () => imageInput.current?.click())}
          {button('[…] Cloze', null, () => cloze(false), 'Ctrl+Shift+C')}
          {button('HTML', htmlView !== null, toggleHtml, 'Ctrl+Shift+X')}
          <input
            ref={imageInput}
            type="file"
            accept="image/*"
            hidden
            onChange={(e) => {
              insertImages(editor, e.target.files, onNotice)
              e.target.value = ''
            }}
          />
        </div>
      )}
      <EditorContent editor={editor} />
      {htmlView !== null && (
        <textarea
          className="html-view"
          aria-label={`${label} as HTML`}
          spellCheck={false}
          autoFocus
          value={htmlView}
          onChange={(e) => {
            setHtmlView(e.target.value)
            onChange(sanitizeStoredHtml(e.target.value))
          }}
        />
      )}
    </div>
  )
}
