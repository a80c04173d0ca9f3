import { ankiPackageOf } from '../src/app/exchange/anki-package'
import { emptyCollectionData } from '../src/app/exchange/collection-data'
import { Queue, cardIdOf } from '../src/app/collection'
import { nodeSqlEngine } from '../src/cli/node-sqlite'
import { CardState, Rating, Scheduler } from '../src/core/scheduling/scheduler'
import { toStoredState } from '../src/core/scheduling/stored-state'
import { BUILT_IN_NOTE_TYPES } from '../src/core/notes/note-types'

const DAY = 86_400_000

/**
 * An Anki package of `notes` Basic notes answered `reviews` times in all (issue 19's window
 * measure: 2,000,000 review rows), made by the app's own exporter: every card reviewed on
 * successive days, Good mostly and Again now and then, so the import replays real histories.
 */
export async function packageWithReviews(notes: number, reviews: number): Promise<Uint8Array> {
  const start = Date.UTC(2020, 0, 1, 9)
  const data = emptyCollectionData()
  const fresh = toStoredState(new Scheduler().newState(new Date(start)))
  data.noteTypes = BUILT_IN_NOTE_TYPES.filter((t) => t.id === 'basic')
  data.decks.push({
    id: 'hist',
    name: 'Bench history',
    description: '',
    sourceTitle: null,
    origin: 'user',
    updatedAt: start,
    nextPosition: notes,
  })
  const perCard = Math.ceil(reviews / notes)
  for (let i = 0; i < notes; i++) {
    const id = `hist-${i}`
    data.notes.push({
      id,
      typeId: 'basic',
      deckId: 'hist',
      fields: { Front: `Question ${i}`, Back: `Answer ${i}` },
      tags: [],
      section: [],
      position: i,
      retired: 0,
      modifiedAt: start,
      createdAt: start + i,
    })
    const cardId = cardIdOf(id, 0)
    data.cards.push({
      ...fresh,
      id: cardId,
      noteId: id,
      ord: 0,
      deckId: 'hist',
      position: i,
      sectionKey: '',
      queue: Queue.Review,
      state: CardState.Review,
      revision: 0,
    })
    for (let k = 0; k < perCard && data.reviewLogs.length < reviews; k++) {
      // Each answer on its own day and millisecond: ids are answer times, unique.
      const at = start + k * DAY + i
      data.reviewLogs.push({
        id: at,
        cardId,
        noteId: id,
        durationMs: 4000,
        rating: k % 9 === 8 ? Rating.Again : Rating.Good,
        state: k === 0 ? CardState.New : CardState.Review,
        due: at + DAY,
        stability: 1 + k,
        difficulty: 5,
        elapsed_days: k === 0 ? 0 : 1,
        last_elapsed_days: k <= 1 ? 0 : 1,
        scheduled_days: 1,
        learning_steps: 0,
        review: at,
      })
    }
  }
  return ankiPackageOf(data, await nodeSqlEngine(), new Date(start))
}
