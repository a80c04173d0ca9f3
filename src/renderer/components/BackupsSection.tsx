import platform from '@platform'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { BackupInfo } from '../../app/exchange/backups'
import { backupNow, listBackups, onBackupsChanged } from '../backups'
import { restoreBackup } from '../commands'
import { byteSize } from './byte-size'
import { useModalDialog } from './use-modal-dialog'
import { when } from './when'

/**
 * Settings ▸ Backups: the automatic backups with their date, size and counts, a button to
 * back up now, and a restore that says what it replaces and backs up the present first.
 */
export function BackupsSection() {
  const [backups, setBackups] = useState<BackupInfo[] | null>(null)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)
  const [restoring, setRestoring] = useState<BackupInfo | null>(null)
  const [progress, setProgress] = useState<{ fraction: number; stage: string } | null>(null)
  // Lists can finish out of order (one on opening, one after a backup): the latest wins.
  const asked = useRef(0)
  const refresh = useCallback(() => {
    const ticket = ++asked.current
    listBackups().then(
      (list) => ticket === asked.current && setBackups(list),
      (e: unknown) => setMessage({ text: `Could not list the backups: ${String(e)}`, error: true }),
    )
  }, [])
  useEffect(() => {
    refresh()
    return onBackupsChanged(refresh)
  }, [refresh])

  const act = async (work: () => Promise<string>) => {
    setBusy(true)
    setMessage(null)
    try {
      setMessage({ text: await work(), error: false })
    } catch (e) {
      setMessage({ text: e instanceof Error ? e.message : String(e), error: true })
    } finally {
      setBusy(false)
      setProgress(null)
      refresh()
    }
  }

  return (
    <section className="backups" aria-labelledby="backups-heading">
      <h3 id="backups-heading">Backups</h3>
      <p className="muted">
        A backup of the whole collection is written every 30 minutes while something changed, and
        before every import or restore; kept: the last 10, one a day for a week, one a week for a
        month. They are stored in {platform.backups.where}.
      </p>
      <button
        type="button"
        disabled={busy}
        onClick={() => void act(async () => `Backed up: ${when((await backupNow()).createdAt)}.`)}
      >
        Back up now
      </button>
      {progress && (
        <div className="progress-block">
          <p>{progress.stage}…</p>
          <progress aria-label="Restore progress" max={1} value={progress.fraction} />
        </div>
      )}
      {message && (
        <p
          className={message.error ? 'field-error' : undefined}
          role={message.error ? 'alert' : 'status'}
        >
          {message.text}
        </p>
      )}
      {backups && backups.length === 0 && <p className="muted">No backups yet.</p>}
      {backups && backups.length > 0 && (
        <div className="table-scroll">
          <table className="preview-table backups-table">
            <caption>Backups, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Made</th>
                <th scope="col">Size</th>
                <th scope="col">Notes</th>
                <th scope="col">Cards</th>
                <th scope="col">Review logs</th>
                <th scope="col">
                  <span className="visually-hidden">Restore</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {backups.map((b) => (
                <tr key={b.name}>
                  <th scope="row">{when(b.createdAt)}</th>
                  <td>{byteSize(b.size)}</td>
                  <td>{b.counts.notes}</td>
                  <td>{b.counts.cards}</td>
                  <td>{b.counts.reviewLogs}</td>
                  <td>
                    <button
                      type="button"
                      className="ghost"
                      disabled={busy}
                      onClick={() => setRestoring(b)}
                    >
                      Restore…
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {restoring && (
        <ConfirmRestore
          backup={restoring}
          onCancel={() => setRestoring(null)}
          onConfirm={() => {
            const b = restoring
            setRestoring(null)
            void act(async () => {
              await restoreBackup(b.name, (fraction, stage) => setProgress({ fraction, stage }))
              return `The collection is now the backup of ${when(b.createdAt)}.`
            })
          }}
        />
      )}
    </section>
  )
}

function ConfirmRestore({
  backup,
  onCancel,
  onConfirm,
}: {
  backup: BackupInfo
  onCancel: () => void
  onConfirm: () => void
}) {
  const { dialog, onCancel: cancelKey } = useModalDialog(onCancel)
  return (
    <dialog ref={dialog} className="editor" aria-label="Restore a backup" onCancel={cancelKey}>
      <h2>Restore the backup of {when(backup.createdAt)}?</h2>
      <p>
        Everything in the collection now — every deck, note, card, review and setting — is replaced
        by this backup ({backup.counts.notes} notes, {backup.counts.cards} cards,{' '}
        {backup.counts.reviewLogs} review logs). A backup of the collection as it is now is written
        first, so this can be undone by restoring that one.
      </p>
      <div className="editor-actions">
        <button type="button" className="primary" onClick={onConfirm}>
          Replace the collection
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </dialog>
  )
}
