import { useNoteSource } from '../queries'
import { useModalDialog } from './use-modal-dialog'

interface Props {
  noteId: string
  ord: number
  onClose: () => void
}

/** The paragraph highlighted where the card's blank is: the first place the answer appears. */
function Highlighted({ paragraph, answer }: { paragraph: string; answer: string | null }) {
  const at = answer ? paragraph.indexOf(answer) : -1
  if (!answer || at < 0) return <>{paragraph}</>
  return (
    <>
      {paragraph.slice(0, at)}
      <mark data-testid="source-answer">{answer}</mark>
      {paragraph.slice(at + answer.length)}
    </>
  )
}

/** "Show in source" (S while studying): the paragraph a generated card came from, its blank marked. */
export function SourceDialog({ noteId, ord, onClose }: Props) {
  const { dialog, close, onCancel } = useModalDialog(onClose)
  const source = useNoteSource(noteId, ord)
  return (
    <dialog
      ref={dialog}
      className="editor source-dialog"
      aria-label="In its source"
      onCancel={onCancel}
    >
      <h2>In its source</h2>
      {source === undefined && <p className="muted">Loading…</p>}
      {source === null && <p role="alert">This card’s source document is no longer here.</p>}
      {source && (
        <>
          <p className="muted">
            {source.file}
            {source.section.length ? ` › ${source.section.join(' › ')}` : ''}
          </p>
          <blockquote className="source-paragraph">
            <Highlighted paragraph={source.paragraph} answer={source.answer} />
          </blockquote>
        </>
      )}
      <div className="editor-actions">
        <button type="button" className="primary" onClick={close}>
          Close <kbd>Esc</kbd>
        </button>
      </div>
    </dialog>
  )
}
