import { ankiPackageOf } from '../../src/app/exchange/anki-package'
import { exportCollection } from '../../src/app/exchange/export-collection'
import { addNote } from '../../src/app/editing'
import { scheduler } from '../../src/app/testing'
import { nodeSqlEngine } from '../../src/cli/node-sqlite'
import type { NoteType } from '../../src/core/notes/note-types'
import { PAYLOADS } from './payloads'
import { memoryCollection } from '../../src/app/collection-writes'

export const HOSTILE_DECK = 'Hostile'

/** A note type whose own templates carry script, as an imported package's can (Image Occlusion's do). */
const HOSTILE_TYPE: NoteType = {
  id: 'anki-4242',
  name: 'Hostile <img src=x onerror=alert(9001)> type',
  kind: 'standard',
  fields: ['Front', 'Back'],
  templates: [
    {
      name: 'Card <svg onload=alert(9002)>',
      front: '{{Front}}<script>alert(9003)</script><img src=x onerror="alert(9004)">',
      back: '{{Back}}<svg onload="alert(9005)"></svg><iframe src="javascript:alert(9006)"></iframe>',
    },
  ],
}

/**
 * An Anki package carrying every payload in every field it can: deck names, note fields of
 * Basic and Cloze notes (in the cloze, its hint and the extra field), tags, and a note type
 * whose name and templates are hostile. Returns the package and how many fields it filled.
 */
export async function hostilePackage(): Promise<{ apkg: Buffer; fields: number }> {
  const store = memoryCollection()
  const at = new Date('2026-01-10T09:00:00Z')
  const deck = (id: string, name: string) =>
    store.putDeck({
      id,
      name,
      description: '',
      sourceTitle: null,
      origin: 'user',
      updatedAt: at.getTime(),
      nextPosition: 0,
    })
  await deck('hostile', HOSTILE_DECK)
  // Deck names as a file can give them (no validation a user's typing would meet).
  const named = PAYLOADS.filter((p) => !p.html.includes('::')).slice(0, 12)
  for (const [i, p] of named.entries()) await deck(`hostile-${i}`, `${HOSTILE_DECK}::${p.html}`)
  await store.putNoteTypes([HOSTILE_TYPE])
  let fields = named.length
  for (const p of PAYLOADS) {
    const add = (guid: string, typeId: string, f: Record<string, string>, tags: string[] = []) =>
      addNote(store, scheduler, { guid, deckId: 'hostile', typeId, fields: f, tags }, at)
    await add(`b${p.id}`, 'basic', { Front: `Q${p.id} ${p.html}`, Back: p.html }, [
      `t${p.id}`,
      p.html.replace(/\s+/g, '_'),
    ])
    await add(`c${p.id}`, 'cloze', {
      Text: `Cloze ${p.id} {{c1::ans${p.id}::${p.html.replace(/[{}]/g, '')}}} ${p.html}`,
      'Back Extra': p.html,
    })
    fields += 5
  }
  await addNote(
    store,
    scheduler,
    {
      guid: 'typed',
      deckId: `hostile-0`,
      typeId: HOSTILE_TYPE.id,
      fields: { Front: 'Typed front', Back: 'Typed back' },
      tags: [],
    },
    at,
  )
  const apkg = ankiPackageOf(await exportCollection(store), await nodeSqlEngine(), at)
  return { apkg: Buffer.from(apkg), fields: fields + 3 }
}

/** The payloads as CSV records (id, payload), for the mapping step's preview. */
export function hostileCsv(): Buffer {
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`
  return Buffer.from(
    PAYLOADS.map((p) => `${quote(`csv ${p.id}`)},${quote(p.html)}`).join('\n') + '\n',
  )
}
