import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { deck, fact } from '../core/testing/factories'
import { loadDecks } from './deck-loader'
import { nodeDeckFs } from './node-deck-fs'

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

describe('loadDecks on real files', () => {
  it('loads the good decks and reports each malformed file by name, line and reason', async () => {
    await writeDeck('good', JSON.stringify(deck('good', [fact({ id: 'a' })])))
    await writeDeck('broken', '{ "format": 1, "id": "broken", ')
    await writeDeck(
      'wrong-shape',
      JSON.stringify({ format: 1, id: 'w', name: 'W', facts: [{ id: 'x' }] }, null, 2),
    )
    await mkdir(join(root, 'not-a-deck'))
    const { decks, problems } = await loadDecks([root], nodeDeckFs)
    expect(decks.map((d) => d.id)).toEqual(['good'])
    expect(problems).toEqual([
      { file: 'broken/deck.json', line: 1, reason: expect.stringMatching(/not valid JSON/) },
      { file: 'wrong-shape/deck.json', line: 6, reason: 'facts[0].section: is required (array)' },
    ])
  })

  it('reports a folder it cannot list and still loads the others', async () => {
    await writeDeck('good', JSON.stringify(deck('good', [fact({ id: 'a' })])))
    const { decks, problems } = await loadDecks([join(root, 'missing'), root], nodeDeckFs)
    expect(decks).toHaveLength(1)
    expect(problems[0]?.reason).toMatch(/cannot list deck folder/)
  })

  it('reports the same deck id in two folders', async () => {
    await writeDeck('one', JSON.stringify(deck('same', [fact({ id: 'a' })])))
    await writeDeck('two', JSON.stringify(deck('same', [fact({ id: 'b' })])))
    const { decks, problems } = await loadDecks([root], nodeDeckFs)
    expect(decks).toHaveLength(1)
    expect(problems).toEqual([
      { file: 'two/deck.json', reason: 'deck id "same" is already used by one/deck.json' },
    ])
  })
})
