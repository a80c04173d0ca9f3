import { useId, useState } from 'react'
import { notesCsv } from '../../app/exchange/csv-export'
import { ankiPackageInWorker, backupInWorker } from '../import/read-in-worker'
import { collectionForExport, useDeckNames } from '../queries'
import { saveFile } from '../save-file'
import { DeckSelect } from './DeckSelect'
import { useModalDialog } from './use-modal-dialog'

type Format = 'backup' | 'apkg' | 'csv' | 'tsv'

const FORMATS: [Format, string][] = [
  ['backup', 'Attaché backup (.zip): everything with its media, brought back exactly by Import'],
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
      const deckId = scope || undefined
      const base = scope
        ? fileSafe(decks?.find((d) => d.id === scope)?.name ?? 'deck')
        : `attache-${now.toISOString().slice(0, 10)}`
      let counts: { notes: number; cards: number }
      if (format === 'backup') {
        // Made in a worker and gathered as a Blob, which the browser may keep on disk: the
        // media are never all in this window's memory.
        const file = await backupInWorker(deckId)
        // Each chunk handed to the browser's blob storage as it comes, then joined by reference.
        const parts: Blob[] = []
        for await (const chunk of file.chunks)
          parts.push(new Blob([chunk as Uint8Array<ArrayBuffer>]))
        saveFile(`${base}.zip`, new Blob(parts, { type: 'application/zip' }))
        counts = file.counts
      } else if (format === 'apkg') {
        const written = await ankiPackageInWorker(deckId)
        saveFile(
          `${base}.apkg`,
          new Blob([written.bytes as Uint8Array<ArrayBuffer>], { type: 'application/zip' }),
        )
        counts = written.counts
      } else {
        const data = await collectionForExport(deckId)
        saveFile(
          `${base}.${format === 'csv' ? 'csv' : 'txt'}`,
          new Blob([notesCsv(data, format === 'csv' ? ',' : '\t', { forSpreadsheet })], {
            type: 'text/plain',
          }),
        )
        counts = { notes: data.notes.length, cards: data.cards.length }
      }
      setMessage({
        text: `Exported ${counts.notes} notes and ${counts.cards} cards.`,
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
