import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'

/**
 * Real-world files other people made (Anki exports, a review log), kept beside the repository
 * in ../shared/fixtures and never copied into it (their licences vary; SOURCES.md there).
 */
export const SHARED_FIXTURES = resolve(import.meta.dirname, '../../../shared/fixtures')

export const sharedFixturesPresent = existsSync(SHARED_FIXTURES)

/** The path of a shared fixture. */
export const sharedFixture = (path: string) => resolve(SHARED_FIXTURES, path)

/** A shared fixture's bytes. */
export const readSharedFixture = (path: string) => new Uint8Array(readFileSync(sharedFixture(path)))

/** Says, in the test output, which checks did not run because the folder is absent. */
export function warnIfFixturesAbsent(what: string) {
  if (!sharedFixturesPresent)
    console.warn(`[fixtures] ${SHARED_FIXTURES} is absent: ${what} did not run.`)
}
