import { ankiPackageOf } from '../src/app/exchange/anki-package'
import { exportCollection } from '../src/app/exchange/export-collection'
import { mediaRow, putMediaFiles } from '../src/app/exchange/media-files'
import { addNote, createDeck } from '../src/app/editing'
import { cardIdOf } from '../src/app/collection'
import { answer, scheduler } from '../src/app/testing'
import { nodeSqlEngine } from '../src/cli/node-sqlite'
import { readReviewLogCsv } from '../src/core/formats/text/review-log-csv'
import { memoryCollection } from '../src/app/collection-writes'

/** A valid 2×2 red PNG, so the browser really decodes the imported image. */
export const RED_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
  'base64',
)

export const PACKAGE_DECK = 'Geography::Capitals'

/** The image of the media package's flag note. */
export const FLAG_IMAGE = 'red flag (2x2).png'

/**
 * An Anki package made by the app's own exporter from a real collection: a nested deck, a
 * note with an image, notes answered in the past (so it carries review history), and a note
 * whose fields hold HTML payloads that must stay inert.
 */
export async function packageWithMediaAndHistory(): Promise<Buffer> {
  const store = memoryCollection()
  const past = new Date('2026-01-10T09:00:00Z')
  await createDeck(store, { id: 'geo', name: PACKAGE_DECK }, past)
  const add = (guid: string, Front: string, Back: string) =>
    addNote(
      store,
      scheduler,
      { guid, deckId: 'geo', typeId: 'basic', fields: { Front, Back }, tags: ['geo'] },
      past,
    )
  // A name as Anki users' pasted files have them: spaces and parentheses (issue 20).
  await add('flag-note', `Whose flag is this? <img src="${FLAG_IMAGE}">`, 'A red one')
  await add('canberra', 'Capital of Australia?', 'Canberra')
  await add('ottawa', 'Capital of Canada?', 'Ottawa')
  await add(
    'payload',
    'Payload card <img src=x onerror="window.__xss=1"><script>window.__xss=2</script>',
    '<a href="javascript:window.__xss=3">link</a><svg onload="window.__xss=4"></svg><iframe src="https://example.org"></iframe>',
  )
  await putMediaFiles(store, [mediaRow(FLAG_IMAGE, new Uint8Array(RED_PNG), past.getTime())])
  await answer(store, cardIdOf('canberra', 0), 3, past)
  await answer(store, cardIdOf('ottawa', 0), 3, past)
  await answer(store, cardIdOf('ottawa', 0), 3, new Date('2026-01-10T09:10:00Z'))
  return Buffer.from(ankiPackageOf(await exportCollection(store), await nodeSqlEngine(), past))
}

export const HISTORY_DECK = 'Treaties'

/**
 * A package whose cards were studied for a year before `now`: each of `notes` notes answered on
 * the day FSRS set for it (Good, with an Again now and then), so the statistics have real
 * history — heatmap, retention, intervals — made by the same scheduler the app uses.
 */
export async function packageWithAYearOfHistory(
  now: Date,
  notes = 30,
  gradeOf: (note: number, answer: number) => 1 | 2 | 3 = (i, n) => ((i + n) % 7 === 0 ? 1 : 3),
): Promise<{ apkg: Buffer; reviews: number }> {
  const store = memoryCollection()
  const start = new Date(now.getTime() - 360 * 86_400_000)
  await createDeck(store, { id: 'treaties', name: HISTORY_DECK }, start)
  let reviews = 0
  for (let i = 0; i < notes; i++) {
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
      await answer(store, cardIdOf(guid, 0), gradeOf(i, n), at)
      reviews++
      const card = await store.getCard(cardIdOf(guid, 0))
      at = new Date(Math.max((card?.due ?? 0) + 3_600_000, at.getTime() + 60_000))
    }
  }
  const apkg = ankiPackageOf(await exportCollection(store), await nodeSqlEngine(), now)
  return { apkg: Buffer.from(apkg), reviews }
}

export const REVIEW_LOG_DECK = 'Reviews of a real learner'

/**
 * A package whose history is a real learner's review log (the FSRS projects' CSV format): a
 * note per card of the log, each answered at the log's times with the log's buttons, by the
 * app's own answer path; the app re-imports it with that history.
 */
export async function packageFromReviewLog(csv: Uint8Array, now: Date): Promise<Buffer> {
  const history = readReviewLogCsv(csv, 'review-log.csv')
    .filter((h) => h.rating >= 1)
    .sort((a, b) => a.at - b.at)
  const store = memoryCollection()
  const first = new Date(history[0]?.at ?? now.getTime())
  await createDeck(store, { id: 'learner', name: REVIEW_LOG_DECK }, first)
  for (const cardId of new Set(history.map((h) => h.cardId)))
    await addNote(
      store,
      scheduler,
      {
        guid: `card-${cardId}`,
        deckId: 'learner',
        typeId: 'basic',
        fields: { Front: `Card ${cardId}?`, Back: cardId },
        tags: [],
      },
      first,
    )
  for (const h of history)
    await answer(store, cardIdOf(`card-${h.cardId}`, 0), h.rating as 1 | 2 | 3 | 4, new Date(h.at))
  return Buffer.from(ankiPackageOf(await exportCollection(store), await nodeSqlEngine(), now))
}
