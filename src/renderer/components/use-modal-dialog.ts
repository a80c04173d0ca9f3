import { useEffect, useRef } from 'react'
import { flushSync } from 'react-dom'

/**
 * Tells the owner a dialog is done, and hides it only if the owner kept it mounted.
 *
 * The owner's state changes now, not in a later task: a dialog hidden before its owner
 * re-rendered left a moment in which the screen's keys still saw it open, so an Esc pressed the
 * moment it disappeared did nothing (the study screen ignores keys while its editor is open).
 */
export function closeDialog(dialog: HTMLDialogElement | null, onClose: () => void) {
  flushSync(onClose)
  // Unmounted by the owner: React has removed it (and its ref is null).
  if (dialog?.isConnected) dialog.close()
}

/**
 * A native `<dialog>` shown modal while mounted (focus trapped, Esc as `cancel`): the ref for
 * it, and a `close` that tells the owner and closes it.
 */
export function useModalDialog(onClose: () => void) {
  const dialog = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const d = dialog.current
    if (d && !d.open) d.showModal()
  }, [])
  const close = () => closeDialog(dialog.current, onClose)
  /** For the dialog's `onCancel`: Esc closes through `close`, not the browser's default. */
  const onCancel = (e: { preventDefault: () => void }) => {
    e.preventDefault()
    close()
  }
  return { dialog, close, onCancel }
}
