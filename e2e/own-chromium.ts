import { spawn, type ChildProcess } from 'node:child_process'
import { cpSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from '@playwright/test'
import { chromiumLaunchOptions } from './chromium'

/** A small seeded generator (mulberry32): kill moments that can be replayed from the seed. */
export function random(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Chromium started by this test on a profile folder, so it can be killed like a crash. */
export class OwnChromium {
  private constructor(
    private readonly process: ChildProcess,
    readonly browser: Browser,
  ) {}

  static async start(profile: string): Promise<OwnChromium> {
    const { executablePath, args } = chromiumLaunchOptions()
    const child = spawn(
      executablePath,
      [
        ...args,
        '--headless=new',
        `--user-data-dir=${profile}`,
        '--remote-debugging-port=0',
        'about:blank',
      ],
      { detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
    )
    const endpoint = await new Promise<string>((resolve, reject) => {
      let err = ''
      const timer = setTimeout(() => reject(new Error(`Chromium did not start: ${err}`)), 20_000)
      child.stderr?.on('data', (chunk: Buffer) => {
        err += chunk.toString()
        const ws = /DevTools listening on (ws:\/\/\S+)/.exec(err)
        if (ws?.[1]) {
          clearTimeout(timer)
          resolve(ws[1])
        }
      })
      child.once('exit', (code) => reject(new Error(`Chromium exited (${code}): ${err}`)))
    })
    const browser = await chromium.connectOverCDP(endpoint)
    return new OwnChromium(child, browser)
  }

  async page(): Promise<Page> {
    const context = this.browser.contexts()[0]
    if (!context) throw new Error('no default context')
    return context.pages()[0] ?? context.newPage()
  }

  /** SIGKILL to Chromium's whole process group; resolves when the browser process is gone. */
  async kill(): Promise<void> {
    const exited = new Promise<void>((r) => this.process.once('exit', () => r()))
    if (this.process.pid) process.kill(-this.process.pid, 'SIGKILL')
    await exited
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined)
    await this.kill().catch(() => undefined)
  }

  /**
   * Asks Chromium itself to quit (CDP `Browser.close`), as a user closing the window does, and
   * resolves when it has: its profile is then whole on disk and can be copied.
   */
  async quit(): Promise<void> {
    const exited = new Promise<void>((r) => this.process.once('exit', () => r()))
    const session = await this.browser.newBrowserCDPSession()
    await session.send('Browser.close').catch(() => undefined)
    await exited
  }
}

/**
 * A new profile folder holding a copy of `template` (a profile Chromium quit cleanly), so a
 * kill point starts where the template left off rather than from the first start.
 */
export function profileFrom(template: string, prefix: string): string {
  const profile = mkdtempSync(join(tmpdir(), prefix))
  cpSync(template, profile, { recursive: true })
  return profile
}
