import platform from '@platform'
import { useEffect, useState } from 'react'

/** The reload that brings in a new version, once one waits; null until then. */
export function useUpdateReady(): (() => void) | null {
  const [reload, setReload] = useState<(() => void) | null>(null)
  useEffect(() => platform.onUpdateReady?.((r) => setReload(() => r)), [])
  return reload
}

/**
 * "New version — reload": shown between cards and outside study, never while an answer is on
 * screen (the caller decides when), so taking it never loses an answer half-made.
 */
export function UpdateOffer({ reload }: { reload: () => void }) {
  return (
    <p className="notice update-offer" role="status">
      A new version of Attaché is ready.{' '}
      <button type="button" onClick={reload}>
        Reload
      </button>
    </p>
  )
}
