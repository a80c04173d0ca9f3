import { describe, expect, it, vi } from 'vitest'
import { channelOf } from '../shared/ipc-methods'
import {
  registerIpcHandlers,
  rendererUrlCheck,
  type IpcHandlers,
  type InvokeEvent,
} from './ipc-registry'

type Listener = (event: InvokeEvent, payload: unknown) => unknown

function fakeIpcMain() {
  const listeners = new Map<string, Listener>()
  return {
    handle: (channel: string, l: Listener) => listeners.set(channel, l),
    invoke: async (channel: string, url: string | null, payload?: unknown) => {
      const l = listeners.get(channel)
      if (!l) throw new Error(`no handler for ${channel}`)
      return l({ senderFrame: url === null ? null : { url } }, payload)
    },
    channels: () => [...listeners.keys()],
  }
}

const APP = 'app://attache/index.html'

function setup() {
  const ipc = fakeIpcMain()
  const handlers: IpcHandlers = {
    loadDecks: vi.fn(async () => ({ decks: [], problems: [] })),
    openExternal: vi.fn(async () => ({ opened: true })),
    backupList: vi.fn(async () => ({ folder: '/b', files: [] })),
    backupAppend: vi.fn(async () => ({ written: true as const })),
    backupCommit: vi.fn(async () => ({ written: true as const })),
    backupDiscard: vi.fn(async () => ({ removed: true as const })),
    backupRead: vi.fn(async () => ({ bytes: new Uint8Array() })),
    backupRemove: vi.fn(async () => ({ removed: true as const })),
    closeReady: vi.fn(() => ({ closing: true as const })),
    syncPasswordSave: vi.fn(async () => ({ saved: true as const })),
    syncPasswordLoad: vi.fn(async () => ({ password: null })),
    syncPasswordForget: vi.fn(async () => ({ removed: true as const })),
  }
  registerIpcHandlers(ipc, handlers, rendererUrlCheck(APP))
  return { ipc, handlers }
}

describe('registerIpcHandlers', () => {
  it('registers one channel per contract method', () => {
    expect(setup().ipc.channels().sort()).toEqual([
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
  })

  it('refuses a backup name that is a path before any handler runs', async () => {
    const { ipc, handlers } = setup()
    await expect(
      ipc.invoke('attache:backupRead', APP, { name: '../../etc/passwd', start: 0, end: 1 }),
    ).rejects.toThrow()
    await expect(
      ipc.invoke('attache:backupAppend', APP, {
        name: 'x.zip',
        bytes: new Uint8Array([1]),
        first: true,
      }),
    ).rejects.toThrow()
    await expect(ipc.invoke('attache:backupCommit', APP, { name: '../x.zip' })).rejects.toThrow()
    expect(handlers.backupRead).not.toHaveBeenCalled()
    expect(handlers.backupAppend).not.toHaveBeenCalled()
    expect(handlers.backupCommit).not.toHaveBeenCalled()
  })

  it('runs the handler for the app page with a valid payload', async () => {
    const { ipc, handlers } = setup()
    await expect(
      ipc.invoke(channelOf('openExternal'), APP, { url: 'https://www.mofa.go.jp/' }),
    ).resolves.toEqual({ opened: true })
    expect(handlers.openExternal).toHaveBeenCalledWith({ url: 'https://www.mofa.go.jp/' })
  })

  it('refuses a sender that is not the app page, before the handler runs', async () => {
    const { ipc, handlers } = setup()
    for (const url of ['https://evil.example/', 'file:///tmp/other.html', null]) {
      await expect(ipc.invoke(channelOf('loadDecks'), url)).rejects.toThrow(
        /refused, sender .* is not the app/,
      )
    }
    expect(handlers.loadDecks).not.toHaveBeenCalled()
  })

  it('refuses a payload that does not match the schema', async () => {
    const { ipc, handlers } = setup()
    await expect(ipc.invoke(channelOf('openExternal'), APP, { url: 42 })).rejects.toThrow(
      /openExternal: refused, url:/,
    )
    await expect(
      ipc.invoke(channelOf('openExternal'), APP, { url: 'https://x', more: 1 }),
    ).rejects.toThrow(/refused/)
    await expect(ipc.invoke(channelOf('loadDecks'), APP, { sneaky: true })).rejects.toThrow(
      /loadDecks: refused/,
    )
    expect(handlers.openExternal).not.toHaveBeenCalled()
    expect(handlers.loadDecks).not.toHaveBeenCalled()
  })
})

describe('rendererUrlCheck', () => {
  it('trusts only the dev server’s page during development', () => {
    const check = rendererUrlCheck(APP, 'http://localhost:5173/')
    expect(check('http://localhost:5173/index.html')).toBe(true)
    expect(check('http://localhost:5173/?x=1#y')).toBe(true)
    expect(check('http://localhost:5174/')).toBe(false)
    expect(check('http://127.0.0.1:5173/')).toBe(false)
    expect(check('http://localhost:5173/other.html')).toBe(false)
    expect(check(APP)).toBe(false)
    expect(check('not a url')).toBe(false)
  })

  it('trusts only the app:// index page of the built app: host and path included', () => {
    const check = rendererUrlCheck(APP)
    expect(check(APP)).toBe(true)
    expect(check(`${APP}#/study`)).toBe(true)
    for (const url of [
      'app://evil/index.html',
      'app://attache/assets/other.html',
      'app://user@attache/index.html',
      'file:///opt/attache/out/renderer/index.html',
      'https://attache/index.html',
    ])
      expect(check(url)).toBe(false)
  })
})
