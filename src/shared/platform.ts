import type { LoadedDecks } from './ipc'

/**
 * Everything the renderer needs from its host. Electron implements it over IPC, the web
 * build with browser APIs; the same React code and the same e2e specs run on both.
 */
export interface Platform {
  /** The built-in decks, validated, and the deck files skipped with their problems. */
  loadDecks(): Promise<LoadedDecks>
  /** Opens an allow-listed https: link outside the app. */
  openExternal(url: string): Promise<void>
}
