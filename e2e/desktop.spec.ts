import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { MECHANICS, deckRow } from './mechanics'
import { axeViolations, everyScreen, useTheme } from './screens'

/** The desktop sizes the app is looked at on: a common laptop and a larger screen. */
const DESKTOPS = [
  { width: 1280, height: 800 },
  { width: 1440, height: 900 },
]

/**
 * Content that does not fit its box, as the eye sees it: a box whose content spills past its
 * edge (its overflow is visible, so nothing scrolls or clips it), a page or dialog that scrolls
 * sideways, and text cut with an ellipsis that does not carry its whole text in a tooltip.
 */
function overflows(page: Page) {
  return page.evaluate(() => {
    const describe = (el: Element) => {
      const id = el.getAttribute('aria-label') ?? el.getAttribute('data-testid') ?? ''
      const cls = typeof el.className === 'string' ? el.className.split(/\s+/)[0] : ''
      const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40)
      return `${el.tagName.toLowerCase()}${cls ? `.${cls}` : ''}${id ? ` [${id}]` : ''} “${text}”`
    }
    const found: string[] = []
    for (const box of [document.documentElement, ...document.querySelectorAll('dialog[open]')])
      if (box.scrollWidth > box.clientWidth)
        found.push(`${describe(box)} scrolls sideways: ${box.scrollWidth} > ${box.clientWidth}`)
    for (const el of document.querySelectorAll('body *')) {
      if (!(el instanceof HTMLElement) || el.clientWidth === 0) continue
      if (el.closest('[hidden], canvas, svg')) continue
      const style = getComputedStyle(el)
      if (style.display === 'inline' || style.visibility === 'hidden') continue
      const spill = el.scrollWidth - el.clientWidth
      // A picker always clips the option it shows (Chromium 150 reports that option's width as
      // its scroll width), so a cut one must carry the whole text in a tooltip.
      if (el instanceof HTMLSelectElement) {
        if (spill > 1 && !el.title)
          found.push(`${describe(el)} is cut without its whole text in a tooltip`)
        continue
      }
      if (style.overflowX === 'visible' && spill > 1 && el.tagName !== 'HTML')
        found.push(`${describe(el)} spills ${spill} px past its box`)
      else if (style.textOverflow === 'ellipsis' && spill > 0 && !el.title)
        found.push(`${describe(el)} is cut without its whole text in a tooltip`)
    }
    return [...new Set(found)]
  })
}

for (const size of DESKTOPS) {
  // axe-core at the first size only: what it checks does not change with a wider window.
  const withAxe = size === DESKTOPS[0]
  test.describe(`in a ${size.width}×${size.height} window`, () => {
    test.use({ viewport: size })

    for (const theme of ['light', 'dark'] as const) {
      test(`${withAxe ? 'every screen passes axe-core, and no' : 'no'} screen's content overflows its container (${theme} theme)`, async ({
        app,
      }, testInfo) => {
        // Every screen in turn, each scanned: about 25 s on a quiet machine with axe-core.
        test.setTimeout(120_000)
        const { page } = app
        await useTheme(page, theme)
        const problems: string[] = []
        await everyScreen(page, async (screen) => {
          const found = (await overflows(page)).map((p) => `${screen}: ${p}`)
          if (withAxe) found.push(...(await axeViolations(page)).map((v) => `${screen}: axe ${v}`))
          if (found.length === 0) return
          problems.push(...found)
          // What the eye would see, for the screens that have a problem.
          await testInfo.attach(`${screen} ${size.width} ${theme}`, {
            body: await page.screenshot({ fullPage: true }),
            contentType: 'image/png',
          })
        })
        expect(problems).toEqual([])
      })
    }

    test('a deck is one line, as dense as Anki’s, its counts under their heading', async ({
      app,
    }) => {
      const { page } = app
      const row = deckRow(page, MECHANICS)
      const box = await row.boundingBox()
      expect(box?.height ?? 0).toBeLessThanOrEqual(56)
      // Each count sits in its heading's column.
      for (const kind of ['new', 'learn', 'due']) {
        const head = await page.locator(`.deck-head .count-${kind}`).boundingBox()
        const count = await row.locator(`.count-${kind}`).boundingBox()
        const centre = (b: typeof head) => (b ? b.x + b.width / 2 : NaN)
        expect(Math.abs(centre(head) - centre(count))).toBeLessThan(2)
      }
    })
  })
}
