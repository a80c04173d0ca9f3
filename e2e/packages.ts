import { ankiPackageOf } from '../src/app/exchange/anki-package'
import { exportCollection } from '../src/app/exchange/export-collection'
import { mediaRow } from '../src/app/exchange/media-files'
import { addNote, createDeck } from '../src/app/editing'
import { cardIdOf } from '../src/app/collection'
import { MemoryStore } from '../src/app/memory-store'
import { answer, scheduler } from '../src/app/testing'
import { nodeSqlEngine } from '../src/cli/node-sqlite'

/** A valid 2×2 red PNG, so the browser really decodes the imported image. */
export const RED_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
  'base64',
)

export const PACKAGE_DECK = 'Geography::Capitals'

/**
 * An Anki package made by the app's own exporter from a real collection: a nested deck, a
 * note with an image, notes answered in the past (so it carries review history), and a note
 * whose fields hold HTML payloads that must stay inert.
 */
export async function packageWithMediaAndHistory(): Promise<Buffer> {
  const store = new MemoryStore()
  const past = new Date('2026-01-10T09:00:00Z')
  await createDeck(store, { id: 'geo', name: PACKAGE_DECK }, past)
  const add = (guid: string, Front: string, Back: string) =>
    addNote(
      store,
      scheduler,
      { guid, deckId: 'geo', typeId: 'basic', fields: { Front, Back }, tags: ['geo'] },
      past,
    )
  await add('flag-note', 'Whose flag is this? <img src="flag.png">', 'A red one')
  await add('canberra', 'Capital of Australia?', 'Canberra')
  await add('ottawa', 'Capital of Canada?', 'Ottawa')
  await add(
    'payload',
    'Payload card <img src=x onerror="window.__xss=1"><script>window.__xss=2</script>',
    '<a href="javascript:window.__xss=3">link</a><svg onload="window.__xss=4"></svg><iframe src="https://example.org"></iframe>',
  )
  await store.putMedia([mediaRow('flag.png', new Uint8Array(RED_PNG), past.getTime())])
  await answer(store, cardIdOf('canberra', 0), 3, past)
  await answer(store, cardIdOf('ottawa', 0), 3, past)
  await answer(store, cardIdOf('ottawa', 0), 3, new Date('2026-01-10T09:10:00Z'))
  return Buffer.from(ankiPackageOf(await exportCollection(store), await nodeSqlEngine(), past))
}

export const HISTORY_DECK = 'Treaties'

/**
 * A package whose cards were studied for a year before `now`: each of 30 notes answered on
 * the day FSRS set for it (Good, with an Again now and then), so the statistics have real
 * history — heatmap, retention, intervals — made by the same scheduler the app uses.
 */
export async function packageWithAYearOfHistory(
  now: Date,
): Promise<{ apkg: Buffer; reviews: number }> {
  const store = new MemoryStore()
  const start = new Date(now.getTime() - 360 * 86_400_000)
  await createDeck(store, { id: 'treaties', name: HISTORY_DECK }, start)
  let reviews = 0
  for (let i = 0; i < 30; i++) {
    const guid = `treaty-${i}`
    await addNote(
      store,
      scheduler,
      {
        guid,
        deckId: 'treaties',
        typeId: 'basic',
        fields: { Front: `Treaty ${i}?`, Back: `${1950 + i}` },
        tags: [],
      },
      start,
    )
    let at = new Date(start.getTime() + i * 86_400_000)
    for (let n = 0; at < now && n < 40; n++) {
      const grade = (i + n) % 7 === 0 ? 1 : 3
      await answer(store, cardIdOf(guid, 0), grade, at)
      reviews++
      const card = await store.getCard(cardIdOf(guid, 0))
      at = new Date(Math.max((card?.due ?? 0) + 3_600_000, at.getTime() + 60_000))
    }
  }
  const apkg = ankiPackageOf(await exportCollection(store), await nodeSqlEngine(), now)
  return { apkg: Buffer.from(apkg), reviews }
}
