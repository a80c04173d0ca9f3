import type { Plugin } from 'vite'

/** What the development page's CSP allows beyond the built app: the dev server's HMR socket. */
export const DEV_ONLY_SOURCES = ' ws://localhost:*'

/**
 * The sync server (issue 22): https anywhere, plain http only on this machine (the app refuses
 * other http addresses before connecting, `serverUrlProblem`).
 */
export const SYNC_SOURCES = ' https: http://localhost:* http://127.0.0.1:*'

/**
 * The page's Content-Security-Policy as built: the dev server's WebSocket (for hot reload)
 * taken out of `connect-src`, so the installed app and the web build connect to nothing but
 * themselves and a sync server. Fails the build if index.html's policy no longer has it where expected, rather
 * than ship a policy nobody checked.
 */
export function productionCspPlugin(): Plugin {
  return {
    name: 'attache-production-csp',
    apply: 'build',
    transformIndexHtml(html) {
      const csp = /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")([^"]*)"/.exec(html)
      if (!csp?.[2]?.includes(`connect-src 'self'${SYNC_SOURCES}${DEV_ONLY_SOURCES};`))
        throw new Error(
          `index.html: the Content-Security-Policy's connect-src is not "'self'${SYNC_SOURCES}${DEV_ONLY_SOURCES}" as the build expects`,
        )
      return html.replace(csp[0], `${csp[1]}${csp[2].replace(DEV_ONLY_SOURCES, '')}"`)
    },
  }
}
