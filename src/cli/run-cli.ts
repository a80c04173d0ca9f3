import { readFile, rename, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { Command, CommanderError, Option } from 'commander'
import { parseDeck, describeProblem } from '../core/decks/parse-deck'
import { DECK_LIMITS } from '../core/decks/deck-text'
import { ImportError } from '../core/formats/import-error'
import { readReviewLogCsv } from '../core/formats/text/review-log-csv'
import { fsrsItems } from '../core/stats/fsrs-items'
import { optimizeOn } from '../app/optimize'
import { dayIndexer } from '../app/study-queue'
import { settingsOfRows } from '../app/settings'
import { hostZone } from '../core/study/time-zone'
import { isTimeZone } from '../core/study/time-zone'
import { bindingTrainer } from './optimize'
import { BUILT_IN_NOTE_TYPES } from '../core/notes/note-types'
import { backupRoomProblem, backupJson } from '../app/exchange/backup-format'
import {
  anyBackupProblems,
  backupZipChunks,
  backupZipRoomProblem,
  parseAnyBackup,
} from '../app/exchange/backup-zip'
import type { CollectionData } from '../app/exchange/collection-data'
import { ankiPackageOf } from '../app/exchange/anki-package'
import { notesCsv } from '../app/exchange/csv-export'
import { exportCollection } from '../app/exchange/export-collection'
import { applyImport, restoreCollection } from '../app/exchange/import-collection'
import { studyReport } from './study-report'
import { readDocument } from '../core/generate/document'
import { proposeCards } from '../core/generate/proposals'
import { deckFromProposals } from '../core/generate/to-deck'
import { strictUtf8 } from '../core/formats/text-decoding'
import { readImport } from '../app/exchange/read-import'
import { contentStoredIn } from '../app/exchange/media-files'
import type { ByteSource } from '../core/formats/byte-source'
import { unreadable, withFileSource } from './file-source'
import { assertUsable } from '../app/exchange/collection-check'
import { collectionStats, formatStats } from '../app/exchange/collection-stats'
import { nodeSqlEngine } from './node-sqlite'
import { memoryCollection } from '../app/collection-writes'
import { plural } from '../core/plural'
import { replayScheduler } from '../app/exam-plan'
import { beginSync, replicateBoth, syncOnce } from '../app/sync/sync'
import { openEncryption } from '../app/sync/encryption'
import { databaseNameProblem, serverUrlProblem, syncErrorMessage } from '../app/sync/sync-errors'
import { memoryReplica, serverDatabase } from './pouch'

/** Where the command line writes; the tests pass their own. */
export interface CliIo {
  out(text: string): void
  err(text: string): void
  now(): Date
}

/** Text as one or more whole lines. */
export const asLines = (t: string) => (t.endsWith('\n') ? t : t + '\n')

export const processIo: CliIo = {
  out: (t) => process.stdout.write(asLines(t)),
  err: (t) => process.stderr.write(asLines(t)),
  now: () => new Date(),
}

/** A problem the user must fix: printed to stderr, exit status 1. */
class CliFailure extends Error {}

async function readInput(path: string) {
  try {
    return new Uint8Array(await readFile(path))
  } catch (e) {
    throw new CliFailure(unreadable(path, e))
  }
}

/** `work` on the file at `path`, read a piece at a time; a path that cannot be read is said. */
async function readFrom<T>(path: string, work: (source: ByteSource) => Promise<T>) {
  let opened = false
  try {
    return await withFileSource(path, (source) => {
      opened = true
      return work(source)
    })
  } catch (e) {
    if (!opened || (e as NodeJS.ErrnoException).code === 'EISDIR')
      throw new CliFailure(unreadable(path, e))
    throw e
  }
}

/**
 * Writes `data` to `path` only when all of it is written: into a temporary file beside it,
 * then renamed over it, so a full disk or a crash leaves the old file (or none), never half of
 * a new one (issue 19).
 */
async function writeWhole(path: string, data: string | Uint8Array | AsyncIterable<Uint8Array>) {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.partial`)
  try {
    await writeFile(temporary, data)
    await rename(temporary, path)
  } catch (e) {
    await rm(temporary, { force: true })
    const code = (e as NodeJS.ErrnoException).code
    throw new CliFailure(
      `${path}: could not be written (${code === 'ENOSPC' ? 'the disk is full' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOENT' ? 'no such folder' : code === 'EISDIR' ? 'is a folder' : (e as Error).message}); nothing was written`,
    )
  }
}

/**
 * A backup's JSON text, or a refusal in words when it could not be one string (V8's limit,
 * about 512 MB): base64 makes media a third larger, so a collection with hundreds of MB of
 * audio cannot be a backup file today (issue 19).
 */
function backupText(data: CollectionData, now: Date, file: string): string {
  backupRoomFor(data, file)
  try {
    return backupJson(data, now)
  } catch (e) {
    if (e instanceof RangeError)
      throw new CliFailure(`${file}: it is too large for one backup file; nothing was written`)
    throw e
  }
}

/** Refuses, in words, a collection whose media a JSON backup file could not hold. */
function backupRoomFor(data: CollectionData, file: string) {
  const problem = backupRoomProblem(data.media)
  if (problem)
    throw new CliFailure(`${file}: ${problem}; write a .zip backup instead; nothing was written`)
}

/** Whether a backup is written as the archive (media as files) rather than JSON. */
const isArchive = (path: string) => path.toLowerCase().endsWith('.zip')

/** The backup of `data` at `path`: the archive for a `.zip` name, JSON otherwise. */
async function writeBackup(path: string, data: CollectionData, now: Date, file: string) {
  if (isArchive(path)) {
    const room = backupZipRoomProblem(data.media)
    if (room) throw new CliFailure(`${file}: ${room}; nothing was written`)
    await writeWhole(
      path,
      backupZipChunks(data, async () => undefined, now),
    )
  } else await writeWhole(path, backupText(data, now, file))
}

/**
 * A backup file of either kind (the archive, or JSON gzipped or not), with its media's bytes
 * (the archive's are read a file at a time and kept for what the command makes of them).
 */
async function readBackupFile(path: string): Promise<CollectionData> {
  const content = new Map<string, Uint8Array>()
  const data = await readFrom(path, (source) =>
    parseAnyBackup(source, async (hash, bytes) => {
      content.set(hash, bytes)
    }),
  )
  return { ...data, media: data.media.map((m) => ({ ...m, data: m.data ?? content.get(m.hash) })) }
}

/** Any supported file, imported into an empty collection through the app's own import. */
async function importToStore(
  path: string,
  io: CliIo,
  options: { deckName?: string; reschedule?: boolean; archive?: boolean } = {},
) {
  const store = memoryCollection()
  const engine = await nodeSqlEngine()
  const read = await readFrom(path, (source) =>
    readImport(source, engine, io.now(), contentStoredIn(store), undefined, {
      noteTypes: BUILT_IN_NOTE_TYPES,
      ...(options.deckName ? { deckName: options.deckName } : {}),
      anki: { reschedule: options.reschedule === true },
    }),
  )
  for (const w of read.warnings) io.err(`warning: ${path}: ${w}`)
  // Said before anything else is made of it: the backup it would become cannot hold its media.
  if (!options.archive) backupRoomFor(read.data, path)
  await applyImport(store, read.data, 'keep', io.now())
  return store
}

function program(io: CliIo) {
  const cli = new Command('attache')
    .description('Attaché on the command line: import, export, validate and count collections.')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError()

  cli
    .command('import')
    .description(
      'Read an Anki package (.apkg, .colpkg), a CSV/TSV/text file of notes or an Attaché backup, and write an Attaché backup: a .zip archive with media as files, or JSON with media as base64.',
    )
    .argument('<file>', 'the file to import')
    .requiredOption('--out <backup.zip|backup.json>', 'where to write the backup')
    .option(
      '--deck <name>',
      'for CSV/TSV/text: the deck of records that name none (default: the file name)',
    )
    .option(
      '--reschedule',
      'for Anki packages: reschedule cards from their review history (Anki\'s "Reschedule cards on change"); by default the due dates Anki set are kept',
    )
    .action(async (file: string, opts: { out: string; deck?: string; reschedule?: boolean }) => {
      const store = await importToStore(file, io, {
        ...(opts.deck ? { deckName: opts.deck } : {}),
        reschedule: opts.reschedule === true,
        archive: isArchive(opts.out),
      })
      const data = await exportCollection(store)
      // What this writes, its own `validate` accepts: the same check, before a byte is written.
      assertUsable(data, basename(file), 'would make a backup that is not valid')
      await writeBackup(opts.out, data, io.now(), file)
      io.out(
        `${opts.out}: ${data.notes.length} notes, ${data.cards.length} cards, ${data.reviewLogs.length} review logs, ${data.media.length} media files`,
      )
    })

  cli
    .command('export')
    .description('Write an Attaché backup as another format.')
    .argument('<backup>', 'an Attaché backup (.zip, .json or .json.gz)')
    .addOption(
      new Option(
        '--format <format>',
        'apkg (Anki package), csv or tsv (notes as text), zip or json (backup)',
      )
        .choices(['apkg', 'csv', 'tsv', 'zip', 'json'])
        .makeOptionMandatory(),
    )
    .requiredOption('--out <file>', 'where to write')
    .option(
      '--for-spreadsheet',
      "csv/tsv: a field starting with = + - @ gets a leading ' so a spreadsheet shows it as text, not a formula (leave off for Anki)",
    )
    .action(
      async (
        file: string,
        opts: {
          format: 'apkg' | 'csv' | 'tsv' | 'zip' | 'json'
          out: string
          forSpreadsheet?: boolean
        },
      ) => {
        const data = await readBackupFile(file)
        const now = io.now()
        if (opts.format === 'zip' || opts.format === 'json') {
          if (isArchive(opts.out) !== (opts.format === 'zip'))
            throw new CliFailure(
              `--out: a ${opts.format} backup is written to a .${opts.format} file`,
            )
          await writeBackup(opts.out, data, now, file)
        } else
          await writeWhole(
            opts.out,
            opts.format === 'apkg'
              ? ankiPackageOf(data, await nodeSqlEngine(), now)
              : notesCsv(data, opts.format === 'csv' ? ',' : '\t', {
                  forSpreadsheet: opts.forSpreadsheet ?? false,
                }),
          )
        io.out(`${opts.out}: ${data.notes.length} notes as ${opts.format}`)
      },
    )

  cli
    .command('generate')
    .description(
      'Propose cloze cards from a text (.txt, .md or .html): figures, dates, acronym pairs and named entities, one sentence a note; write them as a deck file the app loads.',
    )
    .argument('<file>', 'a .txt, .md or .html document')
    .requiredOption('--out <deck.json>', 'where to write the deck file')
    .option(
      '--min-score <0-1>',
      'keep only blanks scoring at least this (0.9: figures with units, acronyms)',
      '0',
    )
    .option('--name <name>', "the deck's name (default: the document's title)")
    .action(async (file: string, opts: { out: string; minScore: string; name?: string }) => {
      const minScore = Number(opts.minScore)
      if (!Number.isFinite(minScore) || minScore < 0 || minScore > 1)
        throw new CliFailure(`--min-score: ${opts.minScore} is not a number from 0 to 1`)
      const text = strictUtf8(await readInput(file))
      if (text === null) throw new CliFailure(`${file}: not UTF-8 text`)
      const doc = readDocument(basename(file), text)
      if (doc.blocks.length === 0) throw new CliFailure(`${file}: no paragraphs of text found`)
      const proposals = proposeCards(doc, { minScore })
      if (proposals.length === 0)
        throw new CliFailure(
          `${file}: nothing worth a blank found${minScore ? ` at --min-score ${minScore}` : ''}`,
        )
      const deck = deckFromProposals(doc, proposals, opts.name ? { name: opts.name } : {})
      const json = `${JSON.stringify(deck, null, 2)}\n`
      // What generate writes, validate accepts: a deck file has limits of its own.
      if (json.length > DECK_LIMITS.maxChars || deck.facts.length > DECK_LIMITS.maxFacts)
        throw new CliFailure(
          `${file}: makes ${deck.facts.length} facts, ${(json.length / 2 ** 20).toFixed(1)} MB of deck file; a deck file may hold ${DECK_LIMITS.maxFacts} facts in ${DECK_LIMITS.maxChars / 2 ** 20} MB — raise --min-score or split the text`,
        )
      await writeWhole(opts.out, json)
      io.out(
        `${opts.out}: ${deck.facts.length} facts from ${plural(proposals.length, 'sentence')} of ${plural(doc.blocks.length, 'paragraph')} (${file})`,
      )
    })

  cli
    .command('validate')
    .description(
      'Check a deck file (deck.json) or an Attaché backup; exit 0, or print every problem with its place.',
    )
    .argument('<file>', 'a deck.json, or a backup (.zip, .json or .json.gz)')
    .action(async (file: string) => {
      const head = await readFrom(file, (source) => source.read(0, 4096))
      const text = new TextDecoder().decode(head)
      // A zip archive, gzip data or JSON that says so: a backup. Anything else: a deck file.
      const isBackup =
        (head[0] === 0x50 && head[1] === 0x4b) ||
        (head[0] === 0x1f && head[1] === 0x8b) ||
        /"format"\s*:\s*"attache-backup"/.test(text)
      let problems: string[]
      if (isBackup) problems = (await readFrom(file, anyBackupProblems)).map((p) => `${file}: ${p}`)
      else {
        const parsed = parseDeck({ file, text: new TextDecoder().decode(await readInput(file)) })
        problems = parsed.ok ? [] : [describeProblem(parsed.problem)]
      }
      if (problems.length === 0) {
        io.out(`${file}: valid ${isBackup ? 'backup' : 'deck'}`)
        return
      }
      for (const p of problems) io.err(p)
      throw new CliFailure(`${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}`)
    })

  cli
    .command('stats')
    .description(
      'Counts of a backup (decks, notes, cards by state, review logs, media), true retention, the due forecast and mastery by section.',
    )
    .argument('<backup>', 'an Attaché backup (.zip, .json or .json.gz)')
    .action(async (file: string) => {
      const data = await readBackupFile(file)
      const now = io.now()
      io.out(formatStats(collectionStats(data)))
      const store = memoryCollection()
      await restoreCollection(store, data)
      io.out(await studyReport(store, now))
    })
  cli
    .command('sync')
    .description(
      "Sync a backup's collection with a CouchDB server (Apache CouchDB, or `npm run sync-server`): send it, receive what the server has from other devices, and write the merged collection (media files included).",
    )
    .argument('<backup>', 'an Attaché backup (.zip, .json or .json.gz)')
    .requiredOption('--server <url>', 'the server (https, or http for one on this machine)')
    .option('--db <name>', 'the database on the server', 'attache')
    .option('--user <name>', 'the user to sign in as')
    .option('--password-env <VAR>', "the environment variable holding the user's password")
    .option(
      '--passphrase-env <VAR>',
      'the environment variable holding the encryption passphrase (end-to-end encryption: the server stores ciphertext only)',
    )
    .requiredOption('--out <merged-backup>', 'where to write the merged collection')
    .action(
      async (
        file: string,
        opts: {
          server: string
          db: string
          user?: string
          passwordEnv?: string
          passphraseEnv?: string
          out: string
        },
      ) => {
        const problem = serverUrlProblem(opts.server) ?? databaseNameProblem(opts.db)
        if (problem) throw new CliFailure(problem)
        const password = opts.passwordEnv ? process.env[opts.passwordEnv] : undefined
        if (opts.passwordEnv && password === undefined)
          throw new CliFailure(`the environment variable ${opts.passwordEnv} is not set`)
        if (opts.user && password === undefined)
          throw new CliFailure('--user needs --password-env: the variable that holds the password')
        const passphrase = opts.passphraseEnv ? process.env[opts.passphraseEnv] : undefined
        if (opts.passphraseEnv && !passphrase)
          throw new CliFailure(`the environment variable ${opts.passphraseEnv} is not set`)
        const data = await readBackupFile(file)
        const now = io.now()
        const store = memoryCollection()
        await restoreCollection(store, data)
        const local = memoryReplica('cli-sync')
        const url = `${opts.server.replace(/\/+$/, '')}/${encodeURIComponent(opts.db)}`
        const remote = serverDatabase(
          url,
          opts.user && password !== undefined ? { username: opts.user, password } : undefined,
        )
        try {
          await openEncryption(remote, passphrase ?? null).then(
            (key) => beginSync(store, key),
            (e: unknown) => {
              throw new CliFailure(syncErrorMessage(e, opts.server))
            },
          )
          const report = await syncOnce({
            collection: store,
            local,
            replicate: () => replicateBoth(local, remote),
            schedulerFor: replayScheduler(store),
            now: () => now,
          }).catch((e: unknown) => {
            throw new CliFailure(syncErrorMessage(e, opts.server))
          })
          for (const r of report.refused)
            io.err(`warning: ${opts.server}: refused document ${r.id}: ${r.reason}`)
          const merged = await exportCollection(store)
          assertUsable(merged, basename(file), 'would make a backup that is not valid')
          await writeBackup(opts.out, merged, now, file)
          io.out(
            `${opts.out}: sent ${plural(report.sent, 'document')}, received ${plural(report.received, 'change')}; ${merged.notes.length} notes, ${merged.cards.length} cards, ${merged.reviewLogs.length} review logs`,
          )
        } finally {
          await local.destroy()
        }
      },
    )

  cli
    .command('optimize')
    .description(
      'Optimize FSRS parameters on a review history (a backup, or a review-log CSV of the FSRS projects) with the FSRS optimizer; print them with the log loss and RMSE(bins) of the defaults and of the result, as the FSRS benchmark measures them.',
    )
    .argument(
      '<history>',
      'an Attaché backup (.zip, .json or .json.gz) or a card_id,review_rating,review_time CSV',
    )
    .option('--json', 'print the report as JSON')
    .option(
      '--rollover-hour <hour>',
      "the hour a study day starts (default: the backup's setting; for a CSV, 4)",
    )
    .option(
      '--time-zone <zone>',
      "the time zone days are counted in, e.g. Asia/Tokyo (default: the one the backup records, else this machine's)",
    )
    .action(
      async (file: string, opts: { json?: boolean; rolloverHour?: string; timeZone?: string }) => {
        const given = dayOptions(opts)
        const csv = file.toLowerCase().endsWith('.csv')
        const backup = csv ? null : await readBackupFile(file)
        const history = backup
          ? backup.reviewLogs.map((l) => ({ cardId: l.cardId, at: l.review, rating: l.rating }))
          : readReviewLogCsv(await readInput(file), basename(file))
        const rule = optimizeDayRule(backup, given)
        let report
        try {
          report = await optimizeOn(fsrsItems(history, dayIndexer(rule)), bindingTrainer)
        } catch (e) {
          throw new CliFailure(`${file}: ${e instanceof Error ? e.message : String(e)}`)
        }
        if (opts.json) {
          io.out(JSON.stringify({ ...report, dayRule: rule }))
          return
        }
        const f = (x: number) => x.toFixed(4)
        io.out(
          [
            `${file}: ${history.length} reviews, ${report.items} training items; days start at ${rule.rolloverHour}:00 in ${rule.timeZone}`,
            `parameters: ${report.parameters.map((p) => p.toFixed(4)).join(', ')}`,
            `defaults:  log loss ${f(report.defaults.logLoss)}, RMSE(bins) ${f(report.defaults.rmse)}`,
            `optimized: log loss ${f(report.optimized.logLoss)}, RMSE(bins) ${f(report.optimized.rmse)}`,
          ].join('\n'),
        )
      },
    )

  return cli
}

/** The optimizer's day options, checked before any file is read. */
function dayOptions(opts: { rolloverHour?: string; timeZone?: string }) {
  const hour = opts.rolloverHour === undefined ? undefined : Number(opts.rolloverHour)
  if (hour !== undefined && !(Number.isInteger(hour) && hour >= 0 && hour <= 23))
    throw new CliFailure(`--rollover-hour: "${opts.rolloverHour}" is not a whole hour from 0 to 23`)
  if (opts.timeZone !== undefined && !isTimeZone(opts.timeZone))
    throw new CliFailure(`--time-zone: "${opts.timeZone}" is not a time zone`)
  return { hour, zone: opts.timeZone }
}

/**
 * The study days a history is counted in for the optimizer: what the options say, else what
 * the backup records (its rollover hour and time zone), else 4 o'clock on this machine's clock.
 */
function optimizeDayRule(
  backup: CollectionData | null,
  given: ReturnType<typeof dayOptions>,
): { rolloverHour: number; timeZone: string } {
  const recorded = settingsOfRows(backup?.settings ?? []).settings
  return {
    rolloverHour: given.hour ?? recorded.rolloverHour,
    timeZone: given.zone ?? (recorded.timeZone || hostZone()),
  }
}

/** Runs one command line; returns the exit status. Errors go to stderr, never a stack trace. */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  try {
    await program(io).parseAsync([...argv], { from: 'user' })
    return 0
  } catch (e) {
    // Every failure is status 1 with one `error:` line (commander prints its own and says 0 for --help).
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 1
    if (e instanceof CliFailure || e instanceof ImportError) {
      io.err(`error: ${e.message}`)
      return 1
    }
    io.err(
      `error: ${argv[0] ?? 'attache'} stopped on an unexpected problem, nothing was written (${e instanceof Error ? e.message : String(e)}); please report it`,
    )
    return 1
  }
}
