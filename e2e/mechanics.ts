import { expect, type Page } from '@playwright/test'

/** The small fixture deck the mechanics tests study (e2e/fixtures/decks/mechanics). */
export const MECHANICS = 'Mechanics fixture'

/** The deck list row of a deck, by its full name (the row shows the last part of a nested name). */
export const deckRow = (page: Page, name: string) =>
  page
    .locator('li.deck-row')
    .filter({ has: page.getByRole('button', { name: `Study ${name}`, exact: true }) })

/** Sets the daily new-card limit in Settings and comes back to the deck list. */
export async function setNewPerDay(page: Page, n: number) {
  await page.getByRole('button', { name: 'Settings' }).click()
  await page.getByLabel('New cards per day').fill(String(n))
  await page.getByRole('button', { name: 'Done' }).click()
  await expect(deckRow(page, MECHANICS).locator('.deck-counts')).toHaveAttribute(
    'aria-label',
    new RegExp(`^${Math.min(n, 6)} new,`),
  )
}

/** Shows the answer of the card on screen: Space, or (a type-in card) a figure and Enter. */
export async function revealShownCard(page: Page) {
  const card = page.locator('article.card')
  if ((await card.getAttribute('data-answer-mode')) === 'type') {
    await page.getByTestId('typed-answer').fill('400')
    await page.keyboard.press('Enter')
  } else await page.keyboard.press('Space')
  await expect(page.getByTestId('card-back')).toBeVisible()
}

/** Reveals the card shown (Space, or a typed answer and Enter) and grades it with `key`. */
export async function answerShownCard(page: Page, key: '1' | '2' | '3' | '4') {
  await expect(page.getByTestId('card-back')).toHaveCount(0)
  await revealShownCard(page)
  const before = await page.getByTestId('progress').textContent()
  await page.keyboard.press(key)
  await expect(page.getByTestId('progress')).not.toHaveText(before ?? '')
  // The next card is on screen, its back not yet shown (or the session is over): what the
  // caller reads now is that card, never the one just answered.
  await expect(page.getByTestId('card-back')).toHaveCount(0)
}

/**
 * Makes a deck and adds notes of one type to it through the Add dialog, as a user would; each
 * note is its fields by name.
 */
export async function deckOfNotes(
  page: Page,
  name: string,
  typeId: string,
  notes: readonly Record<string, string>[],
) {
  await page.getByRole('button', { name: 'New deck' }).click()
  await page.getByLabel('New deck name').fill(name)
  await page.getByRole('button', { name: 'Create' }).click()
  await deckRow(page, name)
    .getByRole('button', { name: `Add a note to ${name}` })
    .click()
  const editor = page.getByRole('dialog', { name: `Add a note to ${name}` })
  await editor.getByLabel('Note type').selectOption(typeId)
  for (const [i, fields] of notes.entries()) {
    for (const [field, value] of Object.entries(fields))
      await editor.getByRole('textbox', { name: field, exact: true }).fill(value)
    await page.keyboard.press('Control+Enter')
    await expect(editor.getByRole('status')).toHaveText(`${i + 1} ${i ? 'notes' : 'note'} added.`)
  }
  await page.keyboard.press('Escape')
  await expect(editor).toHaveCount(0)
}
