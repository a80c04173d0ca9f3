import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseDecks } from '../core/decks/parse-deck'
import { deck, fact } from '../core/testing/factories'
import { readDeckFiles, type DeckFs } from './deck-files'

const nodeFs: DeckFs = {
  readdir: (d) => readdir(d),
  readFile: (p) => readFile(p, 'utf8'),
  exists: async (p) => existsSync(p),
}

let root: string
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'attache-decks-'))
})
afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

async function writeDeck(folder: string, text: string) {
  await mkdir(join(root, folder), { recursive: true })
  await writeFile(join(root, folder, 'deck.json'), text)
}

describe('readDeckFiles on real files', () => {
  it('reads every deck folder and lets core report the malformed one by file and reason', async () => {
    await writeDeck('good', JSON.stringify(deck('good', [fact({ id: 'a' })])))
    await writeDeck('broken', '{ "format": 1, "id": "broken", ')
    await writeDeck(
      'wrong-shape',
      JSON.stringify({ format: 1, id: 'w', name: 'W', facts: [{ id: 'x' }] }, null, 2),
    )
    await mkdir(join(root, 'not-a-deck'))
    const files = await readDeckFiles([root], nodeFs)
    expect(files.sources.map((s) => s.file)).toEqual([
      'broken/deck.json',
      'good/deck.json',
      'wrong-shape/deck.json',
    ])
    const { decks, problems } = parseDecks(files.sources)
    expect(decks.map((d) => d.id)).toEqual(['good'])
    expect(problems).toEqual([
      { file: 'broken/deck.json', line: 1, reason: expect.stringMatching(/not valid JSON/) },
      { file: 'wrong-shape/deck.json', line: 6, reason: 'facts[0].section: is required (array)' },
    ])
  })

  it('reports a missing folder and still reads the others', async () => {
    await writeDeck('good', JSON.stringify(deck('good', [fact({ id: 'a' })])))
    const files = await readDeckFiles([join(root, 'missing'), root], nodeFs)
    expect(files.sources).toHaveLength(1)
    expect(files.problems[0]?.reason).toMatch(/cannot list deck folder/)
  })
})
