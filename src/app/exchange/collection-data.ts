import type { NoteType } from '../../core/notes/note-types'
import type {
  CardRow,
  DeckRow,
  MediaRow,
  NoteRow,
  ReviewLogRow,
  SettingRow,
  VersionRow,
} from '../collection'

import type { Preset } from '../presets'

/**
 * A collection or part of one, as rows: what every importer produces (Anki packages, CSV,
 * backups) and every exporter reads, so one import path writes them all.
 */
export interface CollectionData {
  noteTypes: NoteType[]
  decks: DeckRow[]
  presets: Preset[]
  notes: NoteRow[]
  cards: CardRow[]
  reviewLogs: ReviewLogRow[]
  media: MediaFile[]
  settings: SettingRow[]
  /** Versions that lost a sync conflict (the whole collection only: a backup). */
  versions?: VersionRow[]
}

/**
 * A media file as it travels: with its bytes when they come in the data (backups, exports,
 * text imports), without when they are already stored under `hash` (a package read as a
 * stream stores each file as it reads it).
 */
export type MediaFile = MediaRow & { data?: Uint8Array }

export const emptyCollectionData = (): CollectionData => ({
  noteTypes: [],
  decks: [],
  presets: [],
  notes: [],
  cards: [],
  reviewLogs: [],
  media: [],
  settings: [],
})

/** What a collection holds, counted (import previews, backups, `cli stats`). */
export interface CollectionCounts {
  decks: number
  notes: number
  cards: number
  reviewLogs: number
  media: number
}

export const countsOf = (data: CollectionData): CollectionCounts => ({
  decks: data.decks.length,
  notes: data.notes.length,
  cards: data.cards.length,
  reviewLogs: data.reviewLogs.length,
  media: data.media.length,
})
