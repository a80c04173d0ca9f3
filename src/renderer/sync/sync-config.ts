/** This device's sync settings: per device, never synced (another device may use another server). */
export interface SyncConfig {
  server: string
  db: string
  user: string
  onStart: boolean
  /** Minutes between syncs while something changed; 0 for never. */
  everyMinutes: number
  /** Signed in with an encryption passphrase (its key is kept with the collection). */
  encrypted?: boolean
}

const CONFIG_KEY = 'attache.sync'
export const DEFAULT_SYNC_CONFIG: SyncConfig = {
  server: '',
  db: 'attache',
  user: '',
  onStart: true,
  everyMinutes: 10,
}

export function loadSyncConfig(): SyncConfig | null {
  try {
    const raw = localStorage.getItem(CONFIG_KEY)
    if (!raw) return null
    const value = JSON.parse(raw) as Partial<SyncConfig>
    if (typeof value.server !== 'string' || typeof value.db !== 'string') return null
    return { ...DEFAULT_SYNC_CONFIG, ...value }
  } catch {
    return null
  }
}

export function saveSyncConfig(config: SyncConfig | null) {
  if (config) localStorage.setItem(CONFIG_KEY, JSON.stringify(config))
  else localStorage.removeItem(CONFIG_KEY)
}
