/**
 * How this project starts Chromium: Debian's /usr/bin/chromium (or CHROMIUM_PATH), since
 * `npx playwright install` cannot download a browser here, with background networking off
 * (the machine's closed network refuses those connections).
 */
export function chromiumLaunchOptions() {
  return {
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  }
}
