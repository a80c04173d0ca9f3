import type { Page } from '@playwright/test'

/** Opens Import and chooses a file, as a user picks one; returns the dialog. */
export async function chooseImportFile(
  page: Page,
  name: string,
  buffer: Buffer,
  mimeType = 'application/octet-stream',
) {
  await page.getByRole('button', { name: 'Import', exact: true }).click()
  const dialog = page.getByRole('dialog', { name: 'Import' })
  await dialog.getByLabel('File to import').setInputFiles({ name, mimeType, buffer })
  return dialog
}
