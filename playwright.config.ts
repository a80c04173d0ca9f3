import { defineConfig } from '@playwright/test'
import getPort from 'get-port'
import type { WorkerOptions } from './e2e/fixtures'
import { installedElectronBinary } from './e2e/electron-binary'
import { E2E_SYNC_PASSWORD, E2E_SYNC_USER, SYNC_PORT_VARIABLE } from './e2e/sync-server'

const electron = installedElectronBinary()

/**
 * Free ports, chosen once by the runner: workers load this file again and inherit the
 * runner's environment, so they see the same numbers. Two runs on one machine do not collide.
 */
async function portFromEnv(name: string): Promise<number> {
  process.env[name] ??= String(await getPort({ host: '127.0.0.1' }))
  return Number(process.env[name])
}
const previewPort = await portFromEnv('ATTACHE_E2E_PREVIEW_PORT')
const devPort = await portFromEnv('ATTACHE_WEB_PORT')
const syncPort = await portFromEnv(SYNC_PORT_VARIABLE)

// Every spec runs against the web build in Chromium. The same specs run against the Electron
// build when its binary is installed; otherwise the run says so and counts nothing for it.
if (electron.path === null && process.env['TEST_WORKER_INDEX'] === undefined) {
  console.log(
    `\n[e2e] Electron project NOT RUN: ${electron.reason}. Only the web host was tested.\n`,
  )
}

/** Specs that exercise a README command as typed, not the app as built. */
const README_COMMANDS = /readme-commands\.spec\.ts/
/**
 * Specs of browser-only situations: other tabs, storage switched off or failing (faults are
 * injected into the page's IndexedDB), the browser killed, a phone's touch screen; and sync,
 * whose specs open two browser profiles as two devices.
 */
const WEB_ONLY =
  /(web-storage|durability|storage-faults|offline|phone|sync|sync-durability)\.spec\.ts/

export default defineConfig<object, WorkerOptions>({
  testDir: './e2e',
  fullyParallel: true,
  workers: 2,
  forbidOnly: true,
  retries: 0,
  timeout: 30_000,
  reporter: [['list'], ['json', { outputFile: 'reports/e2e.json' }]],
  webServer: [
    {
      command: `npx vite preview --config vite.web.config.ts --configLoader runner --host 127.0.0.1 --port ${previewPort} --strictPort --mode e2e`,
      url: `http://127.0.0.1:${previewPort}/`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      // The CouchDB-compatible server `npm run sync-server` starts, in memory, for sync.spec.ts.
      command: 'node scripts/sync-server.mjs',
      env: { PORT: String(syncPort), SYNC_USER: E2E_SYNC_USER, SYNC_PASSWORD: E2E_SYNC_PASSWORD },
      url: `http://127.0.0.1:${syncPort}/_session`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      // Exactly what the README tells a newcomer to type; the port comes from the environment.
      command: 'npm run web',
      env: { ATTACHE_WEB_PORT: String(devPort) },
      url: `http://localhost:${devPort}/`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
  projects: [
    {
      name: 'web',
      testIgnore: README_COMMANDS,
      use: { baseURL: `http://127.0.0.1:${previewPort}/` },
    },
    {
      name: 'npm-run-web',
      testMatch: README_COMMANDS,
      use: { baseURL: `http://localhost:${devPort}/` },
    },
    ...(electron.path
      ? [
          {
            name: 'electron',
            testIgnore: [README_COMMANDS, WEB_ONLY],
            use: { electronBinary: electron.path },
          },
        ]
      : []),
  ],
})
