import { isAbsolute, relative, resolve, sep } from 'node:path'
import mime from 'mime/lite'

/**
 * The built renderer is served from `app://attache/…` instead of `file://`: under file: every
 * local file would count as 'self' for the page's Content-Security-Policy, and a file: page
 * can read other local files. The scheme is registered as standard and secure (so 'self',
 * fetch, IndexedDB and workers treat it as one origin), and only the renderer's own folder is
 * served from it.
 */
export const APP_SCHEME = 'app'
export const APP_HOST = 'attache'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`

/** The privileges Electron's `protocol.registerSchemesAsPrivileged` gets for the scheme. */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  stream: true,
  codeCache: true,
} as const

/**
 * The file under `root` that an app:// URL names, or null when it names none: another host,
 * a path that leaves the folder (`..`, encoded or not, or an absolute path), or a URL that
 * does not parse. `/` is index.html.
 */
export function appFileFor(url: string, root: string): string | null {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return null
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST || u.username || u.password)
    return null
  let path: string
  try {
    path = decodeURIComponent(u.pathname)
  } catch {
    return null
  }
  if (path.includes('\0') || path.includes('\\')) return null
  const file = resolve(root, `.${path === '/' ? '/index.html' : path}`)
  const inside = relative(resolve(root), file)
  if (!inside || inside.startsWith('..') || isAbsolute(inside) || inside.split(sep).includes('..'))
    return null
  return file
}

/** The part of a file system the handler reads (a parameter, so Node tests pass a fake). */
export type ReadFile = (path: string) => Promise<Uint8Array>

/**
 * The app:// request handler for Electron's `protocol.handle`: the file from the renderer's
 * folder with its MIME type (WebAssembly as application/wasm, so it compiles streaming), or
 * 404 for anything else. Nothing outside `root` is ever read.
 */
export function appProtocolHandler(root: string, readFile: ReadFile) {
  return async (request: { url: string; method?: string }): Promise<Response> => {
    const file = appFileFor(request.url, root)
    if (!file || (request.method && request.method !== 'GET'))
      return new Response('Not found', { status: 404 })
    let body: Uint8Array
    try {
      body = await readFile(file)
    } catch {
      return new Response('Not found', { status: 404 })
    }
    return new Response(body as Uint8Array<ArrayBuffer>, {
      status: 200,
      headers: {
        'content-type': mime.getType(file) ?? 'application/octet-stream',
        'x-content-type-options': 'nosniff',
      },
    })
  }
}
