import { useId, useState } from 'react'
import { backupJson } from '../../app/exchange/backup-format'
import { notesCsv } from '../../app/exchange/csv-export'
import { ankiPackageInWorker } from '../import/read-in-worker'
import { collectionForExport, useDeckNames } from '../live-data'
import { saveFile } from '../save-file'
import { DeckSelect } from './DeckSelect'
import { useModalDialog } from './use-modal-dialog'

type Format = 'backup' | 'apkg' | 'csv' | 'tsv'

const FORMATS: [Format, string][] = [
  ['backup', 'Attaché backup (.json): everything, brought back exactly by Import'],
  ['apkg', 'Anki package (.apkg): notes, cards, history and media for Anki'],
  ['csv', 'Notes as CSV (.csv), with Anki’s headers'],
  ['tsv', 'Notes as tab-separated text (.txt), with Anki’s headers'],
]

const fileSafe = (name: string) =>
  name
    .replace(/[\\/:*?"<>|]+/g, '-')
    .replace(/\s+/g, ' ')
    .trim() || 'deck'

/** Export, as Anki's File ▸ Export: the collection or one deck, in the format chosen. */
export function ExportDialog({ deckId, onClose }: { deckId?: string; onClose: () => void }) {
  const { dialog, close, onCancel } = useModalDialog(onClose)
  const id = useId()
  const decks = useDeckNames()
  const [scope, setScope] = useState(deckId ?? '')
  const [format, setFormat] = useState<Format>('backup')
  const [forSpreadsheet, setForSpreadsheet] = useState(false)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)

  const run = async () => {
    setBusy(true)
    setMessage(null)
    try {
      const now = new Date()
      const data = await collectionForExport(scope || undefined)
      const base = scope
        ? fileSafe(decks?.find((d) => d.id === scope)?.name ?? 'deck')
        : `attache-${now.toISOString().slice(0, 10)}`
      if (format === 'backup') saveFile(`${base}.json`, backupJson(data, now), 'application/json')
      else if (format === 'apkg')
        saveFile(`${base}.apkg`, await ankiPackageInWorker(data), 'application/zip')
      else
        saveFile(
          `${base}.${format === 'csv' ? 'csv' : 'txt'}`,
          notesCsv(data, format === 'csv' ? ',' : '\t', { forSpreadsheet }),
          'text/plain',
        )
      setMessage({
        text: `Exported ${data.notes.length} notes and ${data.cards.length} cards.`,
        error: false,
      })
    } catch (e) {
      setMessage({
        text: `Could not export: ${e instanceof Error ? e.message : String(e)}`,
        error: true,
      })
    } finally {
      setBusy(false)
    }
  }

  return (
    <dialog ref={dialog} className="editor" aria-label="Export" onCancel={onCancel}>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          void run()
        }}
      >
        <h2>Export</h2>
        <div className="field">
          <label htmlFor={`${id}-scope`}>What</label>
          <DeckSelect
            id={`${id}-scope`}
            value={scope}
            onChange={setScope}
            wholeCollection="The whole collection"
          />
        </div>
        <fieldset>
          <legend>Format</legend>
          {FORMATS.map(([value, label]) => (
            <label key={value} className="check">
              <input
                type="radio"
                name={`${id}-format`}
                checked={format === value}
                onChange={() => setFormat(value)}
              />{' '}
              {label}
            </label>
          ))}
        </fieldset>
        {(format === 'csv' || format === 'tsv') && (
          <label className="check">
            <input
              type="checkbox"
              checked={forSpreadsheet}
              onChange={(e) => setForSpreadsheet(e.target.checked)}
            />{' '}
            For a spreadsheet: fields starting with = + - @ open as text, not formulas (leave off
            for Anki)
          </label>
        )}
        {busy && <progress aria-label="Export progress" />}
        {message && (
          <p
            className={message.error ? 'field-error' : undefined}
            role={message.error ? 'alert' : 'status'}
          >
            {message.text}
          </p>
        )}
        <div className="editor-actions">
          <button type="submit" className="primary" disabled={busy}>
            Export
          </button>
          <button type="button" onClick={close}>
            Close
          </button>
        </div>
      </form>
    </dialog>
  )
}
