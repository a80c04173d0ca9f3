import { CardState, type Scheduler } from '../core/scheduling/scheduler'
import { toStoredState } from '../core/scheduling/stored-state'
import { Queue, isInCollection, queueOf, type CardRow } from './collection'
import { StaleCardError } from './answer'
import type { Collection } from './collection-writes'
import { DAY_MS } from '../core/units'

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
 * A card after `action`, or null when the action changes nothing (suspending a suspended
 * card, giving a flag it has when `toggle` is off). One definition for the study screen and
 * the browser.
 */
function withAction(
  card: CardRow,
  action: CardAction,
  dayEnd: number,
  toggle: boolean,
): CardRow | null {
  const { buriedUntil: _b, ...unburied } = card
  const next = { ...unburied, revision: card.revision + 1 }
  switch (action.kind) {
    case 'bury':
      return { ...next, queue: Queue.Buried, buriedUntil: dayEnd }
    case 'suspend':
      return card.queue === Queue.Suspended ? null : { ...next, queue: Queue.Suspended }
    case 'unsuspend':
      return card.queue === Queue.Suspended ? { ...next, queue: queueOf(card.state) } : null
    case 'flag': {
      if (!Number.isInteger(action.flag) || action.flag < 0 || action.flag > 7)
        throw new RangeError(`a flag is 0 to 7, not ${action.flag}`)
      const same = (card.flag ?? 0) === action.flag
      if (same && !toggle) return null
      return { ...card, revision: card.revision + 1, flag: same ? 0 : action.flag }
    }
  }
}

/**
 * Buries, suspends, unsuspends or flags a card, in one transaction, if it is still as the
 * screen showed it (`revision`). A buried card comes back when the study day `dayEnd` ends.
 * Giving a card the flag it has clears it, as Anki's toggle.
 */
export function changeCard(
  store: Collection,
  cardId: string,
  revision: number,
  action: CardAction,
  dayEnd: number,
): Promise<CardChange> {
  return store.transaction(async () => {
    const card = await store.getCard(cardId)
    if (!card || !isInCollection(card))
      throw new StaleCardError('This card no longer exists; nothing was changed.')
    if (card.revision !== revision)
      throw new StaleCardError(
        'This card changed since it was shown (another window?); nothing was changed.',
      )
    const next = withAction(card, action, dayEnd, true) ?? card
    if (next !== card) await store.putCard(next)
    return { before: card, after: next }
  }, ['cards'])
}

/** Puts a changed card back as it was, if nothing changed it since. */
export function undoCardChange(store: Collection, change: CardChange): Promise<CardRow> {
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
export function unburyCards(store: Collection, now: Date): Promise<number> {
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
 * transaction; cards already so, or gone, are left as they are. Returns the changes made.
 */
export function changeCards(
  store: Collection,
  cardIds: readonly string[],
  action: Exclude<CardAction, { kind: 'bury' }>,
): Promise<CardChange[]> {
  return store.transaction(async () => {
    const changes = (await store.getCards(cardIds)).flatMap((c) => {
      const next = c && isInCollection(c) ? withAction(c, action, 0, false) : null
      return c && next ? [{ before: c, after: next }] : []
    })
    await store.putCards(changes.map((c) => c.after))
    return changes
  }, ['cards'])
}

/**
 * Takes many changes back at once (undo of a bulk action), all or none: refused, with nothing
 * written, when any of the cards changed again since.
 */
export function undoCardChanges(
  store: Collection,
  changes: readonly CardChange[],
): Promise<number> {
  return store.transaction(async () => {
    const now = await store.getCards(changes.map((c) => c.after.id))
    if (changes.some((c, i) => now[i]?.revision !== c.after.revision))
      throw new StaleCardError('Some of those cards changed again since; nothing was undone.')
    await store.putCards(
      changes.map((c, i) => ({ ...c.before, revision: (now[i]?.revision ?? 0) + 1 })),
    )
    return changes.length
  }, ['cards'])
}

/**
 * Forgets cards: each becomes new again (its review history stays in the log), as Anki's
 * "Reset". Or reschedules them to be due `inDays` study days from `dayStart` (0 = today).
 */
export function resetCards(
  store: Collection,
  scheduler: Scheduler,
  cardIds: readonly string[],
  how: { kind: 'new' } | { kind: 'due'; inDays: number; dayStart: number },
  now: Date,
): Promise<number> {
  return store.transaction(async () => {
    const cards = (await store.getCards(cardIds)).filter(
      (c): c is CardRow => c !== undefined && isInCollection(c),
    )
    const fresh = toStoredState(scheduler.newState(now))
    const rows = cards.map((c): CardRow => {
      if (how.kind === 'new') {
        const { last_review: _l, buriedUntil: _b, ...rest } = c
        return { ...rest, ...fresh, queue: Queue.New, revision: c.revision + 1 }
      }
      if (c.state === CardState.New) return c
      const due = how.dayStart + Math.max(0, Math.round(how.inDays)) * DAY_MS
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
