/** The sync server Playwright starts (`node scripts/sync-server.mjs`, what `npm run sync-server` runs). */
export const SYNC_PORT_VARIABLE = 'ATTACHE_E2E_SYNC_PORT'
export const E2E_SYNC_USER = 'e2e'
export const E2E_SYNC_PASSWORD = 'e2e-sync-password'

/** The server's address, from the port the runner chose. */
export const syncServerUrl = () => `http://127.0.0.1:${process.env[SYNC_PORT_VARIABLE] ?? ''}`
