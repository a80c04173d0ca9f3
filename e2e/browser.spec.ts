import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { deckRow } from './mechanics'

async function deckWithNotes(page: Page) {
  await page.getByRole('button', { name: 'New deck' }).click()
  await page.getByLabel('New deck name').fill('Exam::Law')
  await page.getByRole('button', { name: 'Create' }).click()
  await deckRow(page, 'Exam::Law')
    .getByRole('button', { name: /^Add a note to/ })
    .click()
  const editor = page.getByRole('dialog')
  const notes: [string, string, string][] = [
    ['When was UNCLOS signed?', '1982', 'un treaty'],
    ['Where does ITLOS sit?', 'Hamburg', 'un'],
    ['<img src=x onerror="window.__pwned=1"> payload', 'inert', 'xss'],
  ]
  for (const [i, [front, back, tags]] of notes.entries()) {
    await editor.getByLabel('Front').fill(front)
    await editor.getByLabel('Back').fill(back)
    await editor.getByLabel(/^Tags/).fill(tags)
    await page.keyboard.press('Control+Enter')
    await expect(editor.getByRole('status')).toHaveText(`${i + 1} ${i ? 'notes' : 'note'} added.`)
  }
  await page.keyboard.press('Escape')
}

test('the browser finds cards three ways, bulk-suspends, flags, trashes and restores', async ({
  app,
}) => {
  const { page } = app
  await deckWithNotes(page)
  await page.keyboard.press('b')
  const search = page.getByRole('searchbox')
  const rows = page.getByTestId('browser-row')
  await search.fill('deck:Exam')
  await expect(rows).toHaveCount(3)
  await search.fill('tag:un -itlos')
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toContainText('UNCLOS')
  await search.fill('"does itlos"')
  await expect(rows).toHaveCount(1)
  // A search that cannot be read says where.
  await search.fill('deck:"Exam')
  await expect(page.getByRole('status').first()).toHaveText(
    'a quote is not closed (at character 6)',
  )
  // The payload is inert: the table shows field text without markup, and nothing ran.
  await search.fill('tag:xss')
  await expect(rows.first()).toContainText('payload')
  await expect(rows.first().locator('img')).toHaveCount(0)
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined()

  // Select two with the mouse (Ctrl for the second) and suspend them.
  await search.fill('tag:un')
  await expect(rows).toHaveCount(2)
  await rows.nth(0).click()
  await rows.nth(1).click({ modifiers: ['Control'] })
  await expect(page.getByRole('status').first()).toContainText('2 selected')
  await page.getByRole('button', { name: 'Suspend', exact: true }).click()
  await expect(page.getByText('2 cards suspended.')).toBeVisible()
  await search.fill('is:suspended')
  await expect(rows).toHaveCount(2)
  // Flag one with the keyboard-reachable picker.
  await rows.nth(0).click()
  await page.getByLabel('Flag').selectOption('1')
  await expect(rows.nth(0)).toHaveAttribute('data-flag', '1')

  // Trash the other note, then restore it from the deck list.
  await rows.nth(1).click()
  await page.getByRole('button', { name: 'Move notes to trash' }).click()
  await expect(rows).toHaveCount(1)
  await page.keyboard.press('Escape')
  const counts = deckRow(page, 'Exam::Law').locator('.deck-counts')
  // Two suspended, one of them trashed: one card to study, and the deck still holds the
  // suspended one (suspended cards are the deck's; trashed ones are not).
  await expect(counts).toHaveAttribute('aria-label', /^1 new, .* 2 cards/)
  await page
    .getByRole('region', { name: 'Trash' })
    .getByRole('button', { name: /^Restore note/ })
    .click()
  await expect(counts).toHaveAttribute('aria-label', /^1 new, .* 3 cards/)
  await expect(page.getByRole('region', { name: 'Trash' })).toHaveCount(0)
  await page.getByRole('button', { name: 'Browse' }).click()
  await page.getByRole('searchbox').fill('is:suspended')
  await expect(page.getByTestId('browser-row')).toHaveCount(2)
  await page.keyboard.press('Escape')

  // After a restart everything is as it was: two suspended, one flagged.
  const reopened = await app.restart()
  await reopened.getByRole('button', { name: 'Browse' }).click()
  await reopened.getByRole('searchbox').fill('is:suspended')
  await expect(reopened.getByTestId('browser-row')).toHaveCount(2)
  await reopened.getByRole('searchbox').fill('flag:1')
  await expect(reopened.getByTestId('browser-row')).toHaveCount(1)
})

test('the browser is driven by the keyboard: arrows, Shift, Ctrl+A, Enter to edit', async ({
  app,
}) => {
  const { page } = app
  await deckWithNotes(page)
  await page.getByRole('button', { name: 'Browse' }).click()
  const search = page.getByRole('searchbox')
  await search.fill('deck:Exam')
  const rows = page.getByTestId('browser-row')
  await expect(rows).toHaveCount(3)
  await search.press('ArrowDown')
  await expect(rows.nth(0)).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('Shift+ArrowDown')
  await expect(page.getByRole('status').first()).toContainText('2 selected')
  await page.keyboard.press('Control+a')
  await expect(page.getByRole('status').first()).toContainText('3 selected')
  await page.keyboard.press('ArrowUp')
  await page.keyboard.press('Enter')
  const edit = page.getByRole('dialog', { name: 'Edit note' })
  await expect(edit).toBeVisible()
  await edit.getByLabel('Back').fill('Hamburg, Germany')
  await page.keyboard.press('Control+Enter')
  await expect(edit).toHaveCount(0)
  await search.fill('deck:Exam germany')
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toContainText('UNCLOS')
})

test('the browser tags, moves, resets and shows a card’s info', async ({ app }) => {
  const { page } = app
  await deckWithNotes(page)
  await page.getByRole('button', { name: 'New deck' }).click()
  await page.getByLabel('New deck name').fill('Cyber')
  await page.getByRole('button', { name: 'Create' }).click()
  await expect(deckRow(page, 'Cyber')).toBeVisible()
  await page.getByRole('button', { name: 'Browse' }).click()
  const search = page.getByRole('searchbox')
  const rows = page.getByTestId('browser-row')
  await search.fill('deck:Exam unclos')
  await expect(rows).toHaveCount(1)
  await rows.first().click()
  await page.getByLabel('Tags to add or remove').fill('law sea')
  await page.getByRole('button', { name: 'Add tags' }).click()
  await expect(page.getByText('1 note tagged.')).toBeVisible()
  await page.getByLabel('Move to').selectOption({ label: 'Cyber' })
  await expect(page.getByText('1 note moved.')).toBeVisible()
  await search.fill('deck:Cyber tag:sea')
  await expect(rows).toHaveCount(1)
  await rows.first().click()
  await page.getByRole('button', { name: 'Info', exact: true }).click()
  const info = page.getByRole('dialog', { name: 'Card info' })
  await expect(info.locator('dd').first()).toHaveText('Cyber')
  await page.keyboard.press('Escape')
  await expect(info).toHaveCount(0)
  // Still in the browser: the dialog had the Esc.
  await expect(search).toBeVisible()
  await page.getByRole('button', { name: 'Reset to new' }).click()
  await expect(page.getByText('1 reset to new.')).toBeVisible()
})

test('the sidebar makes searches; cards or notes; a card column; marked rows', async ({ app }) => {
  const { page } = app
  await deckWithNotes(page)
  await page.getByRole('button', { name: 'Browse' }).click()
  const search = page.getByRole('searchbox')
  const rows = page.getByTestId('browser-row')
  const sidebar = page.getByRole('navigation', { name: 'Searches' })
  await sidebar.getByRole('button', { name: 'Law', exact: true }).click()
  await expect(search).toHaveValue('deck:Exam::Law')
  await expect(rows).toHaveCount(3)
  await expect(rows.first().getByRole('gridcell').nth(1)).toHaveText('Card 1')

  // Suspended and flagged rows are marked; the sidebar's states and flags find them.
  await rows.first().click()
  await page.getByRole('button', { name: 'Suspend', exact: true }).click()
  await expect(rows.first()).toHaveClass(/\bsuspended\b/)
  await rows.nth(1).click()
  await page.getByRole('group', { name: 'Selected cards' }).getByLabel('Flag').selectOption('4')
  await expect(rows.nth(1)).toHaveAttribute('data-flag', '4')
  await sidebar.getByRole('button', { name: 'Suspended' }).click()
  await expect(search).toHaveValue('is:suspended')
  await expect(rows).toHaveCount(1)
  // Ctrl+click adds to the search instead of replacing it.
  await sidebar.getByRole('button', { name: 'All cards' }).click()
  await sidebar.getByRole('button', { name: 'Law', exact: true }).click()
  await sidebar.getByRole('button', { name: 'Blue', exact: true }).click({ modifiers: ['Control'] })
  await expect(search).toHaveValue('deck:Exam::Law flag:4')
  await expect(rows).toHaveCount(1)

  // Notes: one row a note. The chapter's first note makes more than one card.
  await sidebar.getByRole('button', { name: 'All cards' }).click()
  const status = page.getByRole('status').first()
  await expect(status).toHaveText(/^\d+ cards$/)
  const cards = Number((await status.textContent())?.split(' ')[0])
  await page.getByRole('button', { name: 'Notes', exact: true }).click()
  await expect(status).toHaveText(new RegExp(`^${cards} cards of \\d+ notes$`))
  const notes = Number(/of (\d+) notes/.exec((await status.textContent()) ?? '')?.[1])
  expect(notes).toBeLessThan(cards)
  await expect(page.getByRole('columnheader', { name: 'Note type' })).toBeVisible()
})

test('the chosen note’s editor sits beside the table and saves when the user moves on', async ({
  app,
}) => {
  const { page } = app
  await deckWithNotes(page)
  await page.getByRole('button', { name: 'Browse' }).click()
  const search = page.getByRole('searchbox')
  const rows = page.getByTestId('browser-row')
  await search.fill('deck:Exam')
  await expect(rows).toHaveCount(3)
  // Tab out of the table with nothing chosen: back to the search, never the page's body.
  await search.press('ArrowDown')
  await page.keyboard.press('Control+a')
  await page.keyboard.press('Tab')
  await expect(search).toBeFocused()

  await rows.nth(1).click()
  const side = page.getByRole('region', { name: 'Edit note' })
  await expect(side.getByRole('textbox', { name: 'Back', exact: true })).toHaveText('Hamburg')
  await expect(page.getByRole('dialog')).toHaveCount(0)
  // From the table, Tab goes into the editor.
  await page.getByRole('rowgroup', { name: 'Cards found' }).focus()
  await page.keyboard.press('Tab')
  await expect(side.getByRole('textbox', { name: 'Front', exact: true })).toBeFocused()
  await side.getByRole('textbox', { name: 'Back', exact: true }).fill('Hamburg, Germany')
  // Another row chosen: the change is saved, as Anki's browser saves.
  await rows.nth(0).click()
  await expect(side.getByRole('textbox', { name: 'Back', exact: true })).toHaveText('1982')
  await search.fill('deck:Exam germany')
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toContainText('ITLOS')

  // Shift-click chooses rows without selecting their text.
  await search.fill('deck:Exam')
  await expect(rows).toHaveCount(3)
  await rows.nth(0).click()
  await rows.nth(2).click({ modifiers: ['Shift'] })
  await expect(page.getByRole('status').first()).toContainText('3 selected')
  expect(await page.evaluate(() => window.getSelection()?.toString() ?? '')).toBe('')
})

test('the count is never the last search’s, and column widths are remembered', async ({ app }) => {
  const { page } = app
  await deckWithNotes(page)
  await page.getByRole('button', { name: 'Browse' }).click()
  const status = page.getByRole('status').first()
  await expect(status).toHaveText(/^\d{3,} cards$/)
  const before = (await status.textContent()) ?? ''
  // Every text the status shows from the moment the new search is typed.
  await status.evaluate((el) => {
    const seen: string[] = []
    ;(window as unknown as { seen: string[] }).seen = seen
    new MutationObserver(() => seen.push(el.textContent ?? '')).observe(el, {
      childList: true,
      characterData: true,
      subtree: true,
    })
  })
  await page.getByRole('searchbox').fill('deck:Exam')
  await expect(status).toHaveText('3 cards')
  const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen)
  expect(seen.length).toBeGreaterThan(0)
  expect(seen).not.toContain(before)
  for (const text of seen) expect(['Searching…', '3 cards']).toContain(text)

  const deckWidth = page.getByRole('separator', { name: 'Width of Deck' })
  const width = Number(await deckWidth.getAttribute('aria-valuenow'))
  await deckWidth.focus()
  await page.keyboard.press('ArrowRight')
  await page.keyboard.press('ArrowRight')
  await expect(deckWidth).toHaveAttribute('aria-valuenow', String(width + 32))
  const header = page.getByRole('columnheader', { name: /^Deck/ })
  const shown = (await header.boundingBox())?.width ?? 0
  expect(Math.round(shown)).toBe(width + 32)
  const again = await app.restart()
  await again.getByRole('button', { name: 'Browse' }).click()
  await expect(again.getByRole('separator', { name: 'Width of Deck' })).toHaveAttribute(
    'aria-valuenow',
    String(width + 32),
  )
})

test('Ctrl+Z in the browser takes back the last change, whatever it was', async ({ app }) => {
  const { page } = app
  await deckWithNotes(page)
  await page.getByRole('button', { name: 'Browse' }).click()
  const search = page.getByRole('searchbox')
  const rows = page.getByTestId('browser-row')
  await search.fill('deck:Exam')
  await expect(rows).toHaveCount(3)
  const table = page.getByRole('rowgroup', { name: 'Cards found' })

  // A note's edit, saved from the editor beside the table.
  await rows.nth(1).click()
  const side = page.getByRole('region', { name: 'Edit note' })
  await side.getByRole('textbox', { name: 'Back', exact: true }).fill('Bonn')
  await page.keyboard.press('Control+Enter')
  await expect(side.getByRole('status')).toHaveText('Saved.')
  // A bulk suspend after it.
  await table.focus()
  await page.keyboard.press('Control+a')
  await page.getByRole('button', { name: 'Suspend', exact: true }).click()
  await expect(rows.nth(0)).toHaveClass(/\bsuspended\b/)

  // The first Ctrl+Z takes back the suspend, all three cards; the second, the edit.
  await table.focus()
  await page.keyboard.press('Control+z')
  await expect(page.getByText('Undone: 3 cards suspended.')).toBeVisible()
  for (const row of await rows.all()) await expect(row).not.toHaveClass(/\bsuspended\b/)
  await page.keyboard.press('Control+z')
  await expect(page.getByText('Undone: the note’s edit.')).toBeVisible()
  await search.fill('deck:Exam hamburg')
  await expect(rows).toHaveCount(1)

  // A trash comes back with Ctrl+Z too, its notes and cards as they were.
  await search.fill('deck:Exam')
  await expect(rows).toHaveCount(3)
  await rows.nth(0).click()
  await page.getByRole('button', { name: 'Move notes to trash' }).click()
  await expect(rows).toHaveCount(2)
  await table.focus()
  await page.keyboard.press('Control+z')
  await expect(rows).toHaveCount(3)
  await page.keyboard.press('Control+z')
  await expect(page.getByText('Nothing to undo.')).toBeVisible()
})
