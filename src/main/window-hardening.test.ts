import { describe, expect, it, vi } from 'vitest'
import {
  denyAllPermissions,
  lockNavigation,
  secureWebPreferences,
  type ContentsLike,
} from './window-hardening'

describe('window hardening', () => {
  it('prevents every navigation and denies every new window, passing the URL to the external opener', () => {
    const listeners = new Map<string, Parameters<ContentsLike['on']>[1]>()
    let windowOpen: Parameters<ContentsLike['setWindowOpenHandler']>[0] = () => ({ action: 'deny' })
    const contents: ContentsLike = {
      on: (e, l) => listeners.set(e, l),
      setWindowOpenHandler: (h) => (windowOpen = h),
    }
    const open = vi.fn()
    lockNavigation(contents, open)
    const event = { preventDefault: vi.fn() }
    listeners.get('will-navigate')?.(event, 'https://evil.example/')
    expect(event.preventDefault).toHaveBeenCalled()
    // Frames and redirects are refused and never opened outside.
    for (const name of ['will-frame-navigate', 'will-redirect']) {
      const e = { preventDefault: vi.fn(), url: 'https://evil.example/frame' }
      listeners.get(name)?.(e)
      expect(e.preventDefault, name).toHaveBeenCalled()
    }
    expect(windowOpen({ url: 'https://www.mofa.go.jp/' })).toEqual({ action: 'deny' })
    expect(open.mock.calls).toEqual([['https://evil.example/'], ['https://www.mofa.go.jp/']])
  })

  it('denies permission requests and checks', () => {
    let request: ((c: unknown, p: string, cb: (g: boolean) => void) => void) | undefined
    let check: (() => boolean) | undefined
    denyAllPermissions({
      setPermissionRequestHandler: (h) => (request = h),
      setPermissionCheckHandler: (h) => (check = h),
    })
    const cb = vi.fn()
    request?.({}, 'media', cb)
    expect(cb).toHaveBeenCalledWith(false)
    expect(check?.()).toBe(false)
  })

  it('isolates and sandboxes the renderer', () => {
    expect(secureWebPreferences('/p.cjs')).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: '/p.cjs',
    })
  })
})
