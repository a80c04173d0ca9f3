import { useEffect, useState, useSyncExternalStore, type FormEvent } from 'react'
import { plural } from '../../core/plural'
import type { SyncProgress } from '../../app/sync/sync'
import { DEFAULT_SYNC_CONFIG } from '../sync/sync-config'
import {
  onSyncStatus,
  refreshSyncSummary,
  setSyncSchedule,
  signIn,
  signInAgain,
  signOut,
  syncNow,
  syncStatus,
  type SyncStatus,
} from '../sync/sync-service'
import { useKeptVersions } from '../queries'
import { KeptVersions } from './KeptVersions'
import { when } from './when'

const PHASES: Record<SyncProgress['phase'], string> = {
  send: 'Preparing changes',
  replicate: 'Exchanging with the server',
  receive: 'Applying changes from other devices',
}

const EVERY = [0, 5, 10, 30, 60]

function statusText(s: SyncStatus): string {
  if (s.running) {
    const p = s.progress
    if (!p) return 'Syncing…'
    return p.total ? `${PHASES[p.phase]}: ${p.done} of ${p.total}…` : `${PHASES[p.phase]}…`
  }
  const parts: string[] = []
  if (s.summary?.lastSync) parts.push(`Last synced ${when(s.summary.lastSync)}.`)
  else parts.push('Not synced yet: the first sync sends the whole collection.')
  if (s.summary && s.summary.lastSync)
    parts.push(
      s.summary.waiting
        ? `${plural(s.summary.waiting, 'change')} waiting to be sent.`
        : 'Nothing waiting to be sent.',
    )
  if (s.last)
    parts.push(
      `The last sync sent ${plural(s.last.sent, 'change')} and received ${plural(s.last.received, 'change')}.`,
    )
  return parts.join(' ')
}

/** The password again, when the server's session ended: where sync stands is kept. */
function SignInAgain() {
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      await signInAgain(String(new FormData(e.currentTarget).get('password') ?? ''))
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure))
    } finally {
      setBusy(false)
    }
  }
  return (
    <form className="sync-form" onSubmit={(e) => void submit(e)}>
      <label className="field">
        Password for the server
        <input name="password" type="password" required autoComplete="current-password" />
      </label>
      <button type="submit" disabled={busy}>
        Sign in again
      </button>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </form>
  )
}

/**
 * Settings ▸ Sync: the server this device syncs with, signing in (the password goes to the
 * server only; it keeps the session), Sync now with a progress bar, when to sync by itself, and
 * the status in words: when it last synced, what waits, what failed and what to do.
 */
export function SyncSection() {
  const s = useSyncExternalStore(onSyncStatus, syncStatus)
  const kept = useKeptVersions()
  const [formError, setFormError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    void refreshSyncSummary().catch(() => undefined)
  }, [])

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault()
    const form = new FormData(e.currentTarget)
    const text = (name: string) => String(form.get(name) ?? '').trim()
    setBusy(true)
    setFormError(null)
    try {
      await signIn(
        {
          ...DEFAULT_SYNC_CONFIG,
          server: text('server'),
          db: text('db'),
          user: text('user'),
          encrypted: form.get('passphrase') !== '',
        },
        String(form.get('password') ?? ''),
        String(form.get('passphrase') ?? '') || null,
      )
      void syncNow()
    } catch (error) {
      setFormError(error instanceof Error ? error.message : String(error))
    } finally {
      setBusy(false)
    }
  }

  const p = s.progress
  return (
    <section className="sync" aria-labelledby="sync-heading">
      <h3 id="sync-heading">Sync</h3>
      <p className="muted">
        Keep this collection the same on each of your devices through a CouchDB server you run or
        rent (Apache CouchDB, or <code>npm run sync-server</code> to try it). Answers from every
        device are kept; studying never waits for a sync.
      </p>
      {!s.config ? (
        <form className="sync-form" onSubmit={(e) => void submit(e)}>
          <label className="field">
            Server
            <input
              name="server"
              type="url"
              required
              placeholder="https://couch.example.org"
              autoComplete="url"
            />
          </label>
          <label className="field">
            Database
            <input name="db" required defaultValue={DEFAULT_SYNC_CONFIG.db} />
          </label>
          <label className="field">
            User
            <input name="user" required autoComplete="username" />
          </label>
          <label className="field">
            Password
            <input name="password" type="password" required autoComplete="current-password" />
          </label>
          <label className="field">
            Encryption passphrase (optional)
            <input
              name="passphrase"
              type="password"
              autoComplete="off"
              aria-describedby="sync-passphrase-hint"
            />
          </label>
          <p id="sync-passphrase-hint" className="muted">
            With a passphrase the server stores only ciphertext: every device needs the same
            passphrase, and nobody can recover the collection on the server without it. Set it when
            the database is new.
          </p>
          <button type="submit" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in and sync'}
          </button>
          {formError && (
            <p role="alert" className="field-error">
              {formError}
            </p>
          )}
        </form>
      ) : (
        <>
          <p>
            Syncing with{' '}
            <strong>
              {s.config.server.replace(/\/+$/, '')}/{s.config.db}
            </strong>{' '}
            as {s.config.user}
            {s.config.encrypted ? ', end-to-end encrypted' : ''}.{' '}
            <button type="button" onClick={() => void signOut()}>
              Sign out
            </button>
          </p>
          <p role="status" data-testid="sync-status" data-finished={s.finished}>
            {statusText(s)}
          </p>
          {s.running && (
            <progress
              aria-label="Sync progress"
              {...(p?.total ? { value: p.done, max: p.total } : {})}
            />
          )}
          {s.error && (
            <p role="alert" className="field-error" data-testid="sync-error">
              {s.error}
            </p>
          )}
          {s.signedOut && <SignInAgain />}
          {s.last && s.last.refused.length > 0 && (
            <details>
              <summary>
                {plural(s.last.refused.length, 'document')} from the server refused (nothing of them
                written)
              </summary>
              <ul>
                {s.last.refused.slice(0, 20).map((r) => (
                  <li key={r.id}>
                    <code>{r.id}</code>: {r.reason}
                  </li>
                ))}
              </ul>
            </details>
          )}
          <KeptVersions versions={kept ?? []} withKind />
          <p className="sync-actions">
            <button type="button" disabled={s.running} onClick={() => void syncNow()}>
              Sync now
            </button>
          </p>
          <label>
            <input
              type="checkbox"
              checked={s.config.onStart}
              onChange={(e) =>
                setSyncSchedule({
                  onStart: e.target.checked,
                  everyMinutes: s.config?.everyMinutes ?? 0,
                })
              }
            />
            Sync when the app starts
          </label>
          <label>
            Sync by itself while something changed{' '}
            <select
              value={s.config.everyMinutes}
              onChange={(e) =>
                setSyncSchedule({
                  onStart: s.config?.onStart ?? false,
                  everyMinutes: Number(e.target.value),
                })
              }
            >
              {EVERY.map((m) => (
                <option key={m} value={m}>
                  {m === 0 ? 'never' : `every ${m} minutes`}
                </option>
              ))}
            </select>
          </label>
        </>
      )}
    </section>
  )
}
