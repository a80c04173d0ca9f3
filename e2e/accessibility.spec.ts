import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'

/** Serious and critical WCAG 2.1 A/AA problems axe-core finds on the page as it is now. */
async function violations(page: Page) {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze()
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

for (const theme of ['light', 'dark'] as const) {
  test(`every screen passes axe-core in the ${theme} theme`, async ({ app }) => {
    // Every screen in turn, each scanned: about 20 s on a quiet machine.
    test.setTimeout(90_000)
    const { page } = app
    await page.getByRole('button', { name: 'Settings' }).click()
    await page.getByLabel('Theme').selectOption(theme)
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
    expect(await violations(page), 'settings').toEqual([])
    await page.getByRole('button', { name: 'Done' }).click()
    await expect(page.getByTestId('deck-problems')).toBeVisible()
    expect(await violations(page), 'deck list').toEqual([])

    await page.getByRole('button', { name: 'New deck' }).click()
    await page.getByLabel('New deck name').fill('Mine')
    await page.getByRole('button', { name: 'Create' }).click()
    await page.getByRole('button', { name: 'Add a note to Mine' }).click()
    const editor = page.getByRole('dialog', { name: 'Add a note to Mine' })
    await editor.getByLabel('Note type').selectOption('cloze')
    await editor.getByLabel('Text').fill('No blank')
    await expect(editor.getByTestId('no-card')).toBeVisible()
    expect(await violations(page), 'note editor').toEqual([])
    await page.keyboard.press('Escape')
    await expect(editor).toHaveCount(0)

    await page.getByRole('button', { name: /^Sections of Diplomatic/ }).click()
    await expect(page.getByTestId('section-row').first()).toBeVisible()
    expect(await violations(page), 'sections').toEqual([])

    await page.getByRole('button', { name: /^Study section F Illicit drugs/ }).click()
    await expect(page.getByTestId('typed-answer')).toBeFocused()
    expect(await violations(page), 'typed card').toEqual([])
    await page.keyboard.type('5 million')
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('verdict')).toBeVisible()
    expect(await violations(page), 'answer and grades').toEqual([])
    await page.keyboard.press('Escape')
    await page.keyboard.press('Escape')

    await page.getByRole('button', { name: 'Mock exam' }).click()
    await page.getByRole('button', { name: 'Start' }).click()
    await expect(page.getByTestId('exam-prompt')).toBeVisible()
    expect(await violations(page), 'mock exam').toEqual([])
    await page.getByRole('button', { name: /← Decks/ }).click()

    await page.getByRole('button', { name: 'Statistics' }).click()
    await expect(page.getByTestId('chart-Card states')).toBeVisible()
    expect(await violations(page), 'statistics').toEqual([])
    await page.keyboard.press('Escape')

    const chapter = 'Diplomatic Bluebook 2020 · Global Security'
    await page.getByLabel(`More for ${chapter}`).click()
    await page.getByRole('button', { name: 'Key figures' }).first().click()
    await expect(page.getByTestId('figure-row').first()).toBeVisible()
    expect(await violations(page), 'key figures').toEqual([])
    await page.getByRole('button', { name: /← Decks/ }).click()

    await page.getByRole('button', { name: 'From a text' }).click()
    await page
      .getByLabel('Text', { exact: true })
      .fill('Seas\n\nThe Law of the Sea Convention (LOSC) entered into force in 1994.')
    await page.getByRole('button', { name: 'Propose cards' }).click()
    await expect(page.getByTestId('proposal')).toHaveCount(1)
    expect(await violations(page), 'cards from a text').toEqual([])
    await page.getByRole('button', { name: /← Decks/ }).click()

    await page.getByRole('button', { name: 'Import', exact: true }).click()
    await expect(page.getByRole('dialog', { name: 'Import' })).toBeVisible()
    expect(await violations(page), 'import').toEqual([])
    await page.keyboard.press('Escape')
    await page.getByRole('button', { name: 'Export', exact: true }).click()
    await expect(page.getByRole('dialog', { name: 'Export' })).toBeVisible()
    expect(await violations(page), 'export').toEqual([])
    await page.keyboard.press('Escape')
    await page.getByRole('button', { name: 'Settings' }).click()
    await expect(page.getByRole('heading', { name: 'Backups' })).toBeVisible()
    expect(await violations(page), 'settings with backups').toEqual([])
  })
}
