import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { tempFolder } from './cli-testing'
import { addNote, createDeck } from '../app/editing'
import { exportCollection } from '../app/exchange/export-collection'
import { backupJson } from '../app/exchange/backup-format'
import { cardIdOf } from '../app/collection'
import { answer, scheduler, t0 } from '../app/testing'
import { asLines, runCli } from './run-cli'
import { memoryCollection } from '../app/collection-writes'

const HOUR = 3_600_000
const dir = tempFolder('optimize-days')
const zone = process.env['TZ']
afterEach(() => {
  if (zone === undefined) delete process.env['TZ']
  else process.env['TZ'] = zone
})

/**
 * A backup made on a machine in Tokyo: 160 cards, each answered five times at hours that fall
 * on different days in different time zones (so the zone changes what the optimizer sees).
 */
async function tokyoBackup(): Promise<string> {
  process.env['TZ'] = 'Asia/Tokyo'
  const store = memoryCollection()
  await createDeck(store, { id: 'd', name: 'Deck' }, t0)
  for (let i = 0; i < 160; i++) {
    const guid = `n${i}`
    const fields = { Front: `Q${i}`, Back: 'A' }
    await addNote(store, scheduler, { guid, deckId: 'd', typeId: 'basic', fields, tags: [] }, t0)
    let at = t0.getTime() + (i % 24) * HOUR
    for (const [k, gap] of [0, 19, 31, 53, 101].entries()) {
      at += gap * HOUR
      await answer(store, cardIdOf(guid, 0), (k + i) % 7 === 0 ? 1 : 3, new Date(at))
    }
  }
  const path = join(dir, 'tokyo.json')
  writeFileSync(path, backupJson(await exportCollection(store), t0))
  return path
}

async function optimize(...args: string[]) {
  const out: string[] = []
  const status = await runCli(['optimize', ...args, '--json'], {
    out: (t) => out.push(asLines(t)),
    err: () => undefined,
    now: () => t0,
  })
  expect(status).toBe(0)
  return JSON.parse(out.join('')) as {
    items: number
    parameters: number[]
    dayRule: { rolloverHour: number; timeZone: string }
  }
}

describe('a backup optimizes the same on any machine (issue 20)', () => {
  it('counts days in the time zone the backup records, whatever the machine', async () => {
    const backup = await tokyoBackup()
    process.env['TZ'] = 'America/New_York'
    const inNewYork = await optimize(backup)
    process.env['TZ'] = 'Asia/Tokyo'
    const inTokyo = await optimize(backup)
    expect(inNewYork.dayRule).toEqual({ rolloverHour: 4, timeZone: 'Asia/Tokyo' })
    expect(inNewYork.items).toBe(inTokyo.items)
    expect(inNewYork.parameters).toEqual(inTokyo.parameters)
    // The zone matters: counted in New York's days, the same history trains otherwise.
    const otherwise = await optimize(backup, '--time-zone', 'America/New_York')
    expect(otherwise.dayRule.timeZone).toBe('America/New_York')
    expect(otherwise.parameters).not.toEqual(inTokyo.parameters)
  }, 120_000)

  it('refuses a time zone or rollover hour it does not know, in words', async () => {
    const err: string[] = []
    const io = { out: () => undefined, err: (t: string) => err.push(t), now: () => t0 }
    expect(await runCli(['optimize', 'x.csv', '--time-zone', 'Mars/Base'], io)).toBe(1)
    expect(await runCli(['optimize', 'x.csv', '--rollover-hour', '25'], io)).toBe(1)
    expect(err.join('')).toContain('--time-zone: "Mars/Base" is not a time zone')
    expect(err.join('')).toContain('--rollover-hour: "25" is not a whole hour from 0 to 23')
  })
})
