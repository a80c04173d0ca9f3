import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import { EditError, userNoteTypes, type EditReceipt } from '../../app/editing'
import { nextClozeNumber } from '../../core/notes/cloze'
import { cardFace, cardOrdinals, whyNoCards } from '../../core/notes/note-cards'
import type { NoteType } from '../../core/notes/note-types'
import { useAllTags, useNote, useNoteTypes, useVersionsOf } from '../queries'
import { DeckSelect } from './DeckSelect'
import { KeptVersions } from './KeptVersions'
import { commands } from '../commands'
import { RichField } from './RichField'
import { SafeHtml } from './SafeHtml'
import { closeDialog, useModalDialog } from './use-modal-dialog'

type Props =
  | { mode: 'add'; deckId: string; deckName: string; onClose: (saved: boolean) => void }
  | {
      mode: 'edit'
      noteId: string
      /**
       * `receipt`: the saved edit, so the owner can offer to undo it. Beside the browser's
       * table (`inline`) it is called on each save, and the editor stays.
       */
      onClose: (saved: boolean, receipt?: EditReceipt) => void
      inline?: boolean
    }

/**
 * Adds a note to a deck, or edits one (E while studying): a note type, its fields, tags, a
 * live preview of every card the note will make, and why it makes none if it makes none.
 * Field text is shown as text everywhere (never as HTML), so nothing typed can run.
 * Ctrl/⌘+Enter saves, Esc closes. Beside the browser's table (`inline`) it is no dialog: it
 * saves on Ctrl+Enter and, as Anki's browser does, when the user moves on with changes unsaved.
 */
export function NoteEditor(props: Props) {
  // Closing goes through `close(saved)` below, which tells the owner whether a note was saved.
  const { dialog } = useModalDialog(() => undefined)
  const id = useId()
  const types = useNoteTypes()
  const editing = useNote(props.mode === 'edit' ? props.noteId : null)
  const versions = useVersionsOf('notes', props.mode === 'edit' ? props.noteId : null)
  const [dirty, setDirty] = useState(false)
  const [typeId, setTypeId] = useState('basic')
  const [fields, setFields] = useState<Record<string, string> | null>(null)
  const [tags, setTags] = useState('')
  const [deckId, setDeckId] = useState<string | null>(null)
  const allTags = useAllTags()
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const [added, setAdded] = useState(0)
  // A note that makes no card says why, in red only once the user has typed or tried to save.
  const [touched, setTouched] = useState(props.mode === 'edit')
  const [notice, setNotice] = useState<string | null>(null)
  const inline = props.mode === 'edit' && props.inline === true
  const [saved, setSaved] = useState(false)

  // The note being edited fills the form once it is read, and again when it changes elsewhere
  // (an earlier version brought back, a sync) while the form holds nothing unsaved.
  const [loadedAt, setLoadedAt] = useState<number | null>(null)
  if (
    props.mode === 'edit' &&
    editing &&
    (fields === null || (!dirty && editing.modifiedAt !== loadedAt))
  ) {
    setLoadedAt(editing.modifiedAt)
    setTypeId(editing.typeId)
    setFields({ ...editing.fields })
    setTags(editing.tags.join(' '))
    setDeckId(editing.deckId)
  }

  const type: NoteType | undefined = types?.find((t) => t.id === typeId)
  const values = fields ?? {}
  const value = (f: string) => values[f] ?? ''
  const filled = type ? Object.fromEntries(type.fields.map((f) => [f, value(f)])) : {}
  const problem = type ? whyNoCards(type, filled) : null
  const ords = type && !problem ? cardOrdinals(type, filled) : []
  const tagList = tags.split(/\s+/).filter(Boolean)
  const close = (saved: boolean, receipt?: EditReceipt) =>
    closeDialog(dialog.current, () => {
      if (props.mode === 'edit') props.onClose(saved, receipt)
      else props.onClose(saved)
    })
  const clozeNumber =
    type?.kind === 'cloze'
      ? (same: boolean) => nextClozeNumber(Object.values(values), same)
      : undefined

  const save = async () => {
    setTouched(true)
    if (!type || problem || saving) return
    setSaving(true)
    setError(null)
    try {
      if (props.mode === 'add') {
        await commands.notes.add({
          deckId: props.deckId,
          typeId: type.id,
          fields: filled,
          tags: tagList,
        })
        // Ready for the next note of the same type, as Anki's Add window.
        setFields({})
        setError(null)
        setSaving(false)
        dialog.current?.querySelector<HTMLElement>('.rich-field')?.focus()
        setTouched(false)
        setAdded((n) => n + 1)
        return
      }
      const receipt = await commands.notes.edit(props.noteId, filled, tagList, deckId ?? undefined)
      if (!inline) return close(true, receipt)
      setSaving(false)
      setDirty(false)
      setSaved(true)
      props.onClose(true, receipt)
    } catch (e) {
      setError(e instanceof EditError ? e.message : `Could not save: ${String(e)}`)
      setSaving(false)
    }
  }

  // Beside the table, changes left unsaved are saved when the editor goes (another row chosen,
  // the browser left); a note that would make no card is not written, as Save would refuse it.
  const pending = useRef<(() => void) | null>(null)
  useEffect(() => {
    pending.current =
      inline && dirty && !problem && props.mode === 'edit'
        ? () => {
            const { onClose } = props
            void commands.notes
              .edit(props.noteId, filled, tagList, deckId ?? undefined)
              .then((receipt) => onClose(true, receipt))
          }
        : null
  })
  useEffect(() => () => pending.current?.(), [])

  const title = props.mode === 'add' ? `Add a note to ${props.deckName}` : 'Edit note'
  const onKeyDown = (e: KeyboardEvent) => {
    // The text editor keeps Esc from reaching the dialog's own cancel: close here. Beside the
    // table, Esc is the browser's (it leaves, and the note is saved on the way).
    if (e.key === 'Escape' && !inline) {
      e.preventDefault()
      close(props.mode === 'add' && added > 0)
      return
    }
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault()
      void save()
    }
  }
  const frame = (body: ReactNode) =>
    inline ? (
      <section className="editor side-editor" aria-label={title} onKeyDown={onKeyDown}>
        {body}
      </section>
    ) : (
      <dialog
        ref={dialog}
        className="editor"
        aria-label={title}
        onCancel={(e) => {
          e.preventDefault()
          close(props.mode === 'add' && added > 0)
        }}
        onKeyDown={onKeyDown}
      >
        {body}
      </dialog>
    )
  return frame(
    <form
      method="dialog"
      onSubmit={(e) => {
        e.preventDefault()
        void save()
      }}
    >
      <h2>{title}</h2>
      {!types || (props.mode === 'edit' && editing === undefined) ? (
        <p className="muted">Loading…</p>
      ) : props.mode === 'edit' && editing === null ? (
        <p role="alert">This note no longer exists.</p>
      ) : (
        <>
          {props.mode === 'add' && (
            <div className="field">
              <label htmlFor={`${id}-type`}>Note type</label>
              <select id={`${id}-type`} value={typeId} onChange={(e) => setTypeId(e.target.value)}>
                {userNoteTypes().map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          {type?.fields.map((f, i) => (
            <RichField
              key={`${type.id}-${f}`}
              label={f}
              autoFocus={i === 0 && !inline}
              value={value(f)}
              clozeNumber={clozeNumber}
              onNotice={setNotice}
              onChange={(html) => {
                setTouched(true)
                setDirty(true)
                setNotice(null)
                setFields((old) => ({ ...(old ?? {}), [f]: html }))
              }}
            />
          ))}
          {type?.kind === 'cloze' && (
            <p className="muted hint">
              Select text and press <kbd>Ctrl+Shift+C</kbd> to hide it (<kbd>Ctrl+Alt+Shift+C</kbd>:
              on the same card), or type <code>{'{{c1::text}}'}</code> or{' '}
              <code>{'{{c1::text::hint}}'}</code>; each number makes its own card.
            </p>
          )}
          {props.mode === 'edit' && deckId && (
            <div className="field">
              <label htmlFor={`${id}-deck`}>Deck</label>
              <DeckSelect
                id={`${id}-deck`}
                value={deckId}
                onChange={(chosen) => {
                  setDeckId(chosen)
                  setDirty(true)
                }}
              />
            </div>
          )}
          <div className="field">
            <label htmlFor={`${id}-tags`}>Tags (separated by spaces)</label>
            <input
              id={`${id}-tags`}
              value={tags}
              list={`${id}-tag-list`}
              autoComplete="off"
              onChange={(e) => {
                setTags(e.target.value)
                setDirty(true)
              }}
            />
            {/* Completion for the word being typed: the tags before it stay as typed. */}
            <datalist id={`${id}-tag-list`}>
              {(allTags ?? []).map((t) => {
                const before = tags.replace(/\S*$/, '')
                return <option key={t} value={`${before}${t}`} />
              })}
            </datalist>
          </div>
          <section className="preview" aria-label="Preview">
            <h3>
              {problem ? 'No card yet' : `${ords.length} ${ords.length === 1 ? 'card' : 'cards'}`}
            </h3>
            {problem && (
              <p className={touched ? 'field-error' : 'muted'} data-testid="no-card">
                {problem}
              </p>
            )}
            {type && (
              <ol className="preview-cards">
                {ords.map((ord) => {
                  const face = cardFace(type, filled, ord, [])
                  return (
                    <li key={ord} data-testid="preview-card">
                      <SafeHtml as="span" className="preview-front" html={face.front} />
                      <span aria-hidden="true"> → </span>
                      <SafeHtml as="span" className="preview-back" html={face.back} />
                    </li>
                  )
                })}
              </ol>
            )}
          </section>
          {notice && (
            <p role="status" className="notice">
              {notice}
            </p>
          )}
          {inline && saved && !dirty && (
            <p role="status" className="muted">
              Saved.
            </p>
          )}
          {added > 0 && (
            <p role="status" className="muted">
              {added} {added === 1 ? 'note' : 'notes'} added.
            </p>
          )}
          {error && (
            <p role="alert" className="field-error">
              {error}
            </p>
          )}
          {versions && <KeptVersions versions={versions} onBroughtBack={() => setDirty(false)} />}
        </>
      )}
      <div className="editor-actions">
        {props.mode === 'edit' && editing && (
          <button
            type="button"
            className="ghost danger"
            onClick={() => {
              commands.notes.trash([props.noteId]).then(
                () => close(true),
                (e: unknown) => setError(`Could not move it to the trash: ${String(e)}`),
              )
            }}
          >
            Move note to trash
          </button>
        )}
        {inline ? (
          <button
            type="button"
            className="ghost"
            disabled={!dirty}
            onClick={() => {
              setFields(null)
              setDirty(false)
            }}
          >
            Revert
          </button>
        ) : (
          <button
            type="button"
            className="ghost"
            onClick={() => close(props.mode === 'add' && added > 0)}
          >
            {props.mode === 'add' && added > 0 ? 'Done' : 'Cancel'} <kbd>Esc</kbd>
          </button>
        )}
        <button type="submit" className="primary" disabled={!type || Boolean(problem) || saving}>
          {props.mode === 'add' ? 'Add' : 'Save'} <kbd>Ctrl+Enter</kbd>
        </button>
      </div>
    </form>,
  )
}
