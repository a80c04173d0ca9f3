import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'
import { asLines, runCli, type CliIo } from './run-cli'

/** The command line run in this process at a fixed time, collecting what it prints (tests). */
export function cliAt(now: Date) {
  return async (...argv: string[]) => {
    const out: string[] = []
    const err: string[] = []
    const io: CliIo = {
      out: (t) => out.push(asLines(t)),
      err: (t) => err.push(asLines(t)),
      now: () => now,
    }
    const status = await runCli(argv, io)
    return { status, out: out.join(''), err: err.join('') }
  }
}

/**
 * A folder of its own in the system's temporary directory for a test file's files, removed
 * with everything in it when the file's tests are done.
 */
export function tempFolder(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `attache-${prefix}-`))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}
