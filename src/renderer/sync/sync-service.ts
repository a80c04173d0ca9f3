import platform from '@platform'
import { replayScheduler } from '../../app/exam-plan'
import { openEncryption } from '../../app/sync/encryption'
import { timedFetch } from '../../app/sync/http'
import {
  beginSync,
  replicateBoth,
  syncOnce,
  syncSummary,
  type SyncProgress,
  type SyncReport,
  type SyncSummary,
} from '../../app/sync/sync'
import { databaseNameProblem, serverUrlProblem, syncErrorMessage } from '../../app/sync/sync-errors'
import { store } from '../app-services'
import { BrowserPouch } from './pouch'
import { loadSyncConfig, saveSyncConfig, type SyncConfig } from './sync-config'

/**
 * Sync in the window (Settings ▸ Sync): where the server is, signing in, syncing now, on start
 * and every few minutes while something changed, and the status in words. The server keeps the
 * session (its cookie); the password is never stored here.
 */

/** What Settings ▸ Sync shows. */
export interface SyncStatus {
  config: SyncConfig | null
  running: boolean
  progress: SyncProgress | null
  summary: SyncSummary | null
  /** The last sync's failure, in words; null after a sync that worked. */
  error: string | null
  /** The server no longer knows this device's session (it expired, or the browser lost it). */
  signedOut: boolean
  last: SyncReport | null
  /** Syncs finished in this window, worked or failed (a screen waits on it changing). */
  finished: number
}

let status: SyncStatus = {
  config: loadSyncConfig(),
  running: false,
  progress: null,
  summary: null,
  error: null,
  signedOut: false,
  last: null,
  finished: 0,
}
const listeners = new Set<() => void>()

function update(change: Partial<SyncStatus>) {
  status = { ...status, ...change }
  for (const listener of listeners) listener()
}

export const syncStatus = () => status
export function onSyncStatus(listener: () => void) {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** Reads when this device last synced and what waits to be sent. */
export async function refreshSyncSummary() {
  update({ summary: await syncSummary(store, new Date()) })
}

const base = (server: string) => server.replace(/\/+$/, '')

/** Why these settings cannot be used, or null. */
export function syncConfigProblem(config: Pick<SyncConfig, 'server' | 'db' | 'user'>) {
  if (!config.user.trim()) return 'Give the user name the server knows you by.'
  return serverUrlProblem(config.server) ?? databaseNameProblem(config.db)
}

/**
 * Signs in to the server (CouchDB's `POST /_session`): the server answers with a session
 * cookie the browser keeps; the password goes no further. The settings are kept on success.
 */
export async function signIn(
  config: SyncConfig,
  password: string,
  passphrase: string | null = null,
): Promise<void> {
  const problem = syncConfigProblem(config)
  if (problem) throw new Error(problem)
  await openSession(config, password)
  // The passphrase, if any, is checked against the database (or sets it up) before anything
  // is kept; only the key derived from it is.
  const remote = serverOf(config, password)
  try {
    await beginSync(store, await openEncryption(remote, passphrase || null))
  } catch (e) {
    throw new Error(syncErrorMessage(e, config.server), { cause: e })
  } finally {
    await remote.close().catch(() => undefined)
  }
  await platform.syncPasswords?.save(base(config.server), config.user, password)
  saveSyncConfig(config)
  update({ config, error: null, signedOut: false })
  startAutoSync()
}

/**
 * The server's database. The desktop signs every request in with the password its keychain
 * keeps (its app:// page is another site than the server, whose cookie it would not be sent);
 * the browser relies on the server's session cookie.
 */
function serverOf(config: SyncConfig, password: string | null) {
  return new BrowserPouch(`${base(config.server)}/${encodeURIComponent(config.db)}`, {
    adapter: 'http',
    fetch: timedFetch(),
    ...(platform.syncPasswords && password !== null
      ? { auth: { username: config.user, password } }
      : {}),
  })
}

/** CouchDB's `POST /_session`: the server sets its session cookie, or says why not. */
async function openSession(config: SyncConfig, password: string) {
  let response: Response
  try {
    response = await fetch(`${base(config.server)}/_session`, {
      method: 'POST',
      credentials: 'include',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ name: config.user, password }),
    })
  } catch (e) {
    throw new Error(syncErrorMessage(e, config.server), { cause: e })
  }
  if (!response.ok) throw new Error(syncErrorMessage({ status: response.status }, config.server))
}

/**
 * Signs in again to the same server and database when its session ended (it expired, or the
 * browser lost its cookie in a crash), keeping where sync stands; then syncs.
 */
export async function signInAgain(password: string): Promise<void> {
  const config = status.config
  if (!config) return
  await openSession(config, password)
  await platform.syncPasswords?.save(base(config.server), config.user, password)
  update({ signedOut: false, error: null })
  void syncNow()
}

/** Forgets the server (its session ends; what was synced stays in this collection). */
export async function signOut(): Promise<void> {
  const config = status.config
  saveSyncConfig(null)
  update({ config: null, error: null, last: null })
  if (!config) return
  await platform.syncPasswords?.forget(base(config.server), config.user).catch(() => undefined)
  await fetch(`${base(config.server)}/_session`, {
    method: 'DELETE',
    credentials: 'include',
  }).catch(() => undefined)
}

/** Changes the schedule (on start, every N minutes) without signing in again. */
export function setSyncSchedule(change: Pick<SyncConfig, 'onStart' | 'everyMinutes'>) {
  if (!status.config) return
  const config = { ...status.config, ...change }
  saveSyncConfig(config)
  update({ config })
  schedule()
}

let running: Promise<SyncReport | null> | null = null

/** Syncs now; a sync already under way is joined, not started twice. Null without a server. */
export function syncNow(): Promise<SyncReport | null> {
  running ??= run().finally(() => {
    running = null
  })
  return running
}

async function run(): Promise<SyncReport | null> {
  const config = status.config
  if (!config) return null
  update({ running: true, progress: null, error: null, signedOut: false })
  const local = new BrowserPouch(`attache-sync ${base(config.server)}/${config.db}`, {
    adapter: 'idb',
  })
  let remote: ReturnType<typeof serverOf> | null = null
  try {
    const password = (await platform.syncPasswords?.load(base(config.server), config.user)) ?? null
    if (platform.syncPasswords && password === null)
      throw Object.assign(new Error('no password kept'), { status: 401 })
    const server = (remote = serverOf(config, password))
    const report = await syncOnce({
      collection: store,
      local,
      replicate: (down) => replicateBoth(local, server, down),
      schedulerFor: replayScheduler(store),
      now: () => new Date(),
      onProgress: (progress) => update({ progress }),
    })
    update({ last: report })
    return report
  } catch (e) {
    const status401 = (e as { status?: number } | null)?.status === 401
    update({ error: syncErrorMessage(e, config.server), signedOut: status401 })
    return null
  } finally {
    await Promise.all([local.close(), remote?.close()]).catch(() => undefined)
    await refreshSyncSummary().catch(() => undefined)
    // What is left to send (changes made while this sync ran, or all of them if it failed)
    // is what the next scheduled sync is for.
    changedSinceSync = !status.summary || status.summary.firstSync || status.summary.waiting > 0
    update({ running: false, progress: null, finished: status.finished + 1 })
  }
}

let changedSinceSync = false
let timer: ReturnType<typeof setInterval> | undefined

function schedule() {
  clearInterval(timer)
  const minutes = status.config?.everyMinutes ?? 0
  if (minutes > 0)
    timer = setInterval(() => {
      if (changedSinceSync && !running) void syncNow()
    }, minutes * 60_000)
}

let started = false

/**
 * Starts syncing by itself: once now if the settings say so, then every few minutes while
 * something changed here. Studying never waits for it.
 */
export function startAutoSync() {
  if (started) return
  started = true
  store.onCommit((news) => {
    if (news.here) changedSinceSync = true
  })
  schedule()
  void refreshSyncSummary().catch(() => undefined)
  if (status.config?.onStart) void syncNow()
}

/** After a study session: a sync if the settings ask for syncing at all. */
export function syncAfterSession() {
  if (status.config && changedSinceSync) void syncNow()
}
