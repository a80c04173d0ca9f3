/// <reference types="vite/client" />
/// <reference types="vite-plugin-pwa/client" />

interface Window {
  /** Present in the Electron window only (set by the preload). */
  readonly attache: import('../../shared/ipc').AttacheBridge
}

declare module 'virtual:attache-decks' {
  const loaded: import('../../shared/ipc').LoadedDecks
  export default loaded
}
