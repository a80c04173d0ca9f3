import { registerSW } from 'virtual:pwa-register'

let reloadNow: (() => void) | null = null
const waiting = new Set<(reload: () => void) => void>()

/**
 * The web host's service worker (vite-plugin-pwa, Workbox): after one visit the app starts and
 * studies with the network off. Registered once the page has loaded, so it never competes with
 * the first start. A new version waits (no skipWaiting) until the user takes the offer to
 * reload or every tab of this one closes.
 */
export function registerOffline() {
  if (!('serviceWorker' in navigator)) return
  const update = registerSW({
    immediate: false,
    onNeedRefresh() {
      reloadNow = () => void update(true)
      for (const ready of waiting) ready(reloadNow)
    },
  })
}

/** Calls `ready` once a new version waits (at once if one already does); returns how to stop. */
export function onUpdateReady(ready: (reload: () => void) => void) {
  waiting.add(ready)
  if (reloadNow) ready(reloadNow)
  return () => {
    waiting.delete(ready)
  }
}
