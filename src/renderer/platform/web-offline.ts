import { registerSW } from 'virtual:pwa-register'

/**
 * The web host's service worker (vite-plugin-pwa, Workbox): after one visit the app starts and
 * studies with the network off. Registered once the page has loaded, so it never competes with
 * the first start; a new version waits for every tab of this one to close.
 */
export function registerOffline() {
  if (!('serviceWorker' in navigator)) return
  registerSW({ immediate: false })
}
