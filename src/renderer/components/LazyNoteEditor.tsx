import { Suspense, lazy, type ComponentProps } from 'react'
import type { NoteEditor as Editor } from './NoteEditor'

// The editor (TipTap and its ProseMirror) is the largest part of the app: it is loaded the
// first time a note is added or edited, not before the deck list shows.
const NoteEditorChunk = lazy(() => import('./NoteEditor').then((m) => ({ default: m.NoteEditor })))

/** The note editor, loaded on first use. */
export function NoteEditor(props: ComponentProps<typeof Editor>) {
  return (
    <Suspense fallback={null}>
      <NoteEditorChunk {...props} />
    </Suspense>
  )
}
