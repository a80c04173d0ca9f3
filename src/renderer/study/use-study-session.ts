import { useCallback, useEffect, useRef, useState } from 'react'
import { StaleCardError, type AnswerReceipt } from '../../app/answer'
import type { CardAction, CardChange } from '../../app/card-actions'
import { EditError, type EditReceipt } from '../../app/editing'
import { cardView, checkTyped, type CardView } from '../../app/card-view'
import { isStudiable } from '../../app/collection'
import type { Settings } from '../../app/settings'
import { StudySession } from '../../app/study-session'
import { studyDayAt } from '../../app/study-queue'
import type { Verdict } from '../../core/answers/check-answer'
import type { Grade } from '../../core/scheduling/scheduler'
import type { QueueCounts } from '../../core/study/review-queue'
import { store } from '../app-services'
import { commands } from '../commands'
import { leechRuleOf } from '../../app/presets'

export interface ShownCard extends CardView {
  revealed: boolean
  /** For typed cards: what was typed and how it compares with the answer. */
  typed?: { answer: string; verdict: Verdict }
  /** Button labels: when the card would come back for each grade. */
  intervals: Record<Grade, string>
}

export interface SessionState {
  phase: 'loading' | 'card' | 'done'
  shown: ShownCard | null
  counts: QueueCounts
  /** A section session showing new cards beyond the deck's daily limit (said on screen). */
  pastDeckLimit: boolean
  /** The deck's new cards a day, and how many of them today still allows. */
  newPerDay: number
  deckNewLeft: number
  /** When something is next available once the session is done (epoch ms), and the day's end. */
  nextAt: number | null
  dayEnd: number
  reviewed: number
  grades: Record<Grade, number>
  startedAt: number
  /** Set when the queue runs out. */
  finishedAt: number | null
  /** A notice: `info` clears itself on the next step; `error` stays until the next answer. */
  message: { text: string; tone: 'info' | 'error' } | null
  canUndo: boolean
}

const noGrades = (): Record<Grade, number> => ({ 1: 0, 2: 0, 3: 0, 4: 0 })

/** What Ctrl+Z can take back: an answer, a bury, suspend or flag, or a note's edit. */
type UndoEntry =
  | { kind: 'answer'; receipt: AnswerReceipt; grade: Grade }
  | { kind: 'change'; change: CardChange; label: string }
  | { kind: 'edit'; receipt: EditReceipt }

/** Anki's flag colours, by number. */
export const FLAG_NAMES = ['', 'red', 'orange', 'green', 'blue', 'pink', 'turquoise', 'purple']

/**
 * One study session over a deck, or one section of it: queue, reveal, grade, undo, through
 * the application layer's use cases. The next card comes from a `StudySession`, which keeps
 * what it read of the deck and brings it forward by the change log, so nothing it holds goes
 * stale; this hook keeps what is on screen and what Ctrl+Z takes back.
 */
export function useStudySession(
  deckId: string,
  settings: Settings,
  section: readonly string[] | null,
) {
  // A stable dependency for the callbacks below (the array itself is a new object per render).
  const sectionKey = JSON.stringify(section)
  const [state, setState] = useState<SessionState>(() => ({
    phase: 'loading',
    shown: null,
    counts: { learning: 0, review: 0, new: 0 },
    pastDeckLimit: false,
    newPerDay: 0,
    deckNewLeft: 0,
    nextAt: null,
    dayEnd: 0,
    reviewed: 0,
    grades: noGrades(),
    startedAt: Date.now(),
    finishedAt: null,
    message: null,
    canUndo: false,
  }))
  const busy = useRef(false)
  const shownAt = useRef(0)
  const undoStack = useRef<UndoEntry[]>([])
  // The deck's preset and scheduler, today's log and the index reads, kept from card to card
  // (`StudySession`); made again when the deck, the section or the settings change.
  const session = useRef<StudySession | null>(null)
  const sessionOf = useCallback(
    () =>
      (session.current ??= new StudySession(
        store,
        { deckId, section: JSON.parse(sectionKey) as string[] | null },
        settings,
      )),
    [deckId, sectionKey, settings],
  )

  const showNext = useCallback(
    async (preferId?: string) => {
      const now = new Date()
      const current = sessionOf()
      const next = await current.next(now, preferId)
      const { preset } = await current.options()
      const overview = {
        counts: next.counts,
        pastDeckLimit: next.pastDeckLimit,
        newPerDay: preset.newPerDay,
        deckNewLeft: next.deckNewLeft,
        nextAt: next.nextAt,
        dayEnd: next.dayEnd,
        canUndo: undoStack.current.length > 0,
      }
      const { view, intervals } = next
      if (!view || !intervals) {
        setState((s) => ({
          ...s,
          ...overview,
          phase: 'done',
          shown: null,
          finishedAt: now.getTime(),
        }))
        return
      }
      shownAt.current = performance.now()
      setState((s) => ({
        ...s,
        ...overview,
        phase: 'card',
        shown: { ...view, revealed: false, intervals },
      }))
    },
    [sessionOf],
  )

  useEffect(() => {
    // Another deck or section, or new settings (which may change the deck's preset).
    session.current = null
    void showNext()
  }, [showNext])

  /** Shows the back; for typed cards, checks what was typed first. */
  const reveal = useCallback((typedAnswer?: string) => {
    setState((s) => {
      if (!s.shown || s.shown.revealed) return s
      const shown: ShownCard = { ...s.shown, revealed: true }
      if (s.shown.face.answerMode === 'type') {
        const answer = typedAnswer ?? ''
        shown.typed = { answer, verdict: checkTyped(s.shown, answer) }
      }
      return { ...s, shown, message: s.message?.tone === 'info' ? null : s.message }
    })
  }, [])

  // An informational notice ("Last answer undone.") fades after a few seconds.
  const info = state.message?.tone === 'info' ? state.message : null
  useEffect(() => {
    if (!info) return
    const timer = setTimeout(
      () => setState((s) => (s.message === info ? { ...s, message: null } : s)),
      4000,
    )
    return () => clearTimeout(timer)
  }, [info])

  const run = useCallback(
    async (work: () => Promise<void>) => {
      if (busy.current) return
      busy.current = true
      try {
        await work()
      } catch (e) {
        const text =
          e instanceof StaleCardError || e instanceof EditError
            ? e.message
            : `Could not save: ${e instanceof Error ? e.message : String(e)}`
        setState((s) => ({ ...s, message: { text, tone: 'error' } }))
        session.current?.forgetLog()
        await showNext()
      } finally {
        busy.current = false
      }
    },
    [showNext],
  )

  const grade = useCallback(
    (g: Grade) =>
      run(async () => {
        const shown = state.shown
        if (!shown?.revealed) return
        const current = await sessionOf().options()
        const receipt = await commands.study.answer(current.scheduler, {
          cardId: shown.card.id,
          revision: shown.card.revision,
          grade: g,
          now: new Date(),
          durationMs: performance.now() - shownAt.current,
          leech: leechRuleOf(current.preset),
        })
        undoStack.current.push({ kind: 'answer', receipt, grade: g })
        sessionOf().answered(receipt)
        const leech =
          receipt.leech &&
          `That card is a leech: forgotten ${receipt.card.lapses} times. It is tagged “leech”${
            receipt.leech === 'suspend' ? ' and suspended' : ''
          }; consider rewording it (E on the card, or in the deck’s notes).`
        setState((s) => ({
          ...s,
          reviewed: s.reviewed + 1,
          grades: { ...s.grades, [g]: s.grades[g] + 1 },
          message: leech ? { text: leech, tone: 'error' } : null,
        }))
        await showNext()
      }),
    [run, showNext, sessionOf, state.shown],
  )

  /** Buries, suspends or flags the card shown; Ctrl+Z takes it back. */
  const act = useCallback(
    (action: CardAction) =>
      run(async () => {
        const shown = state.shown
        if (!shown) return
        const change = await commands.study.change(
          shown.card.id,
          shown.card.revision,
          action,
          studyDayAt(settings, new Date()).end.getTime(),
        )
        const label =
          action.kind === 'bury'
            ? 'Card buried until the next study day.'
            : action.kind === 'suspend'
              ? 'Card suspended.'
              : action.kind === 'unsuspend'
                ? 'Card unsuspended.'
                : change.after.flag
                  ? `Flagged ${FLAG_NAMES[change.after.flag] ?? ''}.`
                  : 'Flag removed.'
        undoStack.current.push({ kind: 'change', change, label })
        setState((s) => ({ ...s, message: { text: label, tone: 'info' } }))
        if (action.kind === 'flag') {
          // The same card, revealed as it was, with its new flag.
          setState((s) =>
            s.shown ? { ...s, shown: { ...s.shown, card: change.after }, canUndo: true } : s,
          )
          return
        }
        await showNext()
      }),
    [run, showNext, state.shown, settings],
  )

  /**
   * Shows the current card again as stored now, on the side it was on (after its note was
   * edited, as Anki re-renders the card in review); a card the edit removed gives way to the
   * next one.
   */
  const reshow = useCallback(async () => {
    const shown = state.shown
    const view = shown ? await cardView(store, shown.card.id) : null
    if (!shown || !view || !isStudiable(view.card)) {
      await showNext()
      return
    }
    setState((s) => {
      if (s.shown?.card.id !== view.card.id) return s
      const typed = s.shown.typed && {
        answer: s.shown.typed.answer,
        verdict: checkTyped(view, s.shown.typed.answer),
      }
      return {
        ...s,
        canUndo: undoStack.current.length > 0,
        shown: { ...s.shown, ...view, ...(typed ? { typed } : {}) },
      }
    })
  }, [showNext, state.shown])

  const undo = useCallback(
    () =>
      run(async () => {
        const last = undoStack.current.at(-1)
        if (!last) {
          setState((s) => ({ ...s, message: { text: 'Nothing to undo.', tone: 'info' } }))
          return
        }
        // Taken off the stack once undone. An entry that can no longer be undone (the card
        // changed since) is dropped with its reason, so the ones before it stay reachable; one
        // the storage refused stays, to be tried again.
        const undone = async <T>(work: Promise<T>): Promise<T> => {
          try {
            const result = await work
            undoStack.current.pop()
            return result
          } catch (e) {
            if (e instanceof StaleCardError || e instanceof EditError) undoStack.current.pop()
            throw e
          }
        }
        if (last.kind === 'edit') {
          await undone(commands.notes.undoEdit(last.receipt))
          setState((s) => ({ ...s, message: { text: 'Undone: the note’s edit.', tone: 'info' } }))
          await reshow()
          return
        }
        if (last.kind === 'change') {
          const card = await undone(commands.study.undoChange(last.change))
          setState((s) => ({ ...s, message: { text: `Undone: ${last.label}`, tone: 'info' } }))
          await showNext(card.id)
          return
        }
        const card = await undone(commands.study.undoAnswer(last.receipt))
        sessionOf().forgetLog()
        setState((s) => ({
          ...s,
          reviewed: s.reviewed - 1,
          grades: { ...s.grades, [last.grade]: s.grades[last.grade] - 1 },
          message: { text: 'Last answer undone.', tone: 'info' },
        }))
        await showNext(card.id)
      }),
    [run, showNext, sessionOf, reshow],
  )

  /** Shows the current card as stored now (its note moved to the trash from the editor). */
  const refresh = useCallback(() => run(reshow), [run, reshow])

  /** After the note was edited and saved (E): the card again, and Ctrl+Z takes the edit back. */
  const edited = useCallback(
    (receipt: EditReceipt) =>
      run(async () => {
        undoStack.current.push({ kind: 'edit', receipt })
        await reshow()
      }),
    [run, reshow],
  )

  return { state, reveal, grade, undo, edited, refresh, act }
}
