import { useId, useState } from 'react'
import type { Fit } from '../../app/optimize'
import type { Settings } from '../../app/settings'
import { optimizeInWorker, type OptimizeOutcome } from '../optimize/optimize-in-worker'

interface Props {
  presetId: string
  deckId: string
  /** The parameters the preset has now (in the dialog); undefined: FSRS's defaults. */
  weights: number[] | undefined
  /** The parameters saved with the preset: what studying uses until the dialog is saved. */
  savedWeights: number[] | undefined
  settings: Settings
  onChange: (weights: number[] | undefined) => void
}

const f4 = (x: number) => x.toFixed(4)

/**
 * A preset's FSRS parameters: the ones in use, an optimizer run on the preset's decks' own
 * history (in a worker, with progress), the log loss and RMSE of the parameters in use and of
 * the optimized ones, and the optimized ones taken only when they fit the history better.
 */
export function FsrsParameters({
  presetId,
  deckId,
  weights,
  savedWeights,
  settings,
  onChange,
}: Props) {
  // What the preset uses is what is saved; a change waits for Save.
  const unsaved = JSON.stringify(weights ?? null) !== JSON.stringify(savedWeights ?? null)
  const id = useId()
  const [progress, setProgress] = useState<{ fraction: number; stage: string } | null>(null)
  const [outcome, setOutcome] = useState<OptimizeOutcome | null>(null)
  const [error, setError] = useState<string | null>(null)

  const optimize = async () => {
    if (progress) return
    setOutcome(null)
    setError(null)
    setProgress({ fraction: 0, stage: 'Starting' })
    try {
      const result = await optimizeInWorker(
        { presetId, deckId, settings, ...(weights ? { current: weights } : {}) },
        (fraction, stage) => setProgress({ fraction, stage }),
      )
      setOutcome(result)
      if (result.kind === 'report' && result.report.better) onChange(result.report.parameters)
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    } finally {
      setProgress(null)
    }
  }

  const row = (label: string, fit: Fit) => (
    <tr>
      <th scope="row">{label}</th>
      <td>{f4(fit.logLoss)}</td>
      <td>{f4(fit.rmse)}</td>
    </tr>
  )

  return (
    <fieldset className="preset-fields" aria-describedby={`${id}-about`}>
      <legend>FSRS parameters</legend>
      <p id={`${id}-about`} className="muted hint">
        {unsaved
          ? weights
            ? 'New parameters, optimized on your reviews, are ready: they are used once you save.'
            : 'FSRS’s default parameters are chosen: they are used once you save.'
          : weights
            ? 'This preset uses parameters optimized on your reviews.'
            : 'This preset uses FSRS’s default parameters.'}{' '}
        Optimizing fits them to the reviews of this preset’s decks; they are used only if they
        predict your history better.
      </p>
      {weights && (
        <p className="parameters" data-testid="parameters">
          {weights.map((w) => w.toFixed(4)).join(', ')}
        </p>
      )}
      <div className="button-row">
        <button
          type="button"
          onClick={() => void optimize()}
          disabled={progress !== null}
          aria-describedby={`${id}-about`}
        >
          Optimize from my reviews
        </button>
        {weights && (
          <button
            type="button"
            className="ghost"
            onClick={() => {
              onChange(undefined)
              setOutcome(null)
            }}
          >
            Use the defaults
          </button>
        )}
      </div>
      {progress && (
        <div className="field" role="status">
          <label htmlFor={`${id}-progress`}>{progress.stage}…</label>
          <progress id={`${id}-progress`} max={1} value={progress.fraction} />
        </div>
      )}
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
      {outcome?.kind === 'too-little' && (
        <p role="status" className="field-error">
          Not enough history yet: {outcome.message}. Keep studying; FSRS’s defaults serve until
          then.
        </p>
      )}
      {outcome?.kind === 'report' && (
        <div role="status">
          <table className="preview-table fit-table">
            <caption>
              How well each set predicts your {outcome.reviews.toLocaleString()} reviews (
              {outcome.report.items.toLocaleString()} on a later day), lower is better
            </caption>
            <thead>
              <tr>
                <th scope="col">Parameters</th>
                <th scope="col">Log loss</th>
                <th
                  scope="col"
                  title="Root mean square error over bins of similar reviews, as the FSRS benchmark measures calibration"
                >
                  RMSE (bins)
                </th>
              </tr>
            </thead>
            <tbody>
              {row(unsaved ? 'Saved' : 'In use', outcome.report.current)}
              {row('Optimized', outcome.report.optimized)}
            </tbody>
          </table>
          <p className="muted hint">
            {outcome.report.better
              ? 'The optimized parameters fit your history better: they are used once you save.'
              : 'The parameters in use fit your history as well or better: they are kept.'}
          </p>
        </div>
      )}
    </fieldset>
  )
}
