import { useEffect, useId, useRef, useState } from 'react'
import type { TextMapping } from '../../app/exchange/from-text'
import type { ConflictChoice, ImportSummary } from '../../app/exchange/import-collection'
import { IMPORT_EXTENSIONS } from '../../app/exchange/read-import'
import { allNoteTypes, useNoteTypes, useSettings } from '../queries'
import { commands } from '../commands'
import { ImportSession } from '../import/read-in-worker'
import type { ImportView } from '../import/import-messages'
import { TextMappingForm } from './TextMappingForm'
import { useModalDialog } from './use-modal-dialog'
import { plural } from '../../core/plural'

type Phase =
  | { name: 'choose' }
  | { name: 'reading'; file: string; fraction: number; stage: string }
  | { name: 'review'; file: string; view: ImportView }
  | { name: 'writing'; file: string }
  | { name: 'done'; file: string; summary: ImportSummary | null }

const CONFLICTS: [ConflictChoice, string][] = [
  ['keep', 'Keep the notes here as they are'],
  ['update', 'Update them with the file’s fields (their cards and history stay)'],
  ['duplicate', 'Add the file’s version beside them as new notes'],
]

/**
 * Import, as Anki's File ▸ Import: an Anki package, a CSV/TSV/text file (with a mapping
 * step) or an Attaché backup. The file is read, planned and written in a worker of its own
 * (the window is sent only what it shows) with a progress bar; what will happen is shown
 * before anything is written; the import is one transaction.
 */
export function ImportDialog({ onClose }: { onClose: () => void }) {
  const { dialog, close, onCancel } = useModalDialog(onClose)
  const id = useId()
  const noteTypes = useNoteTypes()
  const [phase, setPhase] = useState<Phase>({ name: 'choose' })
  const [error, setError] = useState<string | null>(null)
  const [conflict, setConflict] = useState<ConflictChoice>('keep')
  const [replace, setReplace] = useState(false)
  const [reschedule, setReschedule] = useState(false)
  const settings = useSettings()
  // The file being imported: read again when an option that shapes its rows changes.
  const chosen = useRef<File | null>(null)

  // One worker per file chosen: it holds the file's rows until they are written.
  const session = useRef<ImportSession | null>(null)
  useEffect(() => () => session.current?.close(), [])

  const choose = async (file: File | undefined, fromHistory = reschedule) => {
    if (!file) return
    chosen.current = file
    setError(null)
    setPhase({ name: 'reading', file: file.name, fraction: 0, stage: 'Opening' })
    session.current?.close()
    const current = new ImportSession()
    session.current = current
    try {
      // The file goes to the worker as it is (a handle, not its bytes): it reads it in pieces.
      const types = await allNoteTypes()
      const view = await current.read(
        {
          file,
          noteTypes: types,
          anki: { rolloverHour: settings.rolloverHour, reschedule: fromHistory },
        },
        (fraction, stage) => setPhase({ name: 'reading', file: file.name, fraction, stage }),
      )
      // Read again (an option changed): the plan keeps the conflict choice already made.
      const planned = conflict === 'keep' ? view : await current.replan(conflict)
      setPhase({ name: 'review', file: file.name, view: planned })
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
      setPhase({ name: 'choose' })
    }
  }

  // Each change of the mapping shows at once; its plan follows, and only the latest counts.
  const latest = useRef(0)
  const remap = async (mapping: TextMapping) => {
    if (phase.name !== 'review' || !phase.view.text || !session.current) return
    const ticket = ++latest.current
    // From the latest state, not this render's: the next change builds on this mapping.
    setPhase((p) =>
      p.name === 'review' && p.view.text
        ? { ...p, view: { ...p.view, text: { ...p.view.text, mapping } } }
        : p,
    )
    try {
      const view = await session.current.remap(mapping)
      if (ticket === latest.current) {
        setPhase((p) => (p.name === 'review' ? { ...p, view } : p))
        setError(null)
      }
    } catch (e) {
      if (ticket === latest.current) setError(e instanceof Error ? e.message : String(e))
    }
  }

  // The plan is counted for the choice made: "add beside" adds notes that "keep" does not.
  const chooseConflict = async (choice: ConflictChoice) => {
    setConflict(choice)
    if (phase.name !== 'review' || !session.current) return
    const ticket = ++latest.current
    try {
      const view = await session.current.replan(choice)
      if (ticket === latest.current) setPhase((p) => (p.name === 'review' ? { ...p, view } : p))
    } catch (e) {
      if (ticket === latest.current) setError(e instanceof Error ? e.message : String(e))
    }
  }

  const run = async () => {
    if (phase.name !== 'review' || !session.current) return
    const { file, view } = phase
    const restoring = replace && view.kind === 'backup'
    setPhase({ name: 'writing', file })
    try {
      // Data the user made is backed up before anything changes it (the command's rule).
      const summary = await commands.exchange.apply(session.current, conflict, restoring)
      setPhase({ name: 'done', file, summary })
    } catch (e) {
      setError(`${file}: nothing was imported. ${e instanceof Error ? e.message : String(e)}`)
      setPhase(phase)
    }
  }

  return (
    <dialog ref={dialog} className="editor import-dialog" aria-label="Import" onCancel={onCancel}>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          void run()
        }}
      >
        <h2>Import</h2>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        {phase.name === 'choose' && (
          <div
            className="drop-zone"
            onDragOver={(e) => e.preventDefault()}
            onDrop={(e) => {
              e.preventDefault()
              void choose(e.dataTransfer.files[0])
            }}
          >
            <label htmlFor={`${id}-file`}>File to import</label>
            <input
              id={`${id}-file`}
              type="file"
              accept={IMPORT_EXTENSIONS.join(',')}
              onChange={(e) => void choose(e.target.files?.[0])}
            />
            <p className="muted">
              Anki packages (.apkg, .colpkg), CSV/TSV/text files of notes, or an Attaché backup
              (.zip, or .json from before) — or drop one here.
            </p>
          </div>
        )}
        {phase.name === 'reading' && (
          <div className="progress-block">
            <p>
              Reading {phase.file}: {phase.stage}…
            </p>
            <progress aria-label="Import progress" max={1} value={phase.fraction} />
          </div>
        )}
        {phase.name === 'review' && noteTypes && (
          <>
            <p>
              <strong>{phase.file}</strong>
            </p>
            {phase.view.text && (
              <TextMappingForm
                text={phase.view.text.preview}
                columns={phase.view.text.columns}
                mapping={phase.view.text.mapping}
                noteTypes={noteTypes}
                onChange={(m) => void remap(m)}
              />
            )}
            <ul className="import-plan" aria-label="What the import will do">
              <li>{plural(phase.view.plan.notesAdded, 'new note')}</li>
              <li>{plural(phase.view.plan.notesUnchanged, 'note')} already here, unchanged</li>
              <li>{plural(phase.view.plan.cardsAdded, 'new card')}</li>
              <li>{plural(phase.view.plan.logsAdded, 'review log')}</li>
              <li>{plural(phase.view.plan.mediaAdded, 'media file')}</li>
              {phase.view.plan.decksCreated.length > 0 && (
                <li>new decks: {phase.view.plan.decksCreated.join(', ')}</li>
              )}
            </ul>
            {phase.view.kind === 'anki' && (
              <>
                <p className="muted" aria-label="The schedule">
                  In the file: {phase.view.cards.states.new} new,{' '}
                  {phase.view.cards.states.learning + phase.view.cards.states.relearning} learning,{' '}
                  {phase.view.cards.states.review} review, {phase.view.cards.states.suspended}{' '}
                  suspended and {phase.view.cards.states.buried} buried cards;{' '}
                  {plural(phase.view.cards.dueNow, 'card')} due now.{' '}
                  {reschedule
                    ? 'Cards with a review history are rescheduled from it with their preset, as Anki’s “Reschedule cards on change” does; the others keep the schedule Anki set. Suspended and buried cards stay so.'
                    : 'The schedule Anki set is kept — due dates, intervals, suspended and buried cards — and each card’s review history gives FSRS its memory for the answers to come.'}{' '}
                  Days are counted as the collection counts them.
                </p>
                <label className="check">
                  <input
                    type="checkbox"
                    checked={reschedule}
                    onChange={(e) => {
                      setReschedule(e.target.checked)
                      void choose(chosen.current ?? undefined, e.target.checked)
                    }}
                  />
                  Reschedule cards from their review history
                </label>
              </>
            )}
            {phase.view.plan.notesConflicting > 0 && (
              <fieldset>
                <legend>
                  {plural(phase.view.plan.notesConflicting, 'note')} here with other content
                </legend>
                {CONFLICTS.map(([value, label]) => (
                  <label key={value} className="check">
                    <input
                      type="radio"
                      name={`${id}-conflict`}
                      checked={conflict === value}
                      onChange={() => void chooseConflict(value)}
                    />{' '}
                    {label}
                  </label>
                ))}
              </fieldset>
            )}
            {phase.view.kind === 'backup' && (
              <label className="check">
                <input
                  type="checkbox"
                  checked={replace}
                  onChange={(e) => setReplace(e.target.checked)}
                />{' '}
                Replace the whole collection with this backup (everything here now is removed)
              </label>
            )}
            {phase.view.warningCount > 0 && (
              <details className="warnings">
                <summary>{plural(phase.view.warningCount, 'record')} left out</summary>
                <ul>
                  {phase.view.warnings.map((w) => (
                    <li key={w}>{w}</li>
                  ))}
                </ul>
              </details>
            )}
          </>
        )}
        {phase.name === 'writing' && (
          <div className="progress-block">
            <p>Writing {phase.file}…</p>
            <progress aria-label="Import progress" />
          </div>
        )}
        {phase.name === 'done' && (
          <p role="status">
            {phase.summary
              ? `Imported ${phase.file}: ${plural(phase.summary.notesAdded, 'note')}, ${plural(phase.summary.cardsAdded, 'card')}, ${plural(phase.summary.logsAdded, 'review log')}, ${plural(phase.summary.mediaAdded, 'media file')}.`
              : `The collection is now the one in ${phase.file}.`}
          </p>
        )}
        <div className="editor-actions">
          {phase.name === 'review' && (
            <button type="submit" className="primary">
              {replace ? 'Replace collection' : 'Import'}
            </button>
          )}
          <button type="button" onClick={close} disabled={phase.name === 'writing'}>
            {phase.name === 'done' ? 'Close' : 'Cancel'}
          </button>
        </div>
      </form>
    </dialog>
  )
}
