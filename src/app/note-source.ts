import { z } from 'zod'
import { clozeOnly } from '../core/notes/cloze'
import { plainText } from '../core/notes/render-template'
import { mediaBytes } from './exchange/media-files'
import type { Collection } from './collection-writes'

const storedDocument = z.object({
  format: z.literal('attache-source'),
  file: z.string(),
  title: z.string(),
  blocks: z.array(z.object({ section: z.array(z.string()), text: z.string() })),
})

/** The paragraph a generated note came from, and what its card hides there. */
export interface NoteSourceView {
  file: string
  title: string
  section: string[]
  paragraph: string
  /** The hidden text of the card asked (`ord` is its cloze number − 1). */
  answer: string | null
}

/**
 * Where a note made from a document came from: the document's file name and title, the
 * paragraph's headings and text, and the text the card `ord` hides. Null for a note not made
 * from a document, or when its document is gone or unreadable.
 */
export async function noteSource(
  store: Collection,
  noteId: string,
  ord: number,
): Promise<NoteSourceView | null> {
  const note = await store.getNote(noteId)
  if (!note?.source) return null
  const bytes = await mediaBytes(store, note.source.media)
  if (!bytes) return null
  let doc: z.infer<typeof storedDocument>
  try {
    doc = storedDocument.parse(JSON.parse(new TextDecoder().decode(bytes)))
  } catch {
    return null
  }
  const block = doc.blocks[note.source.block]
  if (!block) return null
  const hidden = clozeOnly(note.fields['Text'] ?? '', ord + 1)
  return {
    file: doc.file,
    title: doc.title,
    section: block.section,
    paragraph: block.text,
    answer: hidden ? plainText(hidden) : null,
  }
}
