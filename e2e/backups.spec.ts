import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { chooseImportFile } from './importing'
import { MECHANICS, answerShownCard, deckRow } from './mechanics'

// Automatic backups under Playwright's fake clock: half an hour passes as it would for a user.
test.use({ clockAt: '2026-03-02T10:00:00' })

const backupRows = (page: Page) =>
  page.getByRole('table', { name: 'Backups, newest first' }).locator('tbody tr')

test('a changed collection is backed up every 30 minutes, listed with its counts, and restored after a confirmation', async ({
  app,
}) => {
  const { page } = app
  await page.getByRole('button', { name: `Study ${MECHANICS}` }).click()
  await answerShownCard(page, '3')
  await page.keyboard.press('Escape')
  await page.getByRole('button', { name: 'Settings' }).click()
  await expect(page.getByText('No backups yet.')).toBeVisible()
  await page.getByRole('button', { name: 'Done' }).click()

  await page.clock.fastForward('31:00')
  await page.getByRole('button', { name: 'Settings' }).click()
  await expect(backupRows(page)).toHaveCount(1)
  const row = backupRows(page).first()
  await expect(row.locator('td').nth(3)).toHaveText('1')
  await page.getByRole('button', { name: 'Done' }).click()

  // A deck made after the backup is gone once the backup is restored.
  await page.getByRole('button', { name: 'New deck' }).click()
  await page.getByLabel('New deck name').fill('Made later')
  await page.getByRole('button', { name: 'Create' }).click()
  await expect(deckRow(page, 'Made later')).toBeVisible()
  await page.getByRole('button', { name: 'Settings' }).click()
  await backupRows(page).first().getByRole('button', { name: 'Restore…' }).click()
  const confirm = page.getByRole('dialog', { name: 'Restore a backup' })
  await expect(confirm).toContainText('is replaced by this backup')
  await expect(confirm).toContainText('1 review logs')
  // The restore is read and written by the import worker, with a progress bar meanwhile.
  await page.evaluate(() => {
    new MutationObserver(() => {
      if (document.querySelector('progress[aria-label="Restore progress"]'))
        (window as unknown as { sawRestoreProgress: boolean }).sawRestoreProgress = true
    }).observe(document.body, { subtree: true, childList: true })
  })
  await confirm.getByRole('button', { name: 'Replace the collection' }).click()
  await expect(page.getByRole('status')).toHaveText(/^The collection is now the backup of /)
  expect(await page.evaluate(() => 'sawRestoreProgress' in window)).toBe(true)
  await expect(page.getByRole('progressbar', { name: 'Restore progress' })).toHaveCount(0)
  // The collection as it was just before the restore was backed up first.
  await expect(backupRows(page)).toHaveCount(2)
  await page.getByRole('button', { name: 'Done' }).click()
  await expect(deckRow(page, 'Made later')).toHaveCount(0)
  await expect(deckRow(page, MECHANICS)).toBeVisible()
})

test('nothing changed, nothing backed up; an import writes a backup first', async ({ app }) => {
  const { page } = app
  // Backups start once the app has started (the deck list is shown).
  await expect(deckRow(page, MECHANICS)).toBeVisible()
  await page.clock.fastForward('31:00')
  await page.getByRole('button', { name: 'Settings' }).click()
  // Start-up itself wrote the built-in decks, so the first half hour backs them up once…
  await expect(backupRows(page)).toHaveCount(1)
  await page.getByRole('button', { name: 'Done' }).click()
  await page.clock.fastForward('31:00')
  await page.getByRole('button', { name: 'Settings' }).click()
  // …and a quiet half hour adds none.
  await expect(backupRows(page)).toHaveCount(1)
  await page.getByRole('button', { name: 'Done' }).click()

  const dialog = await chooseImportFile(
    page,
    'two.csv',
    Buffer.from('alpha,one\nbeta,two\n'),
    'text/csv',
  )
  await dialog.getByRole('button', { name: 'Import', exact: true }).click()
  await expect(dialog.getByRole('status')).toContainText('Imported two.csv: 2 notes')
  await dialog.getByRole('button', { name: 'Close' }).click()
  await page.getByRole('button', { name: 'Settings' }).click()
  await expect(backupRows(page)).toHaveCount(2)
})
