import { useCallback, useEffect, useState } from 'react'
import { askToKeepStorage, readStorageStatus, type StorageStatus } from '../storage-status'
import { byteSize } from './byte-size'

/**
 * Settings ▸ Storage on this device: whether the browser keeps Attaché's data when space runs
 * low, how much of the site's quota it uses, and what to do when the browser will not promise.
 */
export function StorageSection() {
  const [status, setStatus] = useState<StorageStatus | null>(null)
  const [asked, setAsked] = useState<boolean | null>(null)
  const refresh = useCallback(() => {
    void readStorageStatus().then(setStatus)
  }, [])
  useEffect(refresh, [refresh])
  const ask = async () => {
    setAsked(await askToKeepStorage())
    refresh()
  }
  return (
    <section className="storage" aria-labelledby="storage-heading">
      <h3 id="storage-heading">Storage on this device</h3>
      {!status ? (
        <p className="muted">Reading…</p>
      ) : (
        <>
          <p data-testid="storage-kept">
            {status.persisted === true
              ? 'Kept: the browser has agreed not to clear Attaché’s data when the disk runs low.'
              : status.persisted === false
                ? 'Not protected: the browser may clear Attaché’s data — decks, notes and review history — if the disk runs low or site data is cleared. A backup (above) kept outside the browser is what survives that.'
                : 'This browser does not say whether it keeps Attaché’s data; keep a backup (above) outside it.'}
          </p>
          {status.usage !== null && status.quota !== null && (
            <p data-testid="storage-usage">
              Uses {byteSize(status.usage)} (study data, media and backups kept here) of the{' '}
              {byteSize(status.quota)} this browser allows it.
            </p>
          )}
          {status.persisted === false && (
            <button type="button" onClick={() => void ask()}>
              Ask the browser to keep it
            </button>
          )}
          {asked === false && (
            <p role="status">
              The browser said no. Browsers decide this themselves, often by how the site is used
              (installed as an app, bookmarked, visited often). Nothing is lost: your data is still
              here — back it up to be safe.
            </p>
          )}
          {asked === true && <p role="status">The browser will keep Attaché’s data.</p>}
        </>
      )}
    </section>
  )
}
