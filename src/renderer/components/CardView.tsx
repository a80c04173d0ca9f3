import { useId, useState } from 'react'
import type { ShownCard } from '../study/use-study-session'
import { SafeHtml } from './SafeHtml'
import { NOTE_CSS_SCOPE } from '../../core/notes/card-css'

interface Props {
  shown: ShownCard
  /** Typed cards: check the answer and reveal. */
  onSubmitTyped: (answer: string) => void
  /** A tap on the card's question, as AnkiDroid's: show the answer (reveal cards only). */
  onTap: () => void
}

/** What a tap inside the card uses itself, so it does not also reveal the answer. */
const OWN_TAP = 'a, button, input, select, textarea, audio, video, summary, label, [tabindex]'

const VERDICT_LABEL = { correct: '✓ Correct', close: '≈ Close', wrong: '✗ Not quite' } as const

/** One card: its section breadcrumb, the question, a typed answer where asked, and the back once revealed. */
export function CardView({ shown, onSubmitTyped, onTap }: Props) {
  const { face, revealed, typed } = shown
  const [answer, setAnswer] = useState('')
  const inputId = useId()
  return (
    <article
      className={face.css ? `card ${NOTE_CSS_SCOPE}` : 'card'}
      data-card-id={shown.card.id}
      data-answer-mode={face.answerMode}
      data-flag={shown.card.flag ?? 0}
      // A mouse or keyboard user has the Show answer button; this is the thumb's shortcut.
      onClick={(e) => {
        if (revealed || face.answerMode !== 'reveal') return
        if (e.target instanceof Element && e.target.closest(OWN_TAP)) return
        // Selecting words to copy them is not a tap.
        if (window.getSelection()?.isCollapsed === false) return
        onTap()
      }}
    >
      {face.css && <style data-testid="note-css">{face.css}</style>}
      <nav aria-label="Section">
        <ol className="breadcrumb" data-testid="breadcrumb">
          {face.section.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ol>
      </nav>
      <SafeHtml className="front" testId="card-front" html={face.front} />
      {face.answerMode === 'type' && !revealed && (
        <form
          className="typed-answer"
          onSubmit={(e) => {
            e.preventDefault()
            onSubmitTyped(answer)
          }}
        >
          <label htmlFor={inputId} className="visually-hidden">
            Your answer
          </label>
          <input
            id={inputId}
            data-testid="typed-answer"
            autoFocus
            autoComplete="off"
            spellCheck={false}
            placeholder="Type your answer, then Enter"
            value={answer}
            onChange={(e) => setAnswer(e.target.value)}
          />
          <button type="submit" className="primary">
            Check <kbd>Enter</kbd>
          </button>
        </form>
      )}
      {revealed && (
        <>
          <hr />
          {typed && (
            <p className={`verdict verdict-${typed.verdict.result}`} data-testid="verdict">
              <strong>{VERDICT_LABEL[typed.verdict.result]}</strong>
              <span className="typed-echo"> — you typed “{typed.answer || '(nothing)'}”.</span>
              {typed.verdict.detail && (
                <span className="verdict-detail"> {typed.verdict.detail}</span>
              )}
            </p>
          )}
          <SafeHtml className="back" testId="card-back" html={face.back} />
          {face.context && <SafeHtml className="context" html={face.context} />}
        </>
      )}
    </article>
  )
}
