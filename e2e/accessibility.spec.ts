import { expect, test } from './fixtures'
import { axeViolations, everyScreen, useTheme } from './screens'

for (const theme of ['light', 'dark'] as const) {
  test(`every screen passes axe-core in the ${theme} theme`, async ({ app }) => {
    // Every screen in turn, each scanned: about 30 s on a quiet machine.
    test.setTimeout(120_000)
    const { page } = app
    await useTheme(page, theme)
    await everyScreen(page, async (screen) => {
      expect(await axeViolations(page), screen).toEqual([])
    })
  })
}
