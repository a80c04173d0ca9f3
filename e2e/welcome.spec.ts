import { expect, test } from './fixtures'

test('a first start welcomes: the chapter deck, the keys, Anki import; dismissed, it stays gone', async ({
  app,
}) => {
  const { page } = app
  const welcome = page.getByRole('region', { name: 'Welcome to Attaché' })
  await expect(welcome).toBeVisible()
  await expect(welcome).toContainText('Diplomatic Bluebook 2020 · Global Security')
  const keys = welcome.getByRole('definition')
  await expect(keys).toContainText([
    'show the answer',
    'Again, Hard, Good, Easy',
    'undo the last answer',
  ])
  await expect(welcome).toContainText('exam date')

  await welcome.getByRole('button', { name: 'Import an Anki deck…' }).click()
  await expect(page.getByRole('dialog', { name: 'Import' })).toBeVisible()
  await page.keyboard.press('Escape')

  await welcome.getByRole('button', { name: 'Got it' }).click()
  await expect(welcome).toHaveCount(0)
  const reopened = await app.restart()
  await expect(reopened.getByRole('button', { name: /^Study Diplomatic/ })).toBeVisible()
  await expect(reopened.getByTestId('welcome')).toHaveCount(0)
  // Settings bring it back.
  await reopened.getByRole('button', { name: 'Settings' }).click()
  await reopened.getByRole('button', { name: 'Show the welcome again' }).click()
  await expect(reopened.getByRole('button', { name: 'Show the welcome again' })).toBeDisabled()
  await reopened.getByRole('button', { name: 'Done' }).click()
  await expect(reopened.getByRole('region', { name: 'Welcome to Attaché' })).toBeVisible()
})
