import { useId } from 'react'
import {
  NUMBER_SETTINGS,
  SETTING_LABELS,
  type NumberSetting,
  type Settings,
} from '../../app/settings'
import { BackupsSection } from './BackupsSection'
import { NumberField } from './NumberField'
import { StorageSection } from './StorageSection'
import { SyncSection } from './SyncSection'

export interface Props {
  settings: Settings
  onChange: <K extends keyof Settings>(key: K, value: Settings[K]) => void
  onClose: () => void
  /** Why the last change could not be saved, if it could not. */
  error: string | null
}

const FIELDS: [NumberSetting, string][] = [
  [
    'rolloverHour',
    'Local time. Reviews after midnight count toward the previous day until this hour.',
  ],
  ['newPerDay', 'Per deck.'],
  ['reviewsPerDay', 'Per deck.'],
  [
    'leechThreshold',
    'A card forgotten this many times is tagged “leech”, and again every half as many after.',
  ],
]

/** Study-day rollover, daily limits and theme. */
export function SettingsPanel({ settings, onChange, onClose, error }: Props) {
  const id = useId()
  return (
    <section className="settings" aria-label="Settings">
      <h2>Settings</h2>
      {FIELDS.map(([key, hint]) => (
        <NumberField
          key={key}
          label={SETTING_LABELS[key]}
          hint={hint}
          value={settings[key]}
          min={NUMBER_SETTINGS[key].min}
          max={NUMBER_SETTINGS[key].max}
          onCommit={(v) => onChange(key, v)}
        />
      ))}
      <div className="field">
        <label htmlFor={`${id}-leech`}>{SETTING_LABELS.leechAction}</label>
        <select
          id={`${id}-leech`}
          value={settings.leechAction}
          onChange={(e) => onChange('leechAction', e.target.value as Settings['leechAction'])}
        >
          <option value="tag">Tag it “leech”</option>
          <option value="suspend">Tag it and suspend it</option>
        </select>
      </div>
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
      <div className="field">
        <button
          type="button"
          className="ghost"
          disabled={!settings.welcomeSeen}
          onClick={() => onChange('welcomeSeen', false)}
        >
          Show the welcome again
        </button>
      </div>
      {error && (
        <p role="alert" className="field-error" data-testid="settings-error">
          {error}
        </p>
      )}
      <button type="button" className="primary" onClick={onClose}>
        Done
      </button>
      <SyncSection />
      <BackupsSection />
      <StorageSection />
    </section>
  )
}
