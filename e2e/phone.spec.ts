import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { MECHANICS, deckRow } from './mechanics'
import { axeViolations, everyScreen, useTheme } from './screens'

/** The two phone sizes the app is laid out for: a small Android phone and a common iPhone. */
const PHONES = [
  { width: 360, height: 740 },
  { width: 390, height: 844 },
]

/** Boxes that scroll sideways: the page itself, or an open dialog. */
function sidewaysScroll(page: Page) {
  return page.evaluate(() =>
    [document.documentElement, ...document.querySelectorAll('dialog[open]')]
      .filter((box) => box.scrollWidth > box.clientWidth)
      .map((box) => `${box.tagName} ${box.scrollWidth} > ${box.clientWidth}`),
  )
}

/** Controls a finger is meant to hit that are smaller than 44×44 CSS px (WCAG 2.5.5). */
function smallTargets(page: Page) {
  return page.evaluate(() =>
    [
      ...document.querySelectorAll(
        'button, select, summary, a[href], input:not([type="checkbox"], [type="radio"], [type="hidden"], [type="range"])',
      ),
    ]
      .filter((el) => {
        const box = el.getBoundingClientRect()
        const shown =
          box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden'
        return shown && (box.width < 44 || box.height < 44)
      })
      .map((el) => {
        const box = el.getBoundingClientRect()
        const name = el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 30) ?? ''
        return `${el.tagName.toLowerCase()} "${name}" ${Math.round(box.width)}×${Math.round(box.height)}`
      }),
  )
}

for (const size of PHONES) {
  test.describe(`on a ${size.width}×${size.height} touch screen`, () => {
    test.use({ viewport: size, hasTouch: true, isMobile: true })

    for (const theme of ['light', 'dark'] as const) {
      test(`every screen fits the width, takes a thumb and passes axe (${theme} theme)`, async ({
        app,
      }) => {
        test.setTimeout(120_000)
        const { page } = app
        expect(await page.evaluate(() => matchMedia('(pointer: coarse)').matches)).toBe(true)
        await useTheme(page, theme)
        await everyScreen(page, async (screen) => {
          expect(await sidewaysScroll(page), `${screen}: scrolls sideways`).toEqual([])
          expect(await smallTargets(page), `${screen}: targets under 44×44`).toEqual([])
          expect(await axeViolations(page), `${screen}: axe`).toEqual([])
        })
      })
    }

    test('the study controls sit at the bottom within thumb reach, and a tap reveals', async ({
      app,
    }) => {
      const { page } = app
      await deckRow(page, MECHANICS)
        .getByRole('button', { name: `Study ${MECHANICS}` })
        .click()
      await expect(page.getByTestId('card-front')).toBeVisible()
      const thumbZone = size.height * 0.75
      const inThumbReach = async (name: RegExp) => {
        const box = await page.getByRole('button', { name }).boundingBox()
        expect(box, String(name)).not.toBeNull()
        if (!box) return
        expect(box.width, `${name} width`).toBeGreaterThanOrEqual(44)
        expect(box.height, `${name} height`).toBeGreaterThanOrEqual(44)
        expect(box.y, `${name} top`).toBeGreaterThanOrEqual(thumbZone)
        expect(box.y + box.height, `${name} bottom`).toBeLessThanOrEqual(size.height)
      }
      await inThumbReach(/^Show answer/)

      // A tap on the question shows the answer, as AnkiDroid's does.
      await page.locator('article.card').tap()
      await expect(page.getByTestId('card-back')).toBeVisible()
      for (const grade of ['Again', 'Hard', 'Good', 'Easy'])
        await inThumbReach(new RegExp(`^${grade}, next in`))
      // The pinned bar never hides the end of the answer: the page scrolls it clear.
      await page.mouse.wheel(0, 10_000)
      const back = await page.getByTestId('card-back').boundingBox()
      const bar = await page.locator('.answer-bar').boundingBox()
      expect((back?.y ?? 0) + (back?.height ?? 0)).toBeLessThanOrEqual(bar?.y ?? 0)

      await page.getByRole('button', { name: /^Good, next in/ }).tap()
      await expect(page.getByTestId('progress')).toContainText('1 reviewed')
      await expect(page.getByTestId('card-back')).toHaveCount(0)
    })

    test('a first start shows the welcome at the top; the focused Study button did not scroll it away', async ({
      app,
    }) => {
      const { page } = app
      await expect(page.getByRole('button', { name: /^Study Diplomatic/ })).toBeFocused()
      expect(await page.evaluate(() => window.scrollY)).toBe(0)
      await expect(page.getByRole('heading', { name: 'Welcome to Attaché' })).toBeInViewport()
    })

    test('the on-screen keyboard does not cover the typed answer', async ({ app }) => {
      const { page } = app
      // Chrome on Android then shrinks the page above the keyboard instead of covering it.
      await expect(page.locator('meta[name="viewport"]')).toHaveAttribute(
        'content',
        /interactive-widget=resizes-content/,
      )
      const chapter = 'Diplomatic Bluebook 2020 · Global Security'
      await page.getByRole('button', { name: `Sections of ${chapter}` }).click()
      await page.getByRole('button', { name: /^Study section F Illicit drugs/ }).click()
      const field = page.getByTestId('typed-answer')
      await expect(field).toBeFocused()
      // The keyboard opens: what is left of the screen is a strip at its top.
      await page.setViewportSize({ width: size.width, height: 220 })
      await expect(field).toBeInViewport({ ratio: 1 })
      await page.keyboard.type('5 million')
      await page.keyboard.press('Enter')
      await expect(page.getByTestId('verdict')).toBeVisible()
    })
  })
}
