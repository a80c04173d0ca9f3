import { CardState, type Scheduler } from '../core/scheduling/scheduler'
import { toStoredState } from '../core/scheduling/stored-state'
import { Queue, queueOf, type CardRow } from './collection'
import { StaleCardError } from './answer'
import type { StudyStore } from './store'

/** What a user can do to a card besides answering it (Anki's `-`, `@`, Ctrl+1…7). */
export type CardAction =
  | { kind: 'bury' }
  | { kind: 'suspend' }
  | { kind: 'unsuspend' }
  /** 0 clears the flag; giving a card the flag it has clears it too, as Anki's toggle. */
  | { kind: 'flag'; flag: number }

/** A change and what undoes it. */
export interface CardChange {
  before: CardRow
  after: CardRow
}

/**
 * Buries, suspends, unsuspends or flags a card, in one transaction, if it is still as the
 * screen showed it (`revision`). A buried card comes back when the study day `dayEnd` ends.
 */
export function changeCard(
  store: StudyStore,
  cardId: string,
  revision: number,
  action: CardAction,
  dayEnd: number,
): Promise<CardChange> {
  return store.transaction(async () => {
    const card = await store.getCard(cardId)
    if (!card || card.queue === Queue.Retired)
      throw new StaleCardError('This card no longer exists; nothing was changed.')
    if (card.revision !== revision)
      throw new StaleCardError(
        'This card changed since it was shown (another window?); nothing was changed.',
      )
    const { buriedUntil: _b, ...rest } = card
    const next: CardRow = { ...rest, revision: card.revision + 1 }
    if (action.kind === 'bury') Object.assign(next, { queue: Queue.Buried, buriedUntil: dayEnd })
    else if (action.kind === 'suspend') next.queue = Queue.Suspended
    else if (action.kind === 'unsuspend') next.queue = queueOf(card.state)
    else {
      if (!Number.isInteger(action.flag) || action.flag < 0 || action.flag > 7)
        throw new RangeError(`a flag is 0 to 7, not ${action.flag}`)
      next.flag = card.flag === action.flag ? 0 : action.flag
      if (card.buriedUntil !== undefined) next.buriedUntil = card.buriedUntil
    }
    await store.putCard(next)
    return { before: card, after: next }
  }, ['cards'])
}

/** Puts a changed card back as it was, if nothing changed it since. */
export function undoCardChange(store: StudyStore, change: CardChange): Promise<CardRow> {
  return store.transaction(async () => {
    const card = await store.getCard(change.after.id)
    if (!card || card.revision !== change.after.revision)
      throw new StaleCardError(
        'That card changed again since; undo that first. Nothing was changed.',
      )
    const restored = { ...change.before, revision: card.revision + 1 }
    await store.putCard(restored)
    return restored
  }, ['cards'])
}

/** Brings back every card buried until `now` or before (a new study day has begun). */
export function unburyCards(store: StudyStore, now: Date): Promise<number> {
  return store.transaction(async () => {
    const due = await store.buriedUntil(now.getTime())
    await store.putCards(
      due.map(({ buriedUntil: _b, ...c }) => ({
        ...c,
        queue: queueOf(c.state),
        revision: c.revision + 1,
      })),
    )
    return due.length
  }, ['cards'])
}

/**
 * Applies one action to many cards (the browser's bulk suspend, unsuspend, flag), in one
 * transaction; cards already so, or gone, are left as they are. Returns how many changed.
 */
export function changeCards(
  store: StudyStore,
  cardIds: readonly string[],
  action: Exclude<CardAction, { kind: 'bury' }>,
): Promise<number> {
  return store.transaction(async () => {
    const cards = (await store.getCards(cardIds)).filter(
      (c): c is CardRow =>
        c !== undefined && c.queue !== Queue.Retired && c.queue !== Queue.Trashed,
    )
    const changed = cards.flatMap((c): CardRow[] => {
      if (action.kind === 'suspend')
        return c.queue === Queue.Suspended ? [] : [{ ...c, queue: Queue.Suspended }]
      if (action.kind === 'unsuspend')
        return c.queue === Queue.Suspended ? [{ ...c, queue: queueOf(c.state) }] : []
      return (c.flag ?? 0) === action.flag ? [] : [{ ...c, flag: action.flag }]
    })
    await store.putCards(changed.map((c) => ({ ...c, revision: c.revision + 1 })))
    return changed.length
  }, ['cards'])
}

/**
 * Forgets cards: each becomes new again (its review history stays in the log), as Anki's
 * "Reset". Or reschedules them to be due `inDays` study days from `dayStart` (0 = today).
 */
export function resetCards(
  store: StudyStore,
  scheduler: Scheduler,
  cardIds: readonly string[],
  how: { kind: 'new' } | { kind: 'due'; inDays: number; dayStart: number },
  now: Date,
): Promise<number> {
  return store.transaction(async () => {
    const cards = (await store.getCards(cardIds)).filter(
      (c): c is CardRow =>
        c !== undefined && c.queue !== Queue.Retired && c.queue !== Queue.Trashed,
    )
    const fresh = toStoredState(scheduler.newState(now))
    const rows = cards.map((c): CardRow => {
      if (how.kind === 'new') {
        const { last_review: _l, buriedUntil: _b, ...rest } = c
        return { ...rest, ...fresh, queue: Queue.New, revision: c.revision + 1 }
      }
      if (c.state === CardState.New) return c
      const due = how.dayStart + Math.max(0, Math.round(how.inDays)) * 86_400_000
      const { buriedUntil: _b, ...rest } = c
      return {
        ...rest,
        due,
        queue: c.queue === Queue.Suspended ? Queue.Suspended : queueOf(c.state),
        revision: c.revision + 1,
      }
    })
    await store.putCards(rows.filter((r, i) => r !== cards[i]))
    return rows.filter((r, i) => r !== cards[i]).length
  }, ['cards'])
}
