import { expect, test } from './fixtures'

const REPORT = `Global Security

(1) Peacekeeping

Japan sent about 400 engineers to the United Nations Mission in South Sudan (UNMISS) in 2012. The force had 75,000 members in 2019.

(2) The Seas

The United Nations Convention on the Law of the Sea (UNCLOS) entered into force in 1994.

This closing remark states no fact worth recalling.`

test('a pasted text becomes a deck: proposals by section, accepted, edited, rejected, studied, shown in source', async ({
  app,
}, testInfo) => {
  const { page } = app
  await page.getByRole('button', { name: 'From a text' }).click()
  const screen = page.getByRole('region', { name: 'Make cards from a text' })
  await screen.getByLabel('Text', { exact: true }).fill(REPORT)
  await screen.getByRole('button', { name: 'Propose cards' }).click()

  // Grouped by the headings; the sentence with nothing to recall made no proposal.
  const peace = screen.getByRole('region', { name: 'Global Security › (1) Peacekeeping' })
  const seas = screen.getByRole('region', { name: 'Global Security › (2) The Seas' })
  await expect(peace.getByTestId('proposal')).toHaveCount(2)
  await expect(seas.getByTestId('proposal')).toHaveCount(1)
  await expect(screen.getByText('closing remark')).toHaveCount(0)
  await expect(peace.getByTestId('proposal').first()).toContainText('about 400')
  await expect(screen.getByTestId('accepted-count')).toHaveText('0 of 3 accepted · 0 rejected')

  // Keyboard: accept the first, reject the second, edit the third.
  await peace.getByTestId('proposal').first().focus()
  await page.keyboard.press('a')
  await page.keyboard.press('r')
  await page.keyboard.press('e')
  const edit = screen.getByLabel('Edit the card')
  await edit.fill('UNCLOS entered into force in {{c1::1994}}.')
  await page.keyboard.press('Enter')
  await expect(seas.getByTestId('proposal')).toContainText('UNCLOS entered into force in 19941.')
  await expect(screen.getByTestId('accepted-count')).toHaveText('2 of 3 accepted · 1 rejected')
  await page.screenshot({ path: testInfo.outputPath('generate-review.png'), fullPage: true })

  await screen.getByLabel('New deck’s name').fill('Peace and seas')
  // Notes and cards counted apart: the first note blanks several things, a card each.
  const saveButton = screen.getByRole('button', { name: /^Save 2 notes \(\d+ cards\)$/ })
  const cards = Number(/\((\d+) cards\)/.exec((await saveButton.textContent()) ?? '')?.[1])
  expect(cards).toBeGreaterThan(2)
  await expect(screen.getByTestId('proposal-kinds').first()).toContainText(
    '2: figure · 3: full name · 4: acronym · 5: date',
  )
  await saveButton.click()
  await expect(screen.getByRole('status')).toContainText(`Saved 2 notes (${cards} cards)`)
  await screen.getByRole('button', { name: 'Study Peace and seas' }).click()

  // Study it; "Show in source" on the front opens the paragraph with the blank still hidden.
  await expect(page.getByTestId('card-front')).toContainText('[…]')
  await page.keyboard.press('s')
  const source = page.getByRole('dialog', { name: 'In its source' })
  await expect(source).toContainText('pasted.txt › Global Security › ')
  await expect(source.getByTestId('source-gap')).toHaveText('[…]')
  await expect(source.getByTestId('source-answer')).toHaveCount(0)
  await page.keyboard.press('Escape')
  await expect(source).toHaveCount(0)
  // After the reveal it marks the answer, the one the card's back shows.
  await page.keyboard.press('Space')
  await page.keyboard.press('s')
  await page.screenshot({ path: testInfo.outputPath('generate-source.png') })
  const marked = (await source.getByTestId('source-answer').textContent()) ?? ''
  expect(marked.length).toBeGreaterThan(0)
  await page.keyboard.press('Escape')
  await expect(source).toHaveCount(0)
  await expect(page.getByTestId('card-back')).toContainText(marked)
})

test('a file that is not UTF-8 is refused by name, and nothing is proposed', async ({ app }) => {
  const { page } = app
  await page.getByRole('button', { name: 'From a text' }).click()
  const screen = page.getByRole('region', { name: 'Make cards from a text' })
  await screen.getByLabel('Document to make cards from').setInputFiles({
    name: 'latin1.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x32, 0x30, 0x31, 0x39]),
  })
  await expect(screen.getByRole('alert')).toHaveText(
    'latin1.txt: not UTF-8 text. Save it as UTF-8 and open it again.',
  )
  await expect(screen.getByTestId('proposal')).toHaveCount(0)
})

test('an HTML file: its headings make the sections, its scripts are dropped', async ({ app }) => {
  const { page } = app
  await page.getByRole('button', { name: 'From a text' }).click()
  const screen = page.getByRole('region', { name: 'Make cards from a text' })
  await screen.getByLabel('Document to make cards from').setInputFiles({
    name: 'report.html',
    mimeType: 'text/html',
    buffer: Buffer.from(
      '<h1>Space &amp; Cyber</h1><script>window.__ran = 1</script><h2>Outer Space</h2><p>Japan launched <b>7</b> satellites in <i>2019</i> for the <em>Quasi-Zenith Satellite System</em> (QZSS).</p><img src=x onerror="window.__ran = 2">',
    ),
  })
  const space = screen.getByRole('region', { name: 'Space & Cyber › Outer Space' })
  await expect(space.getByTestId('proposal')).toHaveCount(1)
  await expect(space.getByTestId('proposal')).toContainText('Quasi-Zenith Satellite System')
  expect(await page.evaluate(() => (window as unknown as { __ran?: number }).__ran)).toBeUndefined()
})

test('markup in a pasted text stays text: in the proposals, the saved deck and the study screen', async ({
  app,
}) => {
  const { page } = app
  const dialogs: string[] = []
  page.on('dialog', (d) => {
    dialogs.push(d.message())
    void d.dismiss()
  })
  await page.getByRole('button', { name: 'From a text' }).click()
  const screen = page.getByRole('region', { name: 'Make cards from a text' })
  await screen
    .getByLabel('Text', { exact: true })
    .fill(
      'Payloads\n\nIn 2019 <img src=x onerror="window.__ran=1;alert(1)"> sent 400 people.\n\nThe <script>window.__ran=2</script> fund had 52 members in 2018 <svg onload="window.__ran=3">.',
    )
  await screen.getByRole('button', { name: 'Propose cards' }).click()
  await expect(screen.getByTestId('proposal')).toHaveCount(2)
  await expect(
    screen.getByTestId('proposal').filter({ hasText: '<img src=x onerror=' }),
  ).toHaveCount(1)
  await screen.getByRole('button', { name: /^Accept all/ }).click()
  await screen.getByRole('button', { name: /^Save 2 notes \(\d+ cards\)$/ }).click()
  await screen.getByRole('button', { name: 'Study Payloads' }).click()
  await expect(page.getByTestId('card-front')).toContainText(/<img src=x|<script>/)
  await page.keyboard.press('Space')
  await expect(page.getByTestId('card-back')).toBeVisible()
  expect(await page.evaluate(() => (window as unknown as { __ran?: number }).__ran)).toBeUndefined()
  expect(dialogs).toEqual([])
  await expect(page.locator('article.card img, article.card svg, article.card script')).toHaveCount(
    0,
  )
})

test('a sentence that defines a name also proposes a question and its answer, studied as one', async ({
  app,
}) => {
  const { page } = app
  await page.getByRole('button', { name: 'From a text' }).click()
  const screen = page.getByRole('region', { name: 'Make cards from a text' })
  await screen
    .getByLabel('Text', { exact: true })
    .fill(
      'Hazards\n\nThe Ring of Fire, a belt of active volcanoes and earthquake epicenters, borders the Pacific Ocean.',
    )
  await screen.getByRole('button', { name: 'Propose cards' }).click()
  const question = screen
    .getByTestId('proposal')
    .filter({ has: page.getByTestId('proposal-question') })
  await expect(question).toContainText('What is Ring of Fire?')
  await expect(question).toContainText('a belt of active volcanoes and earthquake epicenters')
  await expect(question.getByTestId('proposal-kinds')).toHaveText('question and answer: name')
  await question.getByRole('button', { name: /^Accept/ }).click()
  await screen.getByLabel('New deck’s name').fill('Hazards')
  await screen.getByRole('button', { name: 'Save 1 note (1 card)' }).click()
  await expect(screen.getByRole('status')).toContainText('Saved 1 note (1 card)')
  await screen.getByRole('button', { name: 'Study Hazards' }).click()
  await expect(page.getByTestId('card-front')).toHaveText('What is Ring of Fire?')
  await page.keyboard.press('Space')
  await expect(page.getByTestId('card-back')).toContainText('a belt of active volcanoes')
})

test('a long text moves the progress bar while the worker reads it', async ({ app }) => {
  test.setTimeout(120_000)
  const { page } = app
  await page.getByRole('button', { name: 'From a text' }).click()
  const screen = page.getByRole('region', { name: 'Make cards from a text' })
  // About 200 KB, every paragraph naming new things: a second or more of the NLP pass.
  const letters = (i: number) =>
    i.toString(26).replace(/./g, (d) => 'abcdefghijklmnopqrstuvwxyz'[parseInt(d, 26)] ?? 'a')
  const paragraph = (i: number) =>
    `In ${1900 + (i % 120)}, the Kor${letters(i)} Commission met Minister Ada Lov${letters(i)} in Port Sel${letters(i)} and pledged about ${i + 10} million dollars to the Mar${letters(i)} Fund.`
  await screen
    .getByLabel('Text', { exact: true })
    .fill(Array.from({ length: 1200 }, (_, i) => paragraph(i)).join('\n\n'))
  // Every value the bar shows, read as often as the page can.
  await page.evaluate(() => {
    const seen: number[] = []
    ;(window as unknown as { __seen: number[] }).__seen = seen
    const look = () => {
      const bar = document.querySelector('progress')
      if (bar && seen.at(-1) !== bar.value) seen.push(bar.value)
      requestAnimationFrame(look)
    }
    look()
  })
  await screen.getByRole('button', { name: 'Propose cards' }).click()
  await expect(screen.getByTestId('accepted-count')).toBeVisible({ timeout: 60_000 })
  const seen = await page.evaluate(() => (window as unknown as { __seen: number[] }).__seen)
  // Between reading the document and the proposals, the bar moved more than once.
  const between = seen.filter((v) => v > 0.2 && v < 1)
  expect(between.length, `values: ${seen.join(', ')}`).toBeGreaterThan(3)
  expect(between).toEqual([...between].sort((a, b) => a - b))
})
