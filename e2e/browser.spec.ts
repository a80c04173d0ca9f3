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
  await expect(page.getByText('2 suspended.')).toBeVisible()
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
