import { useId, useState } from 'react'
import { EditError } from '../../app/editing'
import { withParameters } from '../../app/optimize'
import { DEFAULT_PRESET_ID, presetLabel, type Preset } from '../../app/presets'
import type { Settings } from '../../app/settings'
import { useWorkload, useDeckExam, useDeckPresetId, usePresets } from '../queries'
import { commands, newPresetId } from '../commands'
import { FsrsParameters } from './FsrsParameters'
import { useModalDialog } from './use-modal-dialog'

export interface Props {
  deckId: string
  deckName: string
  settings: Settings
  onClose: () => void
}

type NumberKey =
  'newPerDay' | 'reviewsPerDay' | 'desiredRetention' | 'maximumIntervalDays' | 'leechThreshold'

/** What Settings sets for the Default preset (limits, leeches); the rest is the preset's own. */
const FROM_SETTINGS = new Set<NumberKey>(['newPerDay', 'reviewsPerDay', 'leechThreshold'])

/** The fields whose change reschedules cards when saved with "Reschedule" on. */
const schedulingOf = (p: Preset | undefined) =>
  JSON.stringify([p?.desiredRetention, p?.maximumIntervalDays, p?.weights ?? null])

const NUMBERS: [NumberKey, string, string][] = [
  ['newPerDay', 'New cards per day', '1'],
  ['reviewsPerDay', 'Maximum reviews per day', '1'],
  ['desiredRetention', 'Desired retention (0.70–0.99)', '0.01'],
  ['maximumIntervalDays', 'Maximum interval (days)', '1'],
  ['leechThreshold', 'Leech threshold (lapses)', '1'],
]

/**
 * A deck's options, as Anki's presets: which preset it uses, and that preset's limits,
 * desired retention, steps, maximum interval, FSRS parameters (optimized on the user's own
 * history), leech rule and sibling burying. A preset is shared by every deck that uses it; the
 * Default preset's limits and leech rule are set in Settings.
 */
export function DeckOptions({ deckId, deckName, settings, onClose }: Props) {
  const { dialog, close, onCancel } = useModalDialog(onClose)
  const id = useId()
  const presets = usePresets(settings)
  const current = useDeckPresetId(deckId)
  const [chosen, setChosen] = useState<string | null>(null)
  const [draft, setDraft] = useState<Preset | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const savedExam = useDeckExam(deckId)
  const [examDraft, setExam] = useState<{ date: string; cap: boolean } | null>(null)
  const exam = examDraft ?? savedExam ?? { date: '', cap: false }
  const selectedId = chosen ?? current
  const stored = presets?.find((p) => p.id === selectedId)
  const preset: Preset | undefined = draft && draft.id === selectedId ? draft : stored
  const custom = preset !== undefined && preset.id !== DEFAULT_PRESET_ID
  // The presets to choose from, with a new one being made here.
  const listed = [
    ...(presets ?? []),
    ...(draft && !stored && draft.id === selectedId ? [draft] : []),
  ]
  const [reschedule, setReschedule] = useState(true)
  const changedScheduling = draft !== null && schedulingOf(draft) !== schedulingOf(stored)
  const workload = useWorkload(deckId, preset?.desiredRetention ?? 0.9)
  const change = (patch: Partial<Preset>) => preset && setDraft({ ...preset, ...patch })
  const save = async () => {
    if (!selectedId) return
    try {
      const rescheduling = reschedule && changedScheduling
      // Rescheduling changes every card of the preset's decks: the command backs up first.
      setBusy(rescheduling ? 'Backing up, then rescheduling this preset’s cards…' : 'Saving…')
      await commands.decks.saveOptions(
        deckId,
        selectedId,
        draft?.id === selectedId ? draft : null,
        {
          settings,
          reschedule: rescheduling,
        },
      )
      await commands.decks.setExam(deckId, exam.date || null, exam.cap)
      close()
    } catch (e) {
      setError(e instanceof EditError ? e.message : `Could not save: ${String(e)}`)
    } finally {
      setBusy(null)
    }
  }
  return (
    <dialog
      ref={dialog}
      className="editor"
      aria-label={`Options of ${deckName}`}
      onCancel={onCancel}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault()
          void save()
        }}
      >
        <h2>Options of {deckName}</h2>
        {!presets || !preset ? (
          <p className="muted">Loading…</p>
        ) : (
          <>
            <div className="field">
              <label htmlFor={`${id}-preset`}>Preset</label>
              <select
                id={`${id}-preset`}
                value={preset.id}
                onChange={(e) => {
                  setChosen(e.target.value)
                  setError(null)
                }}
              >
                {listed.map((p) => (
                  <option key={p.id} value={p.id}>
                    {presetLabel(p, listed)}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="ghost"
                onClick={() => {
                  const copy = { ...preset, id: newPresetId(), name: `${deckName} options` }
                  setDraft(copy)
                  setChosen(copy.id)
                }}
              >
                New preset from this one
              </button>
            </div>
            {!custom && (
              <p className="muted hint">
                The Default preset’s limits and leech rule are set in Settings; make a new preset to
                give this deck its own.
              </p>
            )}
            <fieldset className="preset-fields">
              <div className="field">
                <label htmlFor={`${id}-name`}>Preset name</label>
                <input
                  id={`${id}-name`}
                  disabled={!custom}
                  value={preset.name}
                  onChange={(e) => change({ name: e.target.value })}
                />
              </div>
              {NUMBERS.map(([key, label, step]) => (
                <div className="field" key={key}>
                  <label htmlFor={`${id}-${key}`}>{label}</label>
                  <input
                    id={`${id}-${key}`}
                    type="number"
                    step={step}
                    disabled={!custom && FROM_SETTINGS.has(key)}
                    value={preset[key]}
                    onChange={(e) => change({ [key]: Number(e.target.value) })}
                    {...(key === 'desiredRetention'
                      ? { 'aria-describedby': `${id}-workload` }
                      : {})}
                  />
                  {key === 'desiredRetention' && (
                    <p id={`${id}-workload`} className="muted hint" data-testid="workload">
                      {workload === undefined
                        ? 'Estimating the workload…'
                        : workload === null
                          ? 'Desired retention goes from 0.70 to 0.99.'
                          : `About ${workload < 10 ? workload.toFixed(1) : Math.round(workload)} reviews a day for this deck's cards in review at this retention.`}
                    </p>
                  )}
                </div>
              ))}
              {(['learningSteps', 'relearningSteps'] as const).map((key) => (
                <div className="field" key={key}>
                  <label htmlFor={`${id}-${key}`}>
                    {key === 'learningSteps' ? 'Learning steps' : 'Relearning steps'} (e.g. 1m 10m
                    1h)
                  </label>
                  <input
                    id={`${id}-${key}`}
                    value={preset[key].join(' ')}
                    onChange={(e) => change({ [key]: e.target.value.split(/\s+/).filter(Boolean) })}
                  />
                </div>
              ))}
              <div className="field">
                <label htmlFor={`${id}-leech`}>When a card becomes a leech</label>
                <select
                  id={`${id}-leech`}
                  disabled={!custom}
                  value={preset.leechAction}
                  onChange={(e) => change({ leechAction: e.target.value as Preset['leechAction'] })}
                >
                  <option value="tag">Tag it “leech”</option>
                  <option value="suspend">Tag it and suspend it</option>
                </select>
              </div>
              <label className="check">
                <input
                  type="checkbox"
                  checked={preset.burySiblings}
                  onChange={(e) => change({ burySiblings: e.target.checked })}
                />
                Show a note’s other cards on a later day (bury siblings)
              </label>
              <label className="check">
                <input
                  type="checkbox"
                  checked={preset.fuzz ?? true}
                  onChange={(e) => change({ fuzz: e.target.checked })}
                />
                Spread intervals a little (fuzz), so cards learned together do not all come back on
                one day
              </label>
            </fieldset>
            <FsrsParameters
              key={preset.id}
              presetId={preset.id}
              deckId={deckId}
              weights={preset.weights}
              savedWeights={stored?.weights}
              settings={settings}
              onChange={(weights) => preset && setDraft(withParameters(preset, weights))}
            />
            {changedScheduling && (
              <label className="check">
                <input
                  type="checkbox"
                  checked={reschedule}
                  onChange={(e) => setReschedule(e.target.checked)}
                />
                Reschedule this preset’s cards from their review history with the new settings
              </label>
            )}
            <fieldset className="preset-fields">
              <legend>Exam</legend>
              <div className="field">
                <label htmlFor={`${id}-exam`}>Exam date of this deck</label>
                <input
                  id={`${id}-exam`}
                  type="date"
                  value={exam.date}
                  onChange={(e) => setExam({ ...exam, date: e.target.value })}
                />
              </div>
              <label className="check">
                <input
                  type="checkbox"
                  checked={exam.cap}
                  disabled={!exam.date}
                  onChange={(e) => setExam({ ...exam, cap: e.target.checked })}
                />
                Keep every card’s next review on or before the exam day
              </label>
            </fieldset>
            {error && (
              <p role="alert" className="field-error">
                {error}
              </p>
            )}
            {busy && (
              <p role="status" className="muted">
                {busy}
              </p>
            )}
          </>
        )}
        <div className="editor-actions">
          <button type="button" className="ghost" onClick={close}>
            Cancel <kbd>Esc</kbd>
          </button>
          <button type="submit" className="primary" disabled={busy !== null}>
            Save
          </button>
        </div>
      </form>
    </dialog>
  )
}
