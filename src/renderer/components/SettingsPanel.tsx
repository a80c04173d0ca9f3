import { useId } from 'react'
import type { Settings } from '../storage/settings'
import { NumberField } from './NumberField'

interface Props {
  settings: Settings
  onChange: <K extends keyof Settings>(key: K, value: Settings[K]) => void
  onClose: () => void
}

/** Study-day rollover, daily limits and theme. */
export function SettingsPanel({ settings, onChange, onClose }: Props) {
  const id = useId()
  return (
    <section className="settings" aria-label="Settings">
      <h2>Settings</h2>
      <NumberField
        label="Next day starts at (hour)"
        hint="Local time. Reviews after midnight count toward the previous day until this hour."
        value={settings.rolloverHour}
        min={0}
        max={23}
        onCommit={(v) => onChange('rolloverHour', v)}
      />
      <NumberField
        label="New cards per day"
        hint="Per deck."
        value={settings.newPerDay}
        min={0}
        max={9999}
        onCommit={(v) => onChange('newPerDay', v)}
      />
      <NumberField
        label="Maximum reviews per day"
        hint="Per deck."
        value={settings.reviewsPerDay}
        min={0}
        max={99999}
        onCommit={(v) => onChange('reviewsPerDay', v)}
      />
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
