import { useNoteSource } from '../queries'
import { useModalDialog } from './use-modal-dialog'

interface Props {
  noteId: string
  ord: number
  /** The card's answer is not shown yet: the paragraph keeps it hidden too. */
  hideAnswer: boolean
  onClose: () => void
}

/**
 * The paragraph with the card's blank marked where the answer first appears: the answer itself
 * once the card shows it, a gap in its place before (looking at the source gives nothing away).
 */
function Highlighted(props: { paragraph: string; answer: string | null; hide: boolean }) {
  const { paragraph, answer } = props
  const at = answer ? paragraph.indexOf(answer) : -1
  if (!answer || at < 0) return <>{paragraph}</>
  return (
    <>
      {paragraph.slice(0, at)}
      {props.hide ? (
        <mark data-testid="source-gap" aria-label="the answer, hidden until you show it">
          […]
        </mark>
      ) : (
        <mark data-testid="source-answer">{answer}</mark>
      )}
      {paragraph.slice(at + answer.length)}
    </>
  )
}

/** "Show in source" (S while studying): the paragraph a generated card came from, its blank marked. */
export function SourceDialog({ noteId, ord, hideAnswer, onClose }: Props) {
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
            <Highlighted paragraph={source.paragraph} answer={source.answer} hide={hideAnswer} />
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
