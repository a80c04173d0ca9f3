import { useState } from 'react'
import type { VersionRow } from '../../app/collection'
import { versionSummary } from '../../app/versions'
import { plural } from '../../core/plural'
import { commands } from '../commands'
import { when } from './when'

const KIND: Record<VersionRow['table'], string> = {
  notes: 'Note',
  decks: 'Deck',
  presets: 'Preset',
  settings: 'Setting',
}

/**
 * Versions that lost a sync conflict (a newer edit from another device won): when each was
 * made, what it said, and a button that makes it the current one again (a new edit, which the
 * next sync carries to the other devices). `withKind` names the kind of each (the list of all).
 */
export function KeptVersions(props: {
  versions: readonly VersionRow[]
  withKind?: boolean
  /** Called after one was brought back (the note editor reads the note again). */
  onBroughtBack?: () => void
}) {
  const [message, setMessage] = useState<{ text: string; failed: boolean } | null>(null)
  const [busy, setBusy] = useState(false)
  if (props.versions.length === 0) return null
  const bringBack = async (v: VersionRow) => {
    setBusy(true)
    try {
      await commands.versions.bringBack(v.id)
      setMessage({ text: `Brought back the version of ${when(v.at)}.`, failed: false })
      props.onBroughtBack?.()
    } catch (e) {
      setMessage({
        text: `Could not bring it back: ${e instanceof Error ? e.message : String(e)}`,
        failed: true,
      })
    } finally {
      setBusy(false)
    }
  }
  return (
    <details className="kept-versions" data-testid="kept-versions">
      <summary>{plural(props.versions.length, 'earlier version')} kept from sync conflicts</summary>
      <p className="muted">
        Another device changed the same thing at the same time; the newest change won on every
        device, and these lost. Bringing one back makes it the newest change.
      </p>
      <ul>
        {props.versions.map((v) => (
          <li key={v.id} data-testid="kept-version">
            <span className="muted">{when(v.at)}</span>{' '}
            {props.withKind && <strong>{KIND[v.table]}: </strong>}
            <span>{versionSummary(v)}</span>{' '}
            <button
              type="button"
              disabled={busy}
              onClick={() => void bringBack(v)}
              aria-label={`Bring back the version of ${when(v.at)}`}
            >
              Bring back
            </button>
          </li>
        ))}
      </ul>
      {message && (
        <p
          role={message.failed ? 'alert' : 'status'}
          className={message.failed ? 'field-error' : 'muted'}
        >
          {message.text}
        </p>
      )}
    </details>
  )
}
