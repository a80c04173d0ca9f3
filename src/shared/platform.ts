import type { DeckFiles } from './ipc'

/**
 * Everything the renderer needs from its host. Electron implements it over IPC, the web
 * build with browser APIs; the same React code and the same e2e specs run on both.
 */
export interface Platform {
  readonly kind: 'electron' | 'web'
  /** The built-in deck files (and any problems met while reading them). */
  deckFiles(): Promise<DeckFiles>
  /** Opens an allow-listed https: link outside the app. */
  openExternal(url: string): Promise<void>
}
