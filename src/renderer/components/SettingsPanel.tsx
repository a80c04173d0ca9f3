import { useId } from 'react'
import type { Settings } from '../storage/settings'

interface Props {
  settings: Settings
  onChange: <K extends keyof Settings>(key: K, value: Settings[K]) => void
  onClose: () => void
}

/** Study-day rollover, daily limits and theme. */
export function SettingsPanel({ settings, onChange, onClose }: Props) {
  const id = useId()
  const numberField = (
    key: 'rolloverHour' | 'newPerDay' | 'reviewsPerDay',
    label: string,
    min: number,
    max: number,
    hint: string,
  ) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input
        id={`${id}-${key}`}
        type="number"
        min={min}
        max={max}
        value={settings[key]}
        aria-describedby={`${id}-${key}-hint`}
        onChange={(e) => {
          const v = Number(e.target.value)
          if (Number.isInteger(v) && v >= min && v <= max) onChange(key, v)
        }}
      />
      <small id={`${id}-${key}-hint`} className="muted">
        {hint}
      </small>
    </div>
  )
  return (
    <section className="settings" aria-label="Settings">
      <h2>Settings</h2>
      {numberField(
        'rolloverHour',
        'Next day starts at (hour)',
        0,
        23,
        'Local time. Reviews after midnight count toward the previous day until this hour.',
      )}
      {numberField('newPerDay', 'New cards per day', 0, 9999, 'Per deck.')}
      {numberField('reviewsPerDay', 'Maximum reviews per day', 0, 99999, 'Per deck.')}
      <div className="field">
        <label htmlFor={`${id}-theme`}>Theme</label>
        <select
          id={`${id}-theme`}
          value={settings.theme}
          onChange={(e) => onChange('theme', e.target.value as Settings['theme'])}
        >
          <option value="system">Follow system</option>
          <option value="light">Light</option>
          <option value="dark">Dark</option>
        </select>
      </div>
      <button type="button" className="primary" onClick={onClose}>
        Done
      </button>
    </section>
  )
}
