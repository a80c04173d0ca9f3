import { execFileSync } from 'node:child_process'
import { mkdir, mkdtemp, rm, symlink, truncate, writeFile } from 'node:fs/promises'
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

  it('refuses links, pipes, oversized and non-UTF-8 files by name while the others load', async () => {
    const good = JSON.stringify(deck('good', [fact({ id: 'a' })]))
    await writeDeck('good', good)
    // A deck file that is a link to a file elsewhere, and a deck folder that is a link.
    const outside = await mkdtemp(join(tmpdir(), 'attache-outside-'))
    await writeFile(
      join(outside, 'deck.json'),
      JSON.stringify(deck('outside', [fact({ id: 'b' })])),
    )
    await mkdir(join(root, 'linked-file'))
    await symlink(join(outside, 'deck.json'), join(root, 'linked-file', 'deck.json'))
    await symlink(outside, join(root, 'linked-folder'))
    // A named pipe: reading it would wait for ever.
    await mkdir(join(root, 'fifo'))
    execFileSync('mkfifo', [join(root, 'fifo', 'deck.json')])
    // 17 MB on disk (sparse), over the limit: not read at all.
    await writeDeck('huge', '')
    await truncate(join(root, 'huge', 'deck.json'), 17 * 1024 * 1024)
    await mkdir(join(root, 'latin1'))
    await writeFile(join(root, 'latin1', 'deck.json'), Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d]))
    await writeDeck('bom', '\uFEFF' + JSON.stringify(deck('bom', [fact({ id: 'c' })])))

    const { decks, problems } = await loadDecks([root], nodeDeckFs)
    expect(decks.map((d) => d.id).sort()).toEqual(['bom', 'good'])
    expect(problems).toEqual([
      { file: 'fifo/deck.json', reason: expect.stringMatching(/is not a regular file/) },
      { file: 'huge/deck.json', reason: expect.stringMatching(/17\.0 MB; .* at most 16 MB/) },
      { file: 'latin1/deck.json', reason: 'is not valid UTF-8 text (byte 2); save it as UTF-8' },
      { file: 'linked-file/deck.json', reason: expect.stringMatching(/symbolic link/) },
      {
        file: 'linked-folder/deck.json',
        reason: expect.stringMatching(/folder is a symbolic link/),
      },
    ])
    await rm(outside, { recursive: true, force: true })
  })
})
