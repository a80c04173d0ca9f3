import { expect, test } from './fixtures'

test('the theme can be set to dark or light and is kept after a restart', async ({ app }) => {
  let page = app.page
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor)
  await page.getByRole('button', { name: 'Settings' }).click()
  const theme = page.getByLabel('Theme')
  await theme.selectOption('dark')
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  const dark = await background()
  await theme.selectOption('light')
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light')
  expect(await background()).not.toBe(dark)
  await theme.selectOption('dark')
  // The theme is applied from the stored settings (a live query), so once it shows, it is saved.
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  page = await app.restart()
  // The restarted app reads its settings before it themes the page: on a loaded machine
  // (the durability spec beside it starts and kills browsers) that has taken over 5 s.
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark', { timeout: 20_000 })
  expect(await background()).toBe(dark)
})

test('the study day rollover hour and daily new-card limit are saved and applied', async ({
  app,
}) => {
  let page = app.page
  await page.getByRole('button', { name: 'Settings' }).click()
  await page.getByLabel('Next day starts at (hour)').fill('6')
  await page.getByLabel('New cards per day').fill('')
  await expect(
    page.getByText('Enter a whole number from 0 to 9999; 20 is kept until then.'),
  ).toBeVisible()
  await page.getByLabel('New cards per day').fill('5')
  await page.getByRole('button', { name: 'Done' }).click()
  const row = page.locator('li.deck-row', { hasText: 'Global Security' })
  await expect(row.locator('.deck-counts')).toHaveAttribute('aria-label', /^5 new,/)
  page = await app.restart()
  await page.getByRole('button', { name: 'Settings' }).click()
  await expect(page.getByLabel('Next day starts at (hour)')).toHaveValue('6')
  await expect(page.getByLabel('New cards per day')).toHaveValue('5')
})

test('a setting the storage refuses to save is named on screen, and the old value kept', async ({
  app,
}) => {
  const { page } = app
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.getByRole('button', { name: 'Settings' }).click()
  // The disk fills up: every write to the settings store fails.
  await page.evaluate(() => {
    const put = IDBObjectStore.prototype.put
    Object.assign(window, { restorePut: () => (IDBObjectStore.prototype.put = put) })
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args) {
      if (this.name === 'settings')
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
      return put.apply(this, args)
    }
  })
  await page.getByLabel('Theme').selectOption('dark')
  await expect(page.getByTestId('settings-error')).toHaveText(
    /Could not save the setting; the previous value is kept\. The disk is full/,
  )
  await expect(page.getByLabel('Theme')).toHaveValue('system')
  // Once space is free again, the same change saves.
  await page.evaluate(() => (window as unknown as { restorePut: () => void }).restorePut())
  await page.getByLabel('Theme').selectOption('dark')
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await expect(page.getByTestId('settings-error')).toHaveCount(0)
  expect(errors).toEqual([])
})

test('Settings says whether the browser keeps the data, and how much of its room it uses', async ({
  app,
}) => {
  const { page } = app
  await page.getByRole('button', { name: 'Settings' }).click()
  const section = page.getByRole('region', { name: 'Storage on this device' })
  // What the browser itself says, read beside the screen.
  const told = () =>
    page.evaluate(async () => ({
      persisted: await navigator.storage.persisted(),
      ...(await navigator.storage.estimate()),
    }))
  const before = await told()
  await expect(section.getByTestId('storage-kept')).toHaveText(
    before.persisted ? /^Kept: / : /^Not protected: .*A backup \(above\)/,
  )
  // The collection is in IndexedDB: something is used, and the quota is said with a unit.
  expect(before.usage ?? 0).toBeGreaterThan(0)
  await expect(section.getByTestId('storage-usage')).toHaveText(
    /^Uses \d[\d.,]* (kB|KB|MB|GB) \(study data, media and backups kept here\) of the \d[\d.,]* (MB|GB) this browser allows it\.$/,
  )
  if (!before.persisted) {
    await section.getByRole('button', { name: 'Ask the browser to keep it' }).click()
    const after = await told()
    // The answer shown is the browser's answer.
    await expect(section.getByRole('status')).toHaveText(
      after.persisted ? 'The browser will keep Attaché’s data.' : /^The browser said no\./,
    )
    await expect(section.getByTestId('storage-kept')).toHaveText(
      after.persisted ? /^Kept: / : /^Not protected: /,
    )
  }
})
