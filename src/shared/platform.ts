import type { ByteSource } from '../core/formats/byte-source'
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
  /** The folder automatic backups go to (Electron: user data; web: the origin-private file system). */
  backups: BackupFolder
  /**
   * Runs `work` when the app is closing. Electron holds the window until it is done (or 15 s);
   * a browser tab gives no such promise, so the web runs it when the page is hidden.
   */
  onClose(work: () => Promise<void>): void
  /**
   * Calls `ready` when a new version of the app is downloaded and waiting, with what loads it
   * (the web build's service worker); returns how to stop. Absent where the app is updated
   * otherwise (Electron).
   */
  onUpdateReady?(ready: (reload: () => void) => void): () => void
  /**
   * Where the sync password is kept: the desktop keeps it sealed by the system keychain
   * (Electron's safeStorage) and signs in with it on each sync. Absent in a browser, which
   * keeps only the server's session cookie.
   */
  syncPasswords?: {
    save(server: string, user: string, password: string): Promise<void>
    load(server: string, user: string): Promise<string | null>
    forget(server: string, user: string): Promise<void>
  }
}

/** A folder of backup files; only backup file names are read or written. */
export interface BackupFolder {
  /** Where the files are, in the user's words. */
  readonly where: string
  list(): Promise<{ name: string; size: number }[]>
  /** Writes a file a chunk at a time; it appears whole when all are written, or not at all. */
  write(name: string, chunks: AsyncIterable<Uint8Array>): Promise<void>
  /** A file to read a piece at a time (a backup may be GBs). */
  open(name: string): Promise<ByteSource>
  remove(name: string): Promise<void>
}
