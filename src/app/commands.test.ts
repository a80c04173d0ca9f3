import { describe, expect, it } from 'vitest'
import { deck, fact } from '../core/testing/factories'
import { BackupFirstError, makeCommands, type CommandHost, type PlannedImport } from './commands'
import { Queue } from './collection'
import { memoryCollection, type Collection } from './collection-writes'
import { syncBuiltInDeck } from './deck-sync'
import { EditError } from './editing'
import { defaultPreset } from './presets'
import { questionCard, scheduler, settings, t0 } from './testing'

const chapter = deck('d', [fact({ id: 'a' }), fact({ id: 'b' })])

/** A host whose backup is recorded with the change log's position when it ran. */
async function host(overrides: Partial<CommandHost> = {}) {
  const collection = memoryCollection()
  await syncBuiltInDeck(collection, chapter, scheduler, t0)
  const backups: number[] = []
  let ids = 0
  const made: CommandHost = {
    collection,
    scheduler,
    backup: async () => {
      backups.push(await collection.lastChangeSeq())
    },
    storageFailure: (e) =>
      e instanceof Error && e.name === 'QuotaExceededError' ? 'The disk is full.' : null,
    randomId: (length) => String(++ids).padStart(length, '0'),
    now: () => t0,
    ...overrides,
  }
  return { collection, backups, commands: makeCommands(made) }
}

const written = (collection: Collection) => collection.lastChangeSeq()

describe('the command map: one place for the rules every write follows', () => {
  it('runs a use case: a note added gets the host’s fresh guid', async () => {
    const { collection, commands } = await host()
    const { note } = await commands.notes.add({
      deckId: 'd',
      typeId: 'basic',
      fields: { Front: 'Q', Back: 'A' },
      tags: [],
    })
    // A note's id is its guid.
    expect(note.id).toBe('0000000001')
    expect((await collection.getNote(note.id))?.fields).toEqual({ Front: 'Q', Back: 'A' })
  })

  it('backs up before a reschedule, and changes nothing when the backup fails', async () => {
    const { collection, backups, commands } = await host()
    const before = await written(collection)
    const preset = { ...defaultPreset(settings), id: 'p', name: 'Tight', desiredRetention: 0.95 }
    await commands.decks.saveOptions('d', 'p', preset, { settings, reschedule: true })
    // The backup saw the collection as it was; the reschedule came after it.
    expect(backups).toEqual([before])
    expect(await written(collection)).toBeGreaterThan(before)
    expect((await collection.getDeck('d'))?.presetId).toBe('p')

    // Saving options without rescheduling needs no backup.
    await commands.decks.saveOptions(
      'd',
      'p',
      { ...preset, name: 'Tighter' },
      {
        settings,
        reschedule: false,
      },
    )
    expect(backups).toHaveLength(1)

    const failing = await host({
      backup: () => Promise.reject(new Error('the folder is read-only')),
    })
    const seq = await written(failing.collection)
    const error = await failing.commands.decks
      .saveOptions('d', 'p', preset, { settings, reschedule: true })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BackupFirstError)
    expect(String(error)).toContain('the folder is read-only')
    expect(await written(failing.collection)).toBe(seq)
    expect((await failing.collection.getDeck('d'))?.presetId).toBeUndefined()
  })

  it('backs up before an import is written, and does not write it when it cannot', async () => {
    const applied: string[] = []
    const job: PlannedImport = {
      apply: async (conflict, replace) => {
        applied.push(`${conflict} ${replace}`)
        return null
      },
    }
    const { backups, commands } = await host()
    await commands.exchange.apply(job, 'update', true)
    expect(backups).toHaveLength(1)
    expect(applied).toEqual(['update true'])

    const failing = await host({ backup: () => Promise.reject(new Error('disk full')) })
    await expect(failing.commands.exchange.apply(job, 'keep', false)).rejects.toThrow(
      /could not be written first, so nothing was changed \(disk full\)/,
    )
    expect(applied).toEqual(['update true'])
  })

  it('says a storage failure in the app’s words and passes the use case’s own errors on', async () => {
    const { collection, commands } = await host()
    const quota = Object.assign(new Error('quota'), { name: 'QuotaExceededError' })
    const full = collection.putSetting.bind(collection)
    collection.putSetting = () => Promise.reject(quota)
    const error = await commands.settings.update('newPerDay', 7).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).toBe('The disk is full.')
    expect((error as Error).cause).toBe(quota)
    collection.putSetting = full

    // An EditError already says what is wrong: it reaches the screen as it was thrown.
    const edit = await commands.decks.rename('no-such-deck', 'X').catch((e: unknown) => e)
    expect(edit).toBeInstanceOf(EditError)
    expect((edit as Error).message).toBe('That deck no longer exists.')
  })

  it('hands rescheduling to the host when it has somewhere else to run it', async () => {
    const asked: string[] = []
    const { backups, commands, collection } = await host({
      reschedule: async (request) => {
        asked.push(`${request.deckId} ${request.preset.id}`)
        return 7
      },
    })
    const preset = { ...defaultPreset(settings), id: 'p', name: 'P' }
    expect(await commands.decks.saveOptions('d', 'p', preset, { settings, reschedule: true })).toBe(
      7,
    )
    expect(asked).toEqual(['d p'])
    expect(backups).toHaveLength(1)
    // The host's worker wrote nothing here: this collection is as it was.
    expect((await collection.getDeck('d'))?.presetId).toBeUndefined()
  })

  it('drives a card through study, card and undo commands', async () => {
    const { collection, commands } = await host()
    const id = questionCard('d', 'a')
    const card = await collection.getCard(id)
    const receipt = await commands.study.answer(scheduler, {
      cardId: id,
      revision: card?.revision ?? 0,
      grade: 3,
      now: t0,
      durationMs: 1000,
    })
    expect((await collection.getCard(id))?.reps).toBe(1)
    const after = await collection.getCard(id)
    const change = await commands.study.change(id, after?.revision ?? 0, { kind: 'suspend' }, 0)
    expect((await collection.getCard(id))?.queue).toBe(Queue.Suspended)
    await commands.study.undoChange(change)
    await commands.study.undoAnswer(receipt)
    expect((await collection.getCard(id))?.reps).toBe(0)
    expect(await commands.cards.changeMany([id], { kind: 'flag', flag: 2 })).toHaveLength(1)
  })
})
