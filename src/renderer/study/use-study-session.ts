import { useCallback, useEffect, useRef, useState } from 'react'
import { checkTypedAnswer, type Verdict } from '../../core/answers/check-answer'
import type { CardFace } from '../../core/cards/card-templates'
import type { Fact } from '../../core/decks/deck-schema'
import { formatInterval } from '../../core/scheduling/format-interval'
import { fuzzSeed, type Grade } from '../../core/scheduling/scheduler'
import { fromStoredState } from '../../core/scheduling/stored-state'
import type { QueueCounts } from '../../core/study/review-queue'
import { db, scheduler } from '../app-services'
import { StaleCardError, answerCard, undoAnswer, type AnswerReceipt } from '../storage/answer'
import type { CardRow } from '../storage/db'
import type { Settings } from '../storage/settings'
import { cardWithFace, doneSince, queueOf, studyableCards, studyDayAt } from '../storage/study-data'

export interface ShownCard {
  card: CardRow
  fact: Fact
  face: CardFace
  revealed: boolean
  /** For typed cards: what was typed and how it compares with the fact. */
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

/**
 * One study session over a deck, or one section of it: queue, reveal, grade, undo. All writes
 * go through storage transactions.
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
  const undoStack = useRef<{ receipt: AnswerReceipt; grade: Grade }[]>([])

  // The session's cards, read once and then kept current from what each answer and undo
  // writes (re-reading a 10 000-card deck after every answer took ~100 ms in Chromium). A
  // stale-card refusal drops them, so the next card is chosen from a fresh read.
  const cards = useRef<Map<string, CardRow> | null>(null)
  const keep = (row: CardRow) => cards.current?.set(row.id, row)

  const showNext = useCallback(
    async (preferId?: string) => {
      const now = new Date()
      const day = studyDayAt(settings, now)
      if (!cards.current) {
        const rows = await studyableCards(db, deckId, JSON.parse(sectionKey) as string[] | null)
        cards.current = new Map(rows.map((c) => [c.id, c]))
      }
      const log = await doneSince(db, deckId, day.start)
      const scope = sectionKey === 'null' ? 'deck' : 'section'
      const queue = queueOf([...cards.current.values()], log, settings, now, day, scope)
      const id = preferId ?? queue.order[0]
      const loaded = id ? await cardWithFace(db, id) : null
      if (loaded) keep(loaded.card)
      const overview = {
        counts: queue.counts,
        pastDeckLimit: queue.pastDeckLimit,
        nextAt: queue.nextAt,
        dayEnd: day.end.getTime(),
        canUndo: undoStack.current.length > 0,
      }
      if (!loaded) {
        setState((s) => ({
          ...s,
          ...overview,
          phase: 'done',
          shown: null,
          finishedAt: now.getTime(),
        }))
        return
      }
      const due = scheduler.preview(
        fromStoredState(loaded.card),
        now,
        fuzzSeed(loaded.card.id, loaded.card.reps),
      )
      const intervals = {
        1: formatInterval(now, due[1]),
        2: formatInterval(now, due[2]),
        3: formatInterval(now, due[3]),
        4: formatInterval(now, due[4]),
      }
      shownAt.current = performance.now()
      setState((s) => ({
        ...s,
        ...overview,
        phase: 'card',
        shown: { ...loaded, revealed: false, intervals },
      }))
    },
    [deckId, sectionKey, settings],
  )

  useEffect(() => {
    cards.current = null
    void showNext()
  }, [showNext])

  /** Shows the back; for typed cards, checks what was typed first. */
  const reveal = useCallback((typedAnswer?: string) => {
    setState((s) => {
      if (!s.shown || s.shown.revealed) return s
      const shown: ShownCard = { ...s.shown, revealed: true }
      if (s.shown.face.answerMode === 'type') {
        const answer = typedAnswer ?? ''
        shown.typed = { answer, verdict: checkTypedAnswer(s.shown.fact, answer) }
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
          e instanceof StaleCardError
            ? e.message
            : `Could not save: ${e instanceof Error ? e.message : String(e)}`
        setState((s) => ({ ...s, message: { text, tone: 'error' } }))
        cards.current = null
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
        const receipt = await answerCard(db, scheduler, {
          cardId: shown.card.id,
          revision: shown.card.revision,
          grade: g,
          now: new Date(),
          durationMs: performance.now() - shownAt.current,
        })
        keep(receipt.card)
        undoStack.current.push({ receipt, grade: g })
        setState((s) => ({
          ...s,
          reviewed: s.reviewed + 1,
          grades: { ...s.grades, [g]: s.grades[g] + 1 },
          message: null,
        }))
        await showNext()
      }),
    [run, showNext, state.shown],
  )

  const undo = useCallback(
    () =>
      run(async () => {
        const last = undoStack.current.at(-1)
        if (!last) {
          setState((s) => ({ ...s, message: { text: 'Nothing to undo.', tone: 'info' } }))
          return
        }
        const card = await undoAnswer(db, scheduler, last.receipt)
        keep(card)
        undoStack.current.pop()
        setState((s) => ({
          ...s,
          reviewed: s.reviewed - 1,
          grades: { ...s.grades, [last.grade]: s.grades[last.grade] - 1 },
          message: { text: 'Last answer undone.', tone: 'info' },
        }))
        await showNext(card.id)
      }),
    [run, showNext],
  )

  return { state, reveal, grade, undo }
}
