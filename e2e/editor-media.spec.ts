import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { chooseImportFile } from './importing'
import { deckRow } from './mechanics'
import { FLAG_IMAGE, PACKAGE_DECK, RED_PNG, packageWithMediaAndHistory } from './packages'

/** The stored rows of a table, read with raw IndexedDB (not the app). */
function storedRows<T>(page: Page, table: string): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('attache')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const get = open.result.transaction(name).objectStore(name).getAll()
          get.onsuccess = () => {
            open.result.close()
            resolve(get.result as T[])
          }
        }
      }),
    table,
  )
}

type NoteRow = { id: string; fields: Record<string, string> }
type MediaRow = { name: string; type: string; size: number }

test('an image pasted into a field is stored as a media file, named in the note, and shown offline', async ({
  app,
}) => {
  const { page } = app
  await page.getByRole('button', { name: 'New deck' }).click()
  await page.getByLabel('New deck name').fill('Flags')
  await page.getByRole('button', { name: 'Create' }).click()
  await deckRow(page, 'Flags').getByRole('button', { name: 'Add a note to Flags' }).click()
  const editor = page.getByRole('dialog', { name: 'Add a note to Flags' })
  await editor.getByLabel('Front').fill('Which flag? ')
  // Paste a PNG file, as a screenshot tool would put it on the clipboard.
  await editor.getByLabel('Front').evaluate(
    (el, bytes) => {
      const data = new DataTransfer()
      data.items.add(new File([new Uint8Array(bytes)], 'red.png', { type: 'image/png' }))
      el.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      )
    },
    [...RED_PNG],
  )
  // (ProseMirror adds an empty separator image after an inline node; the field's image is the other.)
  const shown = editor.getByLabel('Front').locator('img:not(.ProseMirror-separator)')
  await expect(shown).toHaveAttribute('src', /^blob:/)
  await expect.poll(() => shown.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(2)
  await editor.getByLabel('Back').fill('Red')
  await page.keyboard.press('Control+Enter')
  await expect(editor.getByRole('status')).toHaveText('1 note added.')
  await page.keyboard.press('Escape')

  const media = await storedRows<MediaRow>(page, 'media')
  expect(media).toEqual([expect.objectContaining({ type: 'image/png', size: RED_PNG.length })])
  const name = media[0]?.name ?? ''
  expect(name).toMatch(/^pasted-[0-9a-f]{8}\.png$/)
  const note = (await storedRows<NoteRow>(page, 'notes')).find((n) => n.fields['Back'] === 'Red')
  expect(note?.fields['Front']).toContain(`<img src="${name}" alt="red.png">`)
  expect(note?.fields['Front']).not.toContain('data:')

  await page.getByRole('button', { name: 'Study Flags', exact: true }).click()
  const img = page.getByTestId('card-front').locator('img')
  await expect(img).toHaveAttribute('src', /^blob:/)
  await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBe(2)
})

test('editing an imported note keeps its image reference, and the editor shows the image', async ({
  app,
}) => {
  const { page } = app
  const dialog = await chooseImportFile(page, 'geography.apkg', await packageWithMediaAndHistory())
  await dialog.getByRole('button', { name: 'Import', exact: true }).click()
  await dialog.getByRole('button', { name: 'Close' }).click()
  await expect(deckRow(page, PACKAGE_DECK)).toBeVisible()

  await page.getByRole('button', { name: 'Browse' }).click()
  await page.getByRole('searchbox').fill('flag')
  await expect(page.getByTestId('browser-row')).toHaveCount(1)
  await page.getByRole('searchbox').press('ArrowDown')
  await page.keyboard.press('Enter')
  const edit = page.getByRole('dialog', { name: 'Edit note' })
  const shown = edit.getByLabel('Front').locator('img:not(.ProseMirror-separator)')
  await expect(shown).toHaveAttribute('src', /^blob:/)
  await edit.getByLabel('Back').fill('A red one, 2×2')
  await page.keyboard.press('Control+Enter')
  await expect(edit).toHaveCount(0)
  const note = (await storedRows<NoteRow>(page, 'notes')).find((n) => n.id === 'flag-note')
  expect(note?.fields['Back']).toBe('A red one, 2×2')
  expect(note?.fields['Front']).toContain(`src="${FLAG_IMAGE}"`)
})
