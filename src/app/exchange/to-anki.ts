import type {
  AnkiCard,
  AnkiCollection,
  AnkiDeckConfig,
  AnkiReview,
} from '../../core/formats/anki/read-collection'
import type { AnkiCardMemory, AnkiExport } from '../../core/formats/anki/write-package'
import { fnv1a } from '../../core/hash'
import { mediaReferences } from '../../core/notes/media-refs'
import { ankiFieldChecksum, ankiSortText } from '../../core/formats/anki/note-checksum'
import { CardState, DEFAULT_SCHEDULER_OPTIONS, decayOf } from '../../core/scheduling/scheduler'
import { DEFAULT_PRESET_ID, defaultFrom, type Preset } from '../presets'
import { settingsOfRows } from '../settings'
import { Queue, isInCollection, type CardRow } from '../collection'
import type { CollectionData } from './collection-data'
import type { CardTemplate } from '../../core/notes/note-types'
import { backWithoutFront } from './from-anki'
import { DAY_MS } from '../../core/units'

/** A number id for Anki from one of ours: Anki's own for what came from Anki, else a stable hash. */
function numericId(id: string, taken: Set<number>): number {
  const anki = /^anki-(\d+)$/.exec(id)
  let n = anki ? Number(anki[1]) : 1_000_000_000_000 + fnv1a(id)
  while (taken.has(n)) n++
  taken.add(n)
  return n
}

/** Anki's card type and queue for a card here. */
function typeAndQueue(state: number, queue: number): { type: number; queue: number } {
  const type =
    state === CardState.New
      ? 0
      : state === CardState.Review
        ? 2
        : state === CardState.Relearning
          ? 3
          : 1
  const active = type === 3 ? 1 : type
  if (queue === Queue.Suspended) return { type, queue: -1 }
  if (queue === Queue.Buried) return { type, queue: -3 }
  return { type, queue: active }
}

/** The stylesheet of a note type made here: Anki's own default for a new type. */
const DEFAULT_CSS =
  '.card {\n    font-family: arial;\n    font-size: 20px;\n    text-align: center;\n    color: black;\n    background-color: white;\n}\n'

/**
 * A template as Anki reads it: as it was imported while it is unchanged here (a Cloze back
 * without `{{FrontSide}}` stays without it), else the back written after Anki's
 * `{{FrontSide}}<hr id=answer>`, since this app's backs leave the front out.
 */
function ankiTemplateOf(t: CardTemplate, imported?: { front: string; back: string }) {
  if (
    imported &&
    !t.context &&
    imported.front === t.front &&
    backWithoutFront(imported.back) === t.back
  )
    return { name: t.name, front: imported.front, back: imported.back }
  const context = t.context ? `\n<div class="context">${t.context}</div>` : ''
  return {
    name: t.name,
    front: t.front,
    back: `{{FrontSide}}\n\n<hr id=answer>\n\n${t.back}${context}`,
  }
}

/**
 * Anki ids for the presets exported decks use: an Anki preset keeps its own, the Default preset
 * is Anki's Default (1) unless an Anki preset holds that id, any other a stable number.
 */
function presetNumbers(data: CollectionData): Map<string, number> {
  const live = data.decks.filter((d) => d.deletedAt === undefined)
  const used = [...new Set(live.map((d) => d.presetId ?? DEFAULT_PRESET_ID))].sort()
  const taken = new Set<number>()
  const out = new Map<string, number>()
  for (const id of used.filter((p) => /^anki-\d+$/.test(p))) out.set(id, numericId(id, taken))
  for (const id of used.filter((p) => !out.has(p)))
    out.set(
      id,
      id === DEFAULT_PRESET_ID && !taken.has(1) ? (taken.add(1), 1) : numericId(id, taken),
    )
  return out
}

/** A preset here as Anki's deck options (steps in minutes). */
function deckConfigOf(p: Preset, id: number): AnkiDeckConfig {
  return {
    id,
    name: p.name,
    newPerDay: p.newPerDay,
    reviewsPerDay: p.reviewsPerDay,
    learningSteps: p.learningSteps.map(stepMinutes),
    relearningSteps: p.relearningSteps.map(stepMinutes),
    maximumInterval: p.maximumIntervalDays,
    leechThreshold: p.leechThreshold,
    leechAction: p.leechAction === 'suspend' ? 0 : 1,
    burySiblings: p.burySiblings,
    desiredRetention: p.desiredRetention,
    fsrsParameters: p.weights ?? [],
  }
}

const UNIT_MINUTES: Readonly<Record<string, number>> = { s: 1 / 60, m: 1, h: 60, d: 1440 }

/** A step ("10m", "1d") in Anki's minutes. */
const stepMinutes = (step: string) =>
  Number(step.slice(0, -1)) * (UNIT_MINUTES[step.slice(-1)] ?? 1)

/**
 * The package's `crt` (epoch seconds), which review cards' due days count from: the creation of
 * the Anki collection most of the decks came from, so those cards' due days come out as Anki
 * had them; else the start of the UTC day of the earliest note, so no due day is negative.
 */
function collectionCreation(data: CollectionData, now: Date): number {
  const counts = new Map<number, number>()
  for (const d of data.decks)
    if (d.ankiCreated !== undefined) counts.set(d.ankiCreated, (counts.get(d.ankiCreated) ?? 0) + 1)
  const mostUsed = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]
  if (mostUsed) return mostUsed[0]
  let earliest = now.getTime()
  for (const n of data.notes) earliest = Math.min(earliest, n.createdAt ?? n.modifiedAt)
  return Math.floor(earliest / DAY_MS) * 86_400
}

/**
 * Anki card ids for the cards of exported notes: a card from Anki keeps its own; any other
 * takes its note's id plus its ordinal, or the next free number after it.
 */
function cardNumbers(
  cards: readonly CardRow[],
  noteNumber: ReadonlyMap<string, number>,
): Map<string, number> {
  const exported = cards.filter((c) => noteNumber.has(c.noteId) && isInCollection(c))
  const taken = new Set<number>()
  const out = new Map<string, number>()
  for (const c of exported)
    if (c.anki && !taken.has(c.anki.id)) {
      taken.add(c.anki.id)
      out.set(c.id, c.anki.id)
    }
  for (const c of exported) {
    if (out.has(c.id)) continue
    let id = (noteNumber.get(c.noteId) as number) + c.ord
    while (taken.has(id)) id++
    taken.add(id)
    out.set(c.id, id)
  }
  return out
}

/**
 * The collection as an Anki package's contents: note types (the back written after Anki's
 * `{{FrontSide}}<hr id=answer>`), decks, the notes and cards of the collection (not the
 * trash), review history and media. Card memory goes to `cards.data` for Anki's FSRS.
 */
export function ankiExportOf(data: CollectionData, now: Date): AnkiExport {
  const created = collectionCreation(data, now)
  const typeIds = new Set<number>()
  const types = new Map(
    data.noteTypes.map((t) => [t.id, { type: t, id: numericId(t.id, typeIds) }]),
  )
  // Anki's Default deck is 1: only the Default that came from Anki may take it.
  const deckIds = new Set<number>(data.decks.some((d) => d.id === 'anki-1') ? [] : [1])
  const decks = new Map(
    data.decks
      .filter((d) => d.deletedAt === undefined)
      .map((d) => [d.id, numericId(d.id, deckIds)]),
  )
  const noteIds = new Set<number>()
  const notes = data.notes
    .filter((n) => n.deletedAt === undefined && n.retired === 0 && types.has(n.typeId))
    .sort((a, b) => (a.createdAt ?? a.modifiedAt) - (b.createdAt ?? b.modifiedAt))
  const noteNumber = new Map<string, number>()
  for (const n of notes) {
    let id = n.createdAt ?? n.modifiedAt
    while (noteIds.has(id)) id++
    noteIds.add(id)
    noteNumber.set(n.id, id)
  }
  const cardNumber = cardNumbers(data.cards, noteNumber)
  const memory = new Map<number, AnkiCardMemory>()
  const presets = new Map(data.presets.map((p) => [p.id, p]))
  const deckPresets = new Map(data.decks.map((d) => [d.id, d.presetId ?? DEFAULT_PRESET_ID]))
  const presetOfDeck = (deckId: string) => presets.get(deckPresets.get(deckId) ?? DEFAULT_PRESET_ID)
  const configIds = presetNumbers(data)
  // The Default preset as the user has it: its scheduling as stored, its limits and leech rule
  // from the collection's Settings (a deck's export carries none: the defaults).
  const userDefault = defaultFrom(
    presets.get(DEFAULT_PRESET_ID),
    settingsOfRows(data.settings).settings,
  )
  const cards: AnkiCard[] = []
  for (const c of data.cards) {
    const nid = noteNumber.get(c.noteId)
    const id = cardNumber.get(c.id)
    if (nid === undefined || id === undefined) continue
    const { type, queue } = typeAndQueue(c.state, c.queue)
    const interval = type === 2 ? Math.max(1, Math.round(c.scheduled_days)) : 0
    const due =
      type === 0
        ? c.position
        : type === 2
          ? Math.round((c.due - created * 1000) / DAY_MS)
          : Math.floor(c.due / 1000)
    if (c.state !== CardState.New) {
      const preset = presetOfDeck(c.deckId)
      memory.set(id, {
        stability: c.stability,
        difficulty: c.difficulty,
        desiredRetention: preset?.desiredRetention ?? DEFAULT_SCHEDULER_OPTIONS.requestRetention,
        decay: decayOf(preset?.weights),
        ...(c.last_review !== undefined ? { lastReview: Math.floor(c.last_review / 1000) } : {}),
      })
    }
    cards.push({
      id,
      noteId: nid,
      deckId: decks.get(c.deckId) ?? 1,
      originalDeckId: 0,
      originalDue: 0,
      ord: c.ord,
      type,
      queue,
      due,
      interval,
      // Anki's SM-2 ease and learning steps, as imported; a card made here starts at Anki's 250 %.
      factor: c.anki?.factor ?? (type === 0 ? 0 : 2500),
      reps: c.reps,
      lapses: c.lapses,
      left: ankiLeft(c, type, presetOfDeck(c.deckId)),
      flag: c.flag ?? 0,
      otherData: c.anki?.data ?? '',
    })
  }
  const reviews: AnkiReview[] = data.reviewLogs.flatMap((l) => {
    const cid = cardNumber.get(l.cardId)
    if (cid === undefined) return []
    // A row from Anki goes back as it came; an answer made here is written as Anki logs one.
    if (l.anki)
      return [
        {
          id: l.id,
          cardId: cid,
          ease: l.anki.ease,
          interval: l.anki.ivl,
          lastInterval: l.anki.lastIvl,
          factor: l.anki.factor,
          timeMs: l.anki.time,
          type: l.anki.type,
        },
      ]
    // Anki's revlog type: 0 learn, 1 review, 2 relearn, by the state the card was in.
    const type = l.state === CardState.Review ? 1 : l.state === CardState.Relearning ? 2 : 0
    return [
      {
        id: l.id,
        cardId: cid,
        ease: l.rating,
        interval: Math.round(l.scheduled_days),
        lastInterval: Math.round(l.last_elapsed_days),
        factor: 2500,
        timeMs: Math.round(l.durationMs),
        type,
      },
    ]
  })
  const used = new Set(notes.flatMap((n) => Object.values(n.fields).flatMap(mediaReferences)))
  const collection: AnkiCollection = {
    format: 'anki21',
    schedulerVersion: 2,
    createdAt: created,
    noteTypes: [...types.values()].map(({ type, id }) => ({
      id,
      name: type.name,
      kind: type.kind,
      fields: type.fields,
      templates: type.templates.map((t, i) => ankiTemplateOf(t, type.ankiTemplates?.[i])),
      sortField: type.sortField ?? 0,
      css: type.css ?? DEFAULT_CSS,
    })),
    decks: data.decks
      .filter((d) => decks.has(d.id))
      .map((d) => ({
        id: decks.get(d.id) as number,
        name: d.name,
        description: d.description,
        configId: configIds.get(d.presetId ?? DEFAULT_PRESET_ID) ?? 1,
      })),
    deckConfigs: [...configIds].map(([presetId, id]) =>
      deckConfigOf(
        presetId === DEFAULT_PRESET_ID || !presets.has(presetId)
          ? userDefault
          : (presets.get(presetId) as Preset),
        id,
      ),
    ),
    notes: notes.map((n) => {
      const type = (types.get(n.typeId) as { type: { fields: string[] } }).type
      return {
        id: noteNumber.get(n.id) as number,
        guid: n.id,
        typeId: (types.get(n.typeId) as { id: number }).id,
        modified: Math.floor(n.modifiedAt / 1000),
        tags: n.tags,
        fields: type.fields.map((f) => n.fields[f] ?? ''),
      }
    }),
    cards,
    reviews,
  }
  const sortFieldOf = new Map(collection.noteTypes.map((t) => [t.id, t.sortField]))
  return {
    collection,
    memory,
    // As Anki computes them: its duplicate check and browser sort read these columns.
    sortFields: new Map(
      collection.notes.map((n) => [
        n.id,
        ankiSortText(n.fields[sortFieldOf.get(n.typeId) ?? 0] ?? ''),
      ]),
    ),
    checksums: new Map(collection.notes.map((n) => [n.id, ankiFieldChecksum(n.fields[0] ?? '')])),
    media: new Map(
      data.media.flatMap((m) => (used.has(m.name) && m.data ? [[m.name, m.data] as const] : [])),
    ),
    now: now.getTime(),
  }
}

/**
 * Anki's `left` for a card: as imported while the card is unchanged here (revision 0), else
 * the steps a learning or relearning card still has to go under its preset; 0 for others.
 */
function ankiLeft(c: CardRow, type: number, preset: Preset | undefined): number {
  if (c.anki && c.revision === 0) return c.anki.left
  if (type !== 1 && type !== 3) return 0
  const steps =
    type === 1
      ? (preset?.learningSteps ?? DEFAULT_SCHEDULER_OPTIONS.learningSteps)
      : (preset?.relearningSteps ?? DEFAULT_SCHEDULER_OPTIONS.relearningSteps)
  return Math.max(0, steps.length - c.learning_steps)
}
