import { useEffect, useRef } from 'react'

/**
 * A native `<dialog>` shown modal while mounted (focus trapped, Esc as `cancel`): the ref for
 * it, and a `close` that closes it and tells the owner.
 */
export function useModalDialog(onClose: () => void) {
  const dialog = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const d = dialog.current
    if (d && !d.open) d.showModal()
  }, [])
  const close = () => {
    dialog.current?.close()
    onClose()
  }
  /** For the dialog's `onCancel`: Esc closes through `close`, not the browser's default. */
  const onCancel = (e: { preventDefault: () => void }) => {
    e.preventDefault()
    close()
  }
  return { dialog, close, onCancel }
}
