import { useId, useState } from 'react'

interface Props {
  label: string
  hint: string
  value: number
  min: number
  max: number
  onCommit: (value: number) => void
}

/**
 * A whole-number setting. What is typed stays as typed (clearing the field does not save 0);
 * a valid number is saved at once, an invalid one is named beside the field.
 */
export function NumberField({ label, hint, value, min, max, onCommit }: Props) {
  const id = useId()
  const [draft, setDraft] = useState<string | null>(null)
  const text = draft ?? String(value)
  const n = Number(text)
  const valid = text.trim() !== '' && Number.isInteger(n) && n >= min && n <= max
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        step={1}
        value={text}
        aria-invalid={!valid}
        aria-describedby={`${id}-hint`}
        onChange={(e) => {
          const next = e.target.value
          setDraft(next)
          const v = Number(next)
          if (next.trim() !== '' && Number.isInteger(v) && v >= min && v <= max) onCommit(v)
        }}
        onBlur={() => setDraft(null)}
      />
      <small id={`${id}-hint`} className={valid ? 'muted' : 'field-error'}>
        {valid ? hint : `Enter a whole number from ${min} to ${max}; ${value} is kept until then.`}
      </small>
    </div>
  )
}
