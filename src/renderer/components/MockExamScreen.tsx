import { useCallback, useEffect, useId, useRef, useState } from 'react'
import {
  mockExamQuestions,
  scoreExam,
  type ExamAnswer,
  type ExamQuestion,
  type ExamResult,
} from '../../core/exam/mock-exam'
import { itemsForExam, useDeckNames, useExamHistory } from '../queries'
import { commands } from '../commands'
import { DeckSelect } from './DeckSelect'
import { StatChart } from './StatChart'
import { useModalDialog } from './use-modal-dialog'

type Phase =
  | { name: 'setup' }
  | { name: 'running'; deckId: string; deckName: string; questions: ExamQuestion[]; endsAt: number }
  | { name: 'done'; deckName: string; questions: ExamQuestion[]; result: ExamResult }

const clock = (ms: number) => {
  const s = Math.max(0, Math.ceil(ms / 1000))
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}

/**
 * A mock exam: questions drawn from any deck's cards (multiple choice with distractors from
 * the same field of sibling notes, of the same kind and unit for the chapter's facts; figures,
 * dates and type-the-answer cards typed), against the clock; scheduling is untouched
 * unless the misses are sent to review. Results by section, every miss with the right
 * answer, and the history of past exams.
 */
export default function MockExamScreen({ theme, onExit }: { theme: string; onExit: () => void }) {
  const id = useId()
  const decks = useDeckNames()
  const history = useExamHistory()
  const [deckId, setDeckId] = useState('')
  const [count, setCount] = useState(10)
  const [minutes, setMinutes] = useState(10)
  const [phase, setPhase] = useState<Phase>({ name: 'setup' })
  const [answers, setAnswers] = useState<ExamAnswer[]>([])
  const [at, setAt] = useState(0)
  const [now, setNow] = useState(() => Date.now())
  const [message, setMessage] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [leaving, setLeaving] = useState(false)
  const typed = useRef<HTMLInputElement>(null)
  const chosenDeck = deckId || decks?.[0]?.id || ''

  const finish = async (
    questions: ExamQuestion[],
    given: ExamAnswer[],
    deck: { id: string; name: string },
  ) => {
    const result = scoreExam(questions, given)
    setPhase({ name: 'done', deckName: deck.name, questions, result })
    await commands.exams.record({
      at: Date.now(),
      deckId: deck.id,
      deckName: deck.name,
      score: result.score,
      total: result.total,
      bySection: result.bySection,
    })
  }

  // The clock: it ticks as each second of the limit runs out (not a second after the screen
  // opened), and when time is up the exam ends with what was answered.
  useEffect(() => {
    if (phase.name !== 'running') return
    let timer: ReturnType<typeof setTimeout>
    const tick = () => {
      const t = Date.now()
      setNow(t)
      if (t >= phase.endsAt) {
        void finish(phase.questions, answers, { id: phase.deckId, name: phase.deckName })
        return
      }
      timer = setTimeout(tick, ((phase.endsAt - t) % 1000) + 1)
    }
    tick()
    return () => clearTimeout(timer)
  }, [phase, answers])

  // Leaving a running exam throws its answers away: Esc and the back link ask first.
  const running = phase.name === 'running'
  const leave = useCallback(() => (running ? setLeaving(true) : onExit()), [running, onExit])
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || leaving) return
      // Else this very key press would also close the question as soon as it opens.
      e.preventDefault()
      leave()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [leave, leaving])

  const start = async () => {
    const deck = decks?.find((d) => d.id === chosenDeck)
    if (!deck) return
    const items = await itemsForExam(deck.id)
    if (items.length === 0) {
      setMessage(
        `${deck.name} has no cards to ask about: an exam needs cards with a question and an answer in words.`,
      )
      return
    }
    const questions = mockExamQuestions(items, count, `exam-${Date.now()}`)
    setAnswers(questions.map(() => null))
    setAt(0)
    setMessage(null)
    const startedAt = Date.now()
    setNow(startedAt)
    setPhase({
      name: 'running',
      deckId: deck.id,
      deckName: deck.name,
      questions,
      endsAt: startedAt + minutes * 60_000,
    })
  }

  const next = () => {
    if (phase.name !== 'running') return
    if (at + 1 < phase.questions.length) setAt(at + 1)
    else void finish(phase.questions, answers, { id: phase.deckId, name: phase.deckName })
  }

  const answer = (value: ExamAnswer) => setAnswers((a) => a.map((x, i) => (i === at ? value : x)))

  return (
    <section className="mock-exam" aria-label="Mock exam">
      {leaving && phase.name === 'running' && (
        <LeaveExam
          answered={answers.filter((a) => a !== null).length}
          onStay={() => setLeaving(false)}
          onLeave={onExit}
        />
      )}
      <header className="study-bar">
        <button type="button" className="ghost" onClick={leave}>
          ← Decks <kbd>Esc</kbd>
        </button>
        <h1 className="study-title">Mock exam</h1>
        {phase.name === 'running' && (
          <span role="timer" aria-label="Time left" className="exam-clock">
            {clock(phase.endsAt - now)}
          </span>
        )}
      </header>
      {message && (
        <p role="alert" className="field-error">
          {message}
        </p>
      )}
      {phase.name === 'setup' && (
        <form
          className="exam-setup panel"
          aria-label="A new exam"
          onSubmit={(e) => {
            e.preventDefault()
            void start()
          }}
        >
          <p className="muted">
            Questions come from the deck’s cards, whatever their note type: multiple choice with
            answers from sibling notes, typed where the card types. Your schedule is not touched
            unless you send the misses to review.
          </p>
          <div className="field exam-deck">
            <label htmlFor={`${id}-deck`}>Deck</label>
            <DeckSelect id={`${id}-deck`} value={chosenDeck} onChange={setDeckId} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-count`}>Questions</label>
            <input
              id={`${id}-count`}
              type="number"
              min={1}
              max={200}
              value={count}
              onChange={(e) => setCount(Number(e.target.value) || 1)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-minutes`}>Time limit (minutes)</label>
            <input
              id={`${id}-minutes`}
              type="number"
              min={1}
              max={240}
              value={minutes}
              onChange={(e) => setMinutes(Number(e.target.value) || 1)}
            />
          </div>
          <div className="exam-start">
            <button type="submit" className="primary">
              Start <kbd>Enter</kbd>
            </button>
          </div>
        </form>
      )}
      {phase.name === 'running' &&
        (() => {
          const q = phase.questions[at] as ExamQuestion
          return (
            <form
              className="exam-question panel"
              onSubmit={(e) => {
                e.preventDefault()
                next()
              }}
            >
              <p className="muted" data-testid="exam-progress">
                Question {at + 1} of {phase.questions.length} · {q.fact.section[0]}
              </p>
              <h2 data-testid="exam-prompt">{q.fact.prompt}</h2>
              {q.mode === 'choice' ? (
                <fieldset>
                  <legend>Choose the answer</legend>
                  {q.choices?.options.map((option, i) => (
                    <label key={option} className="check exam-choice">
                      <input
                        type="radio"
                        name={`${id}-q${at}`}
                        checked={answers[at] === i}
                        onChange={() => answer(i)}
                      />{' '}
                      {option}
                    </label>
                  ))}
                </fieldset>
              ) : (
                <div className="field">
                  <label htmlFor={`${id}-typed`}>Your answer</label>
                  <input
                    id={`${id}-typed`}
                    ref={typed}
                    autoComplete="off"
                    value={typeof answers[at] === 'string' ? (answers[at] as string) : ''}
                    onChange={(e) => answer(e.target.value)}
                  />
                </div>
              )}
              <button type="submit" className="primary">
                {at + 1 < phase.questions.length ? 'Next' : 'Finish'} <kbd>Enter</kbd>
              </button>
            </form>
          )
        })()}
      {phase.name === 'done' && (
        <div className="exam-results panel">
          <p role="status" data-testid="exam-score">
            {phase.deckName}: {phase.result.score} of {phase.result.total} right (
            {Math.round((phase.result.score / phase.result.total) * 100)} %)
          </p>
          <table className="preview-table">
            <caption>By section</caption>
            <thead>
              <tr>
                <th scope="col">Section</th>
                <th scope="col">Right</th>
                <th scope="col">Questions</th>
              </tr>
            </thead>
            <tbody>
              {phase.result.bySection.map((s) => (
                <tr key={s.section}>
                  <th scope="row">{s.section}</th>
                  <td>{s.right}</td>
                  <td>{s.total}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {phase.result.misses.length > 0 && (
            <>
              <h2>Missed</h2>
              <ul className="exam-misses" aria-label="Missed questions">
                {phase.result.misses.map((m) => (
                  <li key={m.fact.id}>
                    <strong>{m.fact.prompt}</strong> — right:{' '}
                    <span data-testid="miss-right">{m.right}</span>; yours: {m.given}
                    <span className="muted"> ({m.fact.section.join(' › ')})</span>
                  </li>
                ))}
              </ul>
              <button
                type="button"
                onClick={() =>
                  void commands.exams
                    .reviewMissed(phase.result.misses.map((m) => m.noteId))
                    .then((n) => setNotice(`Sent to review: ${n} studied cards are due now.`))
                }
              >
                Send misses to review
              </button>
            </>
          )}
          {notice && <p role="status">{notice}</p>}
          <button
            type="button"
            className="ghost"
            onClick={() => {
              setNotice(null)
              setPhase({ name: 'setup' })
            }}
          >
            Another exam
          </button>
        </div>
      )}
      {history && history.length > 0 && phase.name !== 'running' && (
        <StatChart
          title="Past exams"
          summary={`${history.length} mock exams; the last scored ${Math.round(((history.at(-1)?.score ?? 0) / (history.at(-1)?.total ?? 1)) * 100)} %.`}
          theme={theme}
          config={(c) => ({
            type: 'line',
            data: {
              labels: history.map((h) => new Date(h.at).toLocaleDateString()),
              datasets: [
                {
                  label: 'Score %',
                  data: history.map((h) => (h.score / h.total) * 100),
                  borderColor: c.good,
                  backgroundColor: c.good,
                },
              ],
            },
            options: { maintainAspectRatio: false, scales: { y: { min: 0, max: 100 } } },
          })}
          table={{
            head: ['When', 'Deck', 'Score'],
            rows: history.map((h) => [
              new Date(h.at).toLocaleString(),
              h.deckName,
              `${h.score} of ${h.total}`,
            ]),
          }}
        />
      )}
    </section>
  )
}

/** Asks before a running exam is left: its answers are not scored or kept. Stay is the default. */
function LeaveExam({
  answered,
  onStay,
  onLeave,
}: {
  answered: number
  onStay: () => void
  onLeave: () => void
}) {
  const { dialog, close, onCancel } = useModalDialog(onStay)
  return (
    <dialog ref={dialog} className="editor" aria-label="Leave the exam?" onCancel={onCancel}>
      <h2>Leave the exam?</h2>
      <p>
        {answered === 0
          ? 'Nothing is answered yet.'
          : `The ${answered === 1 ? 'answer' : `${answered} answers`} given so far will not be scored or kept.`}
      </p>
      <div className="editor-actions">
        <button type="button" className="primary" autoFocus onClick={close}>
          Stay
        </button>
        <button type="button" className="ghost" onClick={onLeave}>
          Leave
        </button>
      </div>
    </dialog>
  )
}
