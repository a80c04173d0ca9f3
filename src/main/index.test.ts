// The Electron shell's wiring, with Electron replaced by a recording fake: every window is
// created hardened, every IPC method goes through the checked registry, permissions are
// refused. (The real binary runs in the e2e Electron project where it is installed.)
import { beforeAll, describe, expect, it, vi } from 'vitest'

const recorded = vi.hoisted(() => ({
  windows: [] as {
    options: Record<string, unknown>
    listeners: Map<string, unknown>
    openHandler?: unknown
  }[],
  handles: new Map<string, (event: unknown, payload: unknown) => unknown>(),
  sandboxEnabled: false,
  permissionRequest: undefined as
    undefined | ((c: unknown, p: string, cb: (ok: boolean) => void) => void),
  loaded: [] as string[],
  schemes: [] as unknown[],
  protocols: new Map<string, unknown>(),
}))

vi.mock('electron', () => {
  class BrowserWindow {
    static getAllWindows = () => recorded.windows
    webContents: {
      on: (e: string, l: unknown) => void
      setWindowOpenHandler: (h: unknown) => void
      send: (channel: string) => void
    }
    constructor(options: Record<string, unknown>) {
      const entry = {
        options,
        listeners: new Map<string, unknown>(),
        openHandler: undefined as unknown,
      }
      recorded.windows.push(entry)
      this.webContents = {
        on: (e, l) => entry.listeners.set(e, l),
        setWindowOpenHandler: (h) => (entry.openHandler = h),
        send: () => undefined,
      }
    }
    once() {}
    on(e: string, l: unknown) {
      recorded.windows.at(-1)?.listeners.set(`window:${e}`, l)
    }
    close() {}
    isDestroyed() {
      return false
    }
    show() {}
    loadFile(path: string) {
      recorded.loaded.push(path)
      return Promise.resolve()
    }
    loadURL(url: string) {
      recorded.loaded.push(url)
      return Promise.resolve()
    }
  }
  const app = {
    isPackaged: false,
    enableSandbox: () => (recorded.sandboxEnabled = true),
    setPath: () => {},
    getAppPath: () => '/app',
    getPath: (name: string) => `/profile/${name}`,
    whenReady: () => Promise.resolve(),
    on: () => {},
  }
  return {
    app,
    BrowserWindow,
    ipcMain: {
      handle: (channel: string, l: (e: unknown, p: unknown) => unknown) =>
        recorded.handles.set(channel, l),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: typeof recorded.permissionRequest) =>
          (recorded.permissionRequest = h),
        setPermissionCheckHandler: () => {},
      },
    },
    shell: { openExternal: vi.fn(async () => {}) },
    safeStorage: {
      isEncryptionAvailable: () => false,
      encryptString: () => Buffer.alloc(0),
      decryptString: () => '',
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => recorded.schemes.push(...schemes),
      handle: (scheme: string, handler: unknown) => recorded.protocols.set(scheme, handler),
    },
  }
})

beforeAll(async () => {
  delete process.env['ELECTRON_RENDERER_URL']
  await import('./index')
  await new Promise((r) => setTimeout(r, 0))
})

describe('Electron main process wiring', () => {
  it('enables the sandbox and opens one hardened window on the built renderer', () => {
    expect(recorded.sandboxEnabled).toBe(true)
    expect(recorded.windows).toHaveLength(1)
    const prefs = recorded.windows[0]?.options['webPreferences'] as Record<string, unknown>
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      // No middle-click windows (Electronegativity's AUXCLICK check).
      disableBlinkFeatures: 'Auxclick',
    })
    expect(String(prefs['preload'])).toMatch(/preload[\\/]index\.cjs$/)
    // The built page comes from app://, never file:// (where every local file is 'self').
    expect(recorded.loaded).toEqual(['app://attache/index.html'])
  })

  it('serves app:// as a privileged standard scheme from the renderer folder only', async () => {
    expect(recorded.schemes).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ])
    const handler = recorded.protocols.get('app') as (r: { url: string }) => Promise<Response>
    expect((await handler({ url: 'app://attache/../../../etc/passwd' })).status).toBe(404)
    expect((await handler({ url: 'app://other/index.html' })).status).toBe(404)
  })

  it('locks navigation and new windows', () => {
    const w = recorded.windows[0]
    expect(w?.listeners.has('will-navigate')).toBe(true)
    expect(
      (w?.openHandler as (d: { url: string }) => unknown)({ url: 'https://evil.example/' }),
    ).toEqual({ action: 'deny' })
  })

  it('registers every IPC method through the checked registry', async () => {
    expect([...recorded.handles.keys()].sort()).toEqual([
      'attache:backupAppend',
      'attache:backupCommit',
      'attache:backupDiscard',
      'attache:backupList',
      'attache:backupRead',
      'attache:backupRemove',
      'attache:closeReady',
      'attache:loadDecks',
      'attache:openExternal',
      'attache:syncPasswordForget',
      'attache:syncPasswordLoad',
      'attache:syncPasswordSave',
    ])
    const loadDecks = recorded.handles.get('attache:loadDecks')
    await expect(
      Promise.resolve(loadDecks?.({ senderFrame: { url: 'https://evil.example/' } }, undefined)),
    ).rejects.toThrow(/not the app/)
  })

  it('holds the window’s close for the renderer’s last backup', () => {
    const w = recorded.windows[0]
    const close = w?.listeners.get('window:close') as (e: { preventDefault(): void }) => void
    let prevented = false
    close({ preventDefault: () => (prevented = true) })
    expect(prevented).toBe(true)
  })

  it('refuses permission requests', () => {
    const cb = vi.fn()
    recorded.permissionRequest?.({}, 'geolocation', cb)
    expect(cb).toHaveBeenCalledWith(false)
  })
})
