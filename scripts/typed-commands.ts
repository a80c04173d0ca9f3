// Running the README's command lines exactly as a user types them, for the tests that do.
import { spawn, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

/** Runs a command line exactly as the README prints it, through a shell. */
export const typed = (command: string, timeout = 180_000) =>
  spawnSync(command, { shell: true, encoding: 'utf8', timeout })

/**
 * `typed` without blocking this process, for a test that keeps talking to a server meanwhile:
 * while `spawnSync` holds the event loop, fetch cannot notice the server closing an idle
 * keep-alive socket, and the next request is written into the closed socket ("other side
 * closed", seen once on CI).
 */
export function typedAlongside(
  command: string,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, { shell: true })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    child.on('error', reject)
    child.on('close', (status) => resolve({ status, stdout, stderr }))
  })
}

/** The README's `sh` lines, comments off. */
export function readmeLines(): string[] {
  const readme = readFileSync('README.md', 'utf8')
  return [...readme.matchAll(/```sh\n([\s\S]*?)```/g)]
    .flatMap((m) => (m[1] ?? '').split('\n'))
    .map((l) => l.replace(/\s+#.*$/, '').trim())
}
