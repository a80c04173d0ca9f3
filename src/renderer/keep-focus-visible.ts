/** Fields the on-screen keyboard types into. */
const TYPED =
  'input:not([type="checkbox"], [type="radio"], [type="range"]), textarea, [contenteditable="true"]'

/**
 * When the window gets shorter while a text field has the focus — on a phone, the on-screen
 * keyboard opening, which `interactive-widget=resizes-content` turns into a resize — the field
 * is scrolled back into what is left of the screen, so the keyboard never covers what is typed.
 */
export function keepFocusedFieldVisible(win: Window): () => void {
  let height = win.innerHeight
  const onResize = () => {
    const shorter = win.innerHeight < height
    height = win.innerHeight
    const field = win.document.activeElement
    if (shorter && field instanceof HTMLElement && field.matches(TYPED))
      field.scrollIntoView({ block: 'center' })
  }
  win.addEventListener('resize', onResize)
  return () => win.removeEventListener('resize', onResize)
}
