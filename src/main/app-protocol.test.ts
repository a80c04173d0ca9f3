import { describe, expect, it } from 'vitest'
import { resolve } from 'node:path'
import { APP_INDEX_URL, appFileFor, appProtocolHandler } from './app-protocol'

const root = resolve('/opt/attache/resources/app.asar/out/renderer')

describe('the app:// protocol', () => {
  it('serves the renderer’s own files, index.html for the root', () => {
    expect(appFileFor(APP_INDEX_URL, root)).toBe(resolve(root, 'index.html'))
    expect(appFileFor('app://attache/', root)).toBe(resolve(root, 'index.html'))
    expect(appFileFor('app://attache/assets/index-abc.js?v=1#x', root)).toBe(
      resolve(root, 'assets/index-abc.js'),
    )
    expect(appFileFor('app://attache/assets/a%20b.png', root)).toBe(resolve(root, 'assets/a b.png'))
  })

  it('resolves dot segments as the URL does: never above the folder', () => {
    for (const url of ['app://attache/../../secret.txt', 'app://attache/%2e%2e/%2e%2e/secret.txt'])
      expect(appFileFor(url, root)).toBe(resolve(root, 'secret.txt'))
  })

  it.each([
    ['another host', 'app://evil/index.html'],
    ['another scheme', 'file:///etc/passwd'],
    ['an encoded slash and parent', 'app://attache/assets%2f..%2f..%2f..%2fsecret.txt'],
    ['a backslash', 'app://attache/..%5c..%5csecret.txt'],
    ['a NUL byte', 'app://attache/index.html%00.png'],
    ['credentials', 'app://user:pw@attache/index.html'],
    ['bad percent-encoding', 'app://attache/%E0%A4%A'],
    ['not a URL', 'not a url'],
  ])('refuses %s', (_what, url) => {
    expect(appFileFor(url, root)).toBeNull()
  })

  it('answers with the file and its MIME type, 404 for anything it refuses or lacks', async () => {
    const files = new Map([
      [resolve(root, 'index.html'), new TextEncoder().encode('<!doctype html>')],
      [resolve(root, 'assets/sql.wasm'), new Uint8Array([0, 97, 115, 109])],
    ])
    const read: string[] = []
    const handler = appProtocolHandler(root, async (path) => {
      read.push(path)
      const file = files.get(path)
      if (!file) throw new Error('ENOENT')
      return file
    })
    const index = await handler({ url: APP_INDEX_URL, method: 'GET' })
    expect(index.status).toBe(200)
    expect(index.headers.get('content-type')).toBe('text/html')
    expect(index.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await index.text()).toBe('<!doctype html>')
    const wasm = await handler({ url: 'app://attache/assets/sql.wasm' })
    expect(wasm.headers.get('content-type')).toBe('application/wasm')
    expect((await handler({ url: 'app://attache/missing.js' })).status).toBe(404)
    expect((await handler({ url: 'app://attache/../../etc/passwd' })).status).toBe(404)
    expect((await handler({ url: APP_INDEX_URL, method: 'POST' })).status).toBe(404)
    // Nothing outside the renderer's folder was even read.
    expect(read.every((p) => p.startsWith(root))).toBe(true)
  })
})
