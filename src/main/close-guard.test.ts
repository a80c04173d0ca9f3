import { describe, expect, it } from 'vitest'
import { CLOSE_REQUESTED_CHANNEL, guardClose, type ClosableWindow } from './close-guard'

function fakeWindow() {
  let onClose: ((e: { preventDefault(): void }) => void) | undefined
  const sent: string[] = []
  const win: ClosableWindow & { closed: boolean; tryClose(): boolean } = {
    closed: false,
    on: (_e, l) => void (onClose = l),
    close() {
      // Electron emits 'close' again for a programmatic close; the guard lets it through.
      if (!win.tryClose()) return
      win.closed = true
    },
    isDestroyed: () => win.closed,
    webContents: { send: (c) => void sent.push(c) },
    tryClose() {
      let prevented = false
      onClose?.({ preventDefault: () => (prevented = true) })
      return !prevented
    },
  }
  return { win, sent }
}

function fakeTimers() {
  const pending: (() => void)[] = []
  return {
    timers: { set: (fn: () => void) => pending.push(fn), clear: () => (pending.length = 0) },
    fire: () => pending.splice(0).forEach((f) => f()),
  }
}

describe('the close guard', () => {
  it('holds the first close, asks the renderer, and closes when it is ready', () => {
    const { win, sent } = fakeWindow()
    const { timers } = fakeTimers()
    const ready = guardClose(win, 10_000, timers)
    expect(win.tryClose()).toBe(false)
    expect(sent).toEqual([CLOSE_REQUESTED_CHANNEL])
    // A second click while waiting neither closes nor asks again.
    expect(win.tryClose()).toBe(false)
    expect(sent).toHaveLength(1)
    ready()
    expect(win.closed).toBe(true)
  })

  it('closes anyway when the renderer does not answer in time', () => {
    const { win } = fakeWindow()
    const { timers, fire } = fakeTimers()
    guardClose(win, 10_000, timers)
    win.tryClose()
    expect(win.closed).toBe(false)
    fire()
    expect(win.closed).toBe(true)
  })

  it('ignores a ready signal nobody asked for', () => {
    const { win } = fakeWindow()
    const ready = guardClose(win, 10_000, fakeTimers().timers)
    ready()
    expect(win.closed).toBe(false)
  })
})
