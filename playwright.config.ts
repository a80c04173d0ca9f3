import { defineConfig } from '@playwright/test'
import type { WorkerOptions } from './e2e/fixtures'
import { installedElectronBinary } from './e2e/electron-binary'

const electron = installedElectronBinary()
const port = 4173

// Every spec runs against the web build in Chromium. The same specs run against the Electron
// build when its binary is installed; otherwise the run says so and counts nothing for it.
if (electron.path === null && process.env['TEST_WORKER_INDEX'] === undefined) {
  console.log(
    `\n[e2e] Electron project NOT RUN: ${electron.reason}. Only the web host was tested.\n`,
  )
}

export default defineConfig<object, WorkerOptions>({
  testDir: './e2e',
  fullyParallel: true,
  workers: 2,
  forbidOnly: true,
  retries: 0,
  timeout: 30_000,
  reporter: [['list'], ['json', { outputFile: 'reports/e2e.json' }]],
  webServer: {
    command: `npx vite preview --config vite.web.config.ts --configLoader runner --host 127.0.0.1 --port ${port} --strictPort --mode e2e`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
  projects: [
    { name: 'web', use: { baseURL: `http://127.0.0.1:${port}/` } },
    ...(electron.path ? [{ name: 'electron', use: { electronBinary: electron.path } }] : []),
  ],
})
