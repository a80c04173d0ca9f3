import Image from '@tiptap/extension-image'
import { EditorContent, useEditor, type Editor } from '@tiptap/react'
import StarterKit from '@tiptap/starter-kit'
import { useEffect, useId, useRef } from 'react'
import { sanitizeNoteHtml } from './SafeHtml'

interface Props {
  label: string
  value: string
  onChange: (html: string) => void
  autoFocus?: boolean
}

/** Images pasted or dropped are kept in the note (as data), so they show offline; up to 2 MB. */
const MAX_IMAGE_BYTES = 2 * 1024 * 1024

/** A field's HTML as stored: an empty editor is '', one paragraph is its content alone. */
export function fieldHtml(html: string): string {
  if (html === '<p></p>') return ''
  const single = /^<p>((?:(?!<\/?p>).)*)<\/p>$/s.exec(html)
  return sanitizeNoteHtml(single ? (single[1] ?? '') : html)
}

function insertImages(editor: Editor, files: FileList | null | undefined): boolean {
  const images = [...(files ?? [])].filter((f) => f.type.startsWith('image/'))
  if (images.length === 0) return false
  for (const file of images) {
    if (file.size > MAX_IMAGE_BYTES) continue
    const reader = new FileReader()
    reader.onload = () => {
      if (typeof reader.result === 'string')
        editor.chain().focus().setImage({ src: reader.result, alt: file.name }).run()
    }
    reader.readAsDataURL(file)
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
        horizontalRule: false,
        link: {
          openOnClick: false,
          autolink: true,
          protocols: ['https'],
          defaultProtocol: 'https',
        },
      }),
      Image.configure({ inline: true, allowBase64: true }),
    ],
    content: value,
    autofocus: autoFocus ? 'end' : false,
    editorProps: {
      attributes: {
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-labelledby': labelId,
        class: 'rich-field',
      },
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
