import AxeBuilder from '@axe-core/playwright'
import { expect, type Page } from '@playwright/test'
import { MECHANICS, answerShownCard, deckRow } from './mechanics'

const CHAPTER = 'Diplomatic Bluebook 2020 · Global Security'

/** Serious and critical WCAG 2.1 A/AA problems axe-core finds on the page as it is now. */
export async function axeViolations(page: Page) {
  const axe = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
  // axe's frame-by-frame mode opens a new page for every analysis to merge the frames' results
  // there; the app has no frames, so axe runs in the page itself, as it does for one frame.
  // Should a frame appear, the frame-by-frame mode comes back.
  if (page.frames().length === 1) axe.setLegacyMode()
  const result = await axe.analyze()
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

/** Chooses the theme in Settings and comes back to the deck list. */
export async function useTheme(page: Page, theme: 'light' | 'dark') {
  await page.getByRole('button', { name: 'Settings' }).click()
  await page.getByLabel('Theme').selectOption(theme)
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
  await page.getByRole('button', { name: 'Done' }).click()
  await expect(page.getByTestId('deck-problems')).toBeVisible()
}

/**
 * Walks every screen and dialog of the app from a fresh deck list, calling `check` with the
 * screen's name once it is fully shown. The desktop and phone specs both look at each screen
 * this way (axe-core, overflow, thumb-sized targets), so a new screen added here is checked by
 * both.
 */
export async function everyScreen(page: Page, check: (screen: string) => Promise<void>) {
  await page.getByRole('button', { name: 'Settings' }).click()
  await expect(page.getByLabel('Theme')).toBeVisible()
  await check('settings')
  await page.getByRole('button', { name: 'Done' }).click()
  await expect(page.getByTestId('deck-problems')).toBeVisible()
  await check('deck list')

  await page.getByRole('button', { name: 'New deck' }).click()
  await page.getByLabel('New deck name').fill('Mine')
  await check('new deck form')
  await page.getByRole('button', { name: 'Create' }).click()
  await page.getByRole('button', { name: 'Add a note to Mine' }).click()
  const editor = page.getByRole('dialog', { name: 'Add a note to Mine' })
  await editor.getByLabel('Note type').selectOption('cloze')
  await editor.getByLabel('Text').fill('No blank')
  await expect(editor.getByTestId('no-card')).toBeVisible()
  await check('note editor')
  await page.keyboard.press('Escape')
  await expect(editor).toHaveCount(0)

  await page.getByLabel(`More for ${CHAPTER}`).click()
  await check('deck menu')
  await page.getByRole('button', { name: 'Options' }).first().click()
  const options = page.getByRole('dialog', { name: `Options of ${CHAPTER}` })
  await expect(options.getByTestId('workload')).toBeVisible()
  await check('deck options')
  await page.keyboard.press('Escape')
  await expect(options).toHaveCount(0)

  await page.getByRole('button', { name: `Sections of ${CHAPTER}` }).click()
  await expect(page.getByTestId('section-row').first()).toBeVisible()
  await check('sections')
  await page.getByRole('button', { name: /^Study section F Illicit drugs/ }).click()
  await expect(page.getByTestId('typed-answer')).toBeFocused()
  await check('typed card')
  await page.keyboard.type('5 million')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('verdict')).toBeVisible()
  await check('answer and grades')
  await page.keyboard.press('i')
  await expect(page.getByRole('dialog', { name: 'Card info' })).toBeVisible()
  await check('card info')
  await page.keyboard.press('Escape')
  await expect(page.getByRole('dialog', { name: 'Card info' })).toHaveCount(0)
  await page.keyboard.press('Escape')
  await page.keyboard.press('Escape')

  await deckRow(page, MECHANICS)
    .getByRole('button', { name: `Study ${MECHANICS}` })
    .click()
  await expect(page.getByTestId('card-front')).toBeVisible()
  await check('card front')
  for (let left = 6; left > 0; left--) await answerShownCard(page, '4')
  await expect(page.getByRole('heading', { name: 'Session complete' })).toBeVisible()
  await check('session summary')
  await page.keyboard.press('Escape')

  await page.getByRole('button', { name: 'Mock exam' }).click()
  await expect(page.getByRole('button', { name: 'Start' })).toBeVisible()
  await check('mock exam setup')
  await page.getByRole('button', { name: 'Start' }).click()
  await expect(page.getByTestId('exam-prompt')).toBeVisible()
  await check('mock exam')
  await page.getByRole('button', { name: /← Decks/ }).click()
  const leave = page.getByRole('dialog', { name: 'Leave the exam?' })
  await expect(leave).toBeVisible()
  await check('leaving the exam')
  await leave.getByRole('button', { name: 'Leave' }).click()

  await page.getByRole('button', { name: 'Statistics' }).click()
  await expect(page.getByTestId('chart-Card states')).toBeVisible()
  await check('statistics')
  await page.keyboard.press('Escape')

  await page.getByLabel(`More for ${CHAPTER}`).click()
  await page.getByRole('button', { name: 'Key figures' }).first().click()
  await expect(page.getByTestId('figure-row').first()).toBeVisible()
  await check('key figures')
  await page.getByRole('button', { name: /← Decks/ }).click()

  await page.getByRole('button', { name: 'From a text' }).click()
  await page
    .getByLabel('Text', { exact: true })
    .fill('Seas\n\nThe Law of the Sea Convention (LOSC) entered into force in 1994.')
  await page.getByRole('button', { name: 'Propose cards' }).click()
  await expect(page.getByTestId('proposal')).toHaveCount(1)
  await check('cards from a text')
  await page.getByRole('button', { name: /← Decks/ }).click()

  await page.getByRole('button', { name: 'Browse' }).click()
  await expect(page.getByTestId('browser-row').first()).toBeVisible()
  await page.getByTestId('browser-row').first().click()
  await check('browser')
  await page.getByRole('button', { name: /← Decks/ }).click()

  await page.getByRole('button', { name: 'Import', exact: true }).click()
  await expect(page.getByRole('dialog', { name: 'Import' })).toBeVisible()
  await check('import')
  await page.keyboard.press('Escape')
  await page.getByRole('button', { name: 'Export', exact: true }).click()
  await expect(page.getByRole('dialog', { name: 'Export' })).toBeVisible()
  await check('export')
  await page.keyboard.press('Escape')
  await page.getByRole('button', { name: 'Settings' }).click()
  await expect(page.getByRole('heading', { name: 'Backups' })).toBeVisible()
  await check('settings with backups')
}
