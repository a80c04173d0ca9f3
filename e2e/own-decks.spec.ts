import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { answerShownCard, deckRow } from './mechanics'
import { RED_PNG } from './packages'
import { rawTables } from './stored'

const DECK = 'Exam::Treaties'

async function createDeck(page: Page, name: string) {
  await page.getByRole('button', { name: 'New deck' }).click()
  await page.getByLabel('New deck name').fill(name)
  await page.getByRole('button', { name: 'Create' }).click()
  // Created (the form closes) or refused (it says why). Not waiting let the next "New deck"
  // click land while this one was still saving: it toggled the open form shut, and the save
  // then closed it too, so the next name field never came (CI, twice).
  await expect(
    page
      .getByRole('form', { name: 'New deck' })
      .getByRole('alert')
      .or(page.getByRole('button', { name: 'New deck', pressed: false })),
  ).toBeVisible()
}

async function openEditor(page: Page) {
  await deckRow(page, DECK)
    .getByRole('button', { name: `Add a note to ${DECK}` })
    .click()
  return page.getByRole('dialog', { name: `Add a note to ${DECK}` })
}

test('a new nested deck gets notes of every type, with previews, and they are studied', async ({
  app,
}) => {
  const { page } = app
  await createDeck(page, '  Exam :: Treaties ')
  await expect(deckRow(page, DECK)).toBeVisible()
  // The same name again, in another case, is refused with the reason.
  await createDeck(page, 'exam::treaties')
  await expect(page.getByRole('form', { name: 'New deck' }).getByRole('alert')).toHaveText(
    /already a deck named “Exam::Treaties”/,
  )
  await page.getByRole('button', { name: 'Cancel' }).click()

  const editor = await openEditor(page)
  const add = editor.getByRole('button', { name: /^Add/ })
  // Basic: one card, previewed as it is typed.
  await editor.getByLabel('Front').fill('Where was the 2019 G20 summit held?')
  await editor.getByLabel('Back').fill('Osaka')
  await expect(editor.getByTestId('preview-card')).toHaveText([
    'Where was the 2019 G20 summit held? → Osaka',
  ])
  await editor.getByLabel(/^Tags/).fill('g20 summits')
  await page.keyboard.press('Control+Enter')
  await expect(editor.getByRole('status')).toHaveText('1 note added.')

  await editor.getByLabel('Note type').selectOption('basic-reversed')
  await editor.getByLabel('Front').fill('PKO')
  await editor.getByLabel('Back').fill('peacekeeping operation')
  await expect(editor.getByTestId('preview-card')).toHaveCount(2)
  await add.click()
  await expect(editor.getByRole('status')).toHaveText('2 notes added.')

  await editor.getByLabel('Note type').selectOption('basic-typed')
  await editor.getByLabel('Front').fill('How many members does the UN have?')
  await editor.getByLabel('Back').fill('193')
  await add.click()
  await expect(editor.getByRole('status')).toHaveText('3 notes added.')

  await editor.getByLabel('Note type').selectOption('cloze')
  await editor.getByLabel('Text').fill('No blank yet.')
  await expect(editor.getByTestId('no-card')).toContainText('{{c1::…}}')
  await expect(add).toBeDisabled()
  await editor
    .getByLabel('Text')
    .fill('{{c1::Japan}} hosted the {{c2::G20::a forum}} summit in {{c1::Osaka}}.')
  await expect(editor.getByTestId('preview-card')).toHaveText([
    '[…] hosted the G20 summit in […]. → Japan, Osaka',
    'Japan hosted the [a forum] summit in Osaka. → G20',
  ])
  await add.click()
  await expect(editor.getByRole('status')).toHaveText('4 notes added.')
  await page.keyboard.press('Escape')
  await expect(editor).toHaveCount(0)

  // Four notes, six cards; one card per note today (siblings wait), so four new.
  await expect(deckRow(page, DECK).locator('.deck-counts')).toHaveAttribute(
    'aria-label',
    /^4 new, 0 learning, 0 due, 6 cards/,
  )
  await page.getByRole('button', { name: `Study ${DECK}` }).click()
  await expect(page.getByTestId('card-front')).toHaveText('Where was the 2019 G20 summit held?')
  await page.keyboard.press('Space')
  await expect(page.getByTestId('card-back')).toHaveText('Osaka')
  await page.keyboard.press('3')
  await expect(page.getByTestId('card-front')).toHaveText('PKO')
  await page.keyboard.press('Space')
  await page.keyboard.press('3')
  // The typed card checks what is typed against its Back field.
  await page.getByTestId('typed-answer').fill('193')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('verdict')).toContainText('Correct')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('card-front')).toHaveText('[…] hosted the G20 summit in […].')

  // Everything is still there after a restart.
  const reopened = await app.restart()
  await expect(deckRow(reopened, DECK).locator('.deck-counts')).toHaveAttribute(
    'aria-label',
    /^1 new, 3 learning, 0 due, 6 cards/,
  )
})

test('E while studying edits the note, and the card shows the new text', async ({ app }) => {
  const { page } = app
  await createDeck(page, DECK)
  const editor = await openEditor(page)
  await editor.getByLabel('Front').fill('Capital of Japan?')
  await editor.getByLabel('Back').fill('Kyoto')
  await page.keyboard.press('Control+Enter')
  await expect(editor.getByRole('status')).toHaveText('1 note added.')
  await page.keyboard.press('Escape')
  await page.getByRole('button', { name: `Study ${DECK}` }).click()
  await expect(page.getByTestId('card-front')).toHaveText('Capital of Japan?')
  await page.keyboard.press('Space')
  await expect(page.getByTestId('card-back')).toHaveText('Kyoto')
  await page.keyboard.press('e')
  const edit = page.getByRole('dialog', { name: 'Edit note' })
  await expect(edit.getByLabel('Back')).toHaveText('Kyoto')
  await edit.getByLabel('Back').fill('Tokyo')
  await page.keyboard.press('Control+Enter')
  await expect(edit).toHaveCount(0)
  // The same card on the same side, as stored now; the keyboard is the study screen's again.
  await expect(page.getByTestId('card-front')).toHaveText('Capital of Japan?')
  await expect(page.getByTestId('card-back')).toHaveText('Tokyo')
  // Ctrl+Z takes the edit back (not an answer: none was given), and the stored note with it.
  await page.keyboard.press('Control+z')
  await expect(page.getByTestId('card-back')).toHaveText('Kyoto')
  await expect(page.getByText('Undone: the note’s edit.')).toBeVisible()
  const notes = (await rawTables(page, ['notes'])).notes as { fields: Record<string, string> }[]
  const mine = notes.filter((n) => n.fields['Front'] === 'Capital of Japan?')
  expect(mine.map((n) => n.fields['Back'])).toEqual(['Kyoto'])
  await page.keyboard.press('3')
  await expect(page.getByTestId('progress')).toContainText('1 reviewed')
})

test('the editor’s keys: Tab field to field, the toolbar on Alt+F10, no error before typing', async ({
  app,
}) => {
  const { page } = app
  await createDeck(page, DECK)
  const editor = await openEditor(page)
  // Nothing typed yet: the preview says why there is no card, but not as an error.
  await expect(editor.getByTestId('no-card')).toBeVisible()
  await expect(editor.getByTestId('no-card')).not.toHaveClass(/field-error/)
  await expect(editor.getByRole('alert')).toHaveCount(0)
  const front = editor.getByRole('textbox', { name: 'Front', exact: true })
  const back = editor.getByRole('textbox', { name: 'Back', exact: true })
  await expect(front).toBeFocused()
  await page.keyboard.type('x')
  await page.keyboard.press('Backspace')
  await expect(editor.getByTestId('no-card')).toHaveClass(/field-error/)
  // Tab goes straight to the next field, past the toolbar; Shift+Tab comes back.
  await page.keyboard.press('Tab')
  await expect(back).toBeFocused()
  await page.keyboard.press('Shift+Tab')
  await expect(front).toBeFocused()
  // The toolbar: Alt+F10 enters it, arrows walk it, Esc goes back to the text (dialog open).
  await page.keyboard.press('Alt+F10')
  await expect(editor.getByRole('button', { name: 'B (Ctrl+B)' }).first()).toBeFocused()
  await page.keyboard.press('ArrowRight')
  await expect(editor.getByRole('button', { name: 'I (Ctrl+I)' }).first()).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(front).toBeFocused()
  await expect(editor).toBeVisible()
  // A cloze key on a basic note says what it needs instead of writing braces.
  await page.keyboard.type('Tokyo')
  await page.keyboard.press('Control+Shift+C')
  await expect(editor.getByRole('status')).toContainText('need a cloze note type')
  await expect(front).toHaveText('Tokyo')
})

test('cloze keys and button number deletions as Anki does; HTML view and image button', async ({
  app,
}) => {
  const { page } = app
  await createDeck(page, DECK)
  const editor = await openEditor(page)
  await editor.getByLabel('Note type').selectOption('cloze')
  const text = editor.getByRole('textbox', { name: 'Text', exact: true })
  await text.click()
  await page.keyboard.type('Japan')
  await page.keyboard.press('Control+a')
  await page.keyboard.press('Control+Shift+C')
  await page.keyboard.press('End')
  await page.keyboard.type(' hosted ')
  // No selection: an empty deletion opens at the cursor, numbered past the highest.
  await page.keyboard.press('Control+Shift+C')
  await page.keyboard.type('G20')
  await page.keyboard.press('End')
  await page.keyboard.type(' in ')
  // Ctrl+Alt+Shift+C: the same number, so the same card.
  await page.keyboard.press('Control+Alt+Shift+C')
  await page.keyboard.type('Osaka')
  await expect(text).toHaveText('{{c1::Japan}} hosted {{c2::G20}} in {{c2::Osaka}}')
  await expect(editor.getByTestId('preview-card')).toHaveText([
    '[…] hosted G20 in Osaka → Japan',
    'Japan hosted […] in […] → G20, Osaka',
  ])
  // The button does what the key does, with the mouse.
  await page.keyboard.press('End')
  await page.keyboard.type(' 2019')
  await page.keyboard.press('Shift+ArrowLeft')
  await page.keyboard.press('Shift+ArrowLeft')
  await page.keyboard.press('Shift+ArrowLeft')
  await page.keyboard.press('Shift+ArrowLeft')
  await editor.getByRole('button', { name: '[…] Cloze (Ctrl+Shift+C)' }).first().click()
  await expect(editor.getByTestId('preview-card')).toHaveCount(3)

  // The HTML view shows the field's markup and edits it; the formatted view follows.
  await text.click()
  await page.keyboard.press('Control+Shift+X')
  const html = editor.getByRole('textbox', { name: 'Text as HTML' })
  await expect(html).toBeFocused()
  await expect(html).toHaveValue('{{c1::Japan}} hosted {{c2::G20}} in {{c2::Osaka}} {{c3::2019}}')
  await html.fill('<b>{{c1::Japan}}</b> hosted the summit<img src=x onerror="alert(1)">')
  await expect(text.locator('strong')).toHaveText('{{c1::Japan}}')
  await page.keyboard.press('Control+Shift+X')
  await expect(html).toHaveCount(0)

  // The image button takes a file from disk into the collection's media.
  await editor
    .locator('input[type=file]')
    .first()
    .setInputFiles({ name: 'dot.png', mimeType: 'image/png', buffer: Buffer.from(RED_PNG) })
  await expect(text.locator('img:not(.ProseMirror-separator)').last()).toHaveAttribute(
    'src',
    /^blob:/,
  )
  await page.keyboard.press('Control+Enter')
  await expect(editor.getByRole('status')).toHaveText('1 note added.')
  const notes = (await rawTables(page, ['notes'])).notes as { fields: Record<string, string> }[]
  const stored = notes.find((n) => n.fields['Text']?.includes('Japan'))?.fields['Text'] ?? ''
  expect(stored).toMatch(/^<(b|strong)>\{\{c1::Japan\}\}<\/(b|strong)> hosted the summit/)
  expect(stored).not.toContain('onerror')
  expect(stored).toMatch(/<img src="pasted-[0-9a-f]{8}\.png" alt="dot.png">/)
})

test('HTML and script in a note stay text in the preview and on the card', async ({ app }) => {
  const { page } = app
  const payload = '<img src=x onerror="window.__pwned = 1"><script>window.__pwned = 2</script>'
  await createDeck(page, DECK)
  const editor = await openEditor(page)
  await editor.getByLabel('Front').fill(payload)
  await editor.getByLabel('Back').fill('<a href="javascript:window.__pwned=3">click</a>')
  await expect(editor.getByTestId('preview-card')).toContainText('<img src=x onerror=')
  await page.keyboard.press('Control+Enter')
  await expect(editor.getByRole('status')).toHaveText('1 note added.')
  await page.keyboard.press('Escape')
  await page.getByRole('button', { name: `Study ${DECK}` }).click()
  await expect(page.getByTestId('card-front')).toHaveText(payload)
  await page.keyboard.press('Space')
  await expect(page.getByTestId('card-back')).toHaveText(
    '<a href="javascript:window.__pwned=3">click</a>',
  )
  await expect(page.locator('article.card img, article.card script, article.card a')).toHaveCount(0)
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined()
})

test('decks nest, fold, rename with their children, and come back from the trash', async ({
  app,
}) => {
  const { page } = app
  await createDeck(page, 'Exam::Treaties::Law of the Sea')
  // The parents were made; a parent's counts include the decks inside it.
  await expect(deckRow(page, 'Exam')).toBeVisible()
  await expect(deckRow(page, 'Exam::Treaties')).toBeVisible()
  const law = deckRow(page, 'Exam::Treaties::Law of the Sea')
  await law.getByRole('button', { name: /^Add a note to/ }).click()
  const editor = page.getByRole('dialog')
  await editor.getByLabel('Front').fill('UNCLOS year?')
  await editor.getByLabel('Back').fill('1982')
  await page.keyboard.press('Control+Enter')
  await expect(editor.getByRole('status')).toHaveText('1 note added.')
  await page.keyboard.press('Escape')
  await expect(deckRow(page, 'Exam').locator('.deck-counts')).toHaveAttribute(
    'aria-label',
    /^1 new, 0 learning, 0 due, 1 cards/,
  )
  // Folding a parent hides what is inside it.
  await page.getByRole('button', { name: 'Fold Exam', exact: true }).click()
  await expect(deckRow(page, 'Exam::Treaties')).toHaveCount(0)
  await page.getByRole('button', { name: 'Open Exam', exact: true }).click()
  await expect(deckRow(page, 'Exam::Treaties')).toBeVisible()

  // Renaming a parent moves its children with it.
  await deckRow(page, 'Exam::Treaties').getByLabel('More for Exam::Treaties').click()
  await deckRow(page, 'Exam::Treaties').getByRole('button', { name: 'Rename' }).click()
  await page.getByLabel('New name for Exam::Treaties').fill('Exam::Agreements')
  await page.keyboard.press('Enter')
  await expect(deckRow(page, 'Exam::Agreements::Law of the Sea')).toBeVisible()

  // The trash keeps the deck and its notes, and gives them back.
  await deckRow(page, 'Exam').getByLabel('More for Exam').click()
  await deckRow(page, 'Exam').getByRole('button', { name: 'Move to trash' }).click()
  await expect(deckRow(page, 'Exam')).toHaveCount(0)
  await expect(deckRow(page, 'Exam::Agreements::Law of the Sea')).toHaveCount(0)
  const trash = page.getByRole('region', { name: 'Trash' })
  await expect(trash).toContainText('Exam')
  await trash.getByRole('button', { name: 'Restore Exam' }).click()
  await expect(
    deckRow(page, 'Exam::Agreements::Law of the Sea').locator('.deck-counts'),
  ).toHaveAttribute('aria-label', /^1 new, .* 1 cards/)
  await expect(trash).toHaveCount(0)
})

test('the editor moves a note to another deck and completes tags already used', async ({ app }) => {
  const { page } = app
  await createDeck(page, DECK)
  await createDeck(page, 'Cyber')
  const editor = await openEditor(page)
  await editor.getByLabel('Front').fill('GGE?')
  await editor.getByLabel('Back').fill('Group of Governmental Experts')
  await editor.getByLabel(/^Tags/).fill('un cyber')
  await page.keyboard.press('Control+Enter')
  await expect(editor.getByRole('status')).toHaveText('1 note added.')
  // The next note's tag field offers the tags already in use.
  await editor.getByLabel(/^Tags/).fill('law c')
  await expect(editor.locator('datalist option[value="law cyber"]')).toHaveCount(1)
  await page.keyboard.press('Escape')

  await page.getByRole('button', { name: `Study ${DECK}` }).click()
  await expect(page.getByTestId('card-front')).toHaveText('GGE?')
  await page.keyboard.press('e')
  const edit = page.getByRole('dialog', { name: 'Edit note' })
  await edit.getByLabel('Deck').selectOption({ label: 'Cyber' })
  await page.keyboard.press('Control+Enter')
  await expect(edit).toHaveCount(0)
  await page.keyboard.press('Escape')
  await expect(deckRow(page, 'Cyber').locator('.deck-counts')).toHaveAttribute(
    'aria-label',
    /^1 new, .* 1 cards/,
  )
  await expect(deckRow(page, DECK).locator('.deck-counts')).toHaveAttribute(
    'aria-label',
    /^0 new, .* 0 cards/,
  )
})

test('a deck gets its own preset of options, and studies with it', async ({ app }) => {
  const { page } = app
  const row = deckRow(page, 'Mechanics fixture')
  await row.getByLabel('More for Mechanics fixture').click()
  await row.getByRole('button', { name: 'Options' }).click()
  const options = page.getByRole('dialog', { name: 'Options of Mechanics fixture' })
  // The Default preset is set in Settings: its fields are shown, not editable here.
  await expect(options.getByLabel('Preset', { exact: true })).toHaveValue('default')
  await expect(options.getByLabel('New cards per day')).toBeDisabled()
  // …and it looks it: a dashed edge and no field colour, unlike an editable field.
  const looks = () =>
    options.getByLabel('New cards per day').evaluate((el) => {
      const style = getComputedStyle(el)
      return `${style.borderTopStyle} ${style.backgroundColor}`
    })
  expect(await looks()).toBe('dashed rgba(0, 0, 0, 0)')
  await options.getByRole('button', { name: 'New preset from this one' }).click()
  await options.getByLabel('Preset name').fill('Two a day')
  expect(await looks()).not.toMatch(/^dashed/)
  await options.getByLabel('New cards per day').fill('2')
  await options.getByLabel('Learning steps (e.g. 1m 10m 1h)', { exact: true }).fill('5m 1h')
  await options.getByRole('button', { name: 'Save' }).click()
  await expect(options).toHaveCount(0)
  await expect(row.locator('.deck-counts')).toHaveAttribute('aria-label', /^2 new,/)
  // Its learning steps schedule the first Good: 5 minutes... then an hour.
  await page.getByRole('button', { name: 'Study Mechanics fixture' }).click()
  await expect(page.getByTestId('card-front')).toHaveText('Alpha question?')
  await page.keyboard.press('Space')
  await expect(page.getByRole('button', { name: /^Again, next in 5m$/ })).toBeVisible()

  // A bad value is named, and nothing is saved.
  await page.keyboard.press('Escape')
  await row.getByLabel('More for Mechanics fixture').click()
  await row.getByRole('button', { name: 'Options' }).click()
  await expect(options.getByLabel('Preset', { exact: true })).toHaveValue(/^preset-/)
  await options.getByLabel('Desired retention (0.70–0.99)').fill('0.5')
  await expect(options.getByTestId('workload')).toHaveText(
    'Desired retention goes from 0.70 to 0.99.',
  )
  await options.getByRole('button', { name: 'Save' }).click()
  await expect(options.getByRole('alert')).toHaveText(/^desiredRetention: /)
})

test('a reschedule written by a worker is heard by the window: its derived counts follow it', async ({
  app,
}) => {
  const { page } = app
  const row = deckRow(page, 'Mechanics fixture')
  await page.getByRole('button', { name: 'Study Mechanics fixture' }).click()
  await expect(page.getByTestId('card-front')).toBeVisible()
  await answerShownCard(page, '3')
  await expect(page.getByTestId('progress')).toContainText('1 reviewed')
  await page.keyboard.press('Escape')
  // Where the window's derived tables stand in the change log, and where the log ends.
  const standing = async () => {
    const { changes, tallies } = await rawTables(page, ['changes', 'tallies'])
    const cursor = (tallies ?? []).find(
      (t) => t['deckId'] === '' && t['kind'] === 'rule' && t['day'] === 2,
    ) as { n: number[] } | undefined
    return { last: Math.max(...(changes ?? []).map((c) => Number(c['seq']))), at: cursor?.n[0] }
  }
  await expect.poll(async () => (await standing()).at).toBe((await standing()).last)
  const before = (await standing()).last

  // A new retention reschedules the deck's cards in a worker, which ends as soon as it has
  // written them: only the window, told of the commit, can bring its counts up to date.
  await row.getByLabel('More for Mechanics fixture').click()
  await row.getByRole('button', { name: 'Options' }).click()
  const options = page.getByRole('dialog', { name: 'Options of Mechanics fixture' })
  await options.getByRole('button', { name: 'New preset from this one' }).click()
  await options.getByLabel('Preset name').fill('Keener')
  await options.getByLabel('Desired retention (0.70–0.99)').fill('0.95')
  await options.getByRole('button', { name: 'Save' }).click()
  await expect(options).toHaveCount(0)
  await expect.poll(async () => (await standing()).last).toBeGreaterThan(before)
  await expect
    .poll(async () => {
      const { last, at } = await standing()
      return at === last
    })
    .toBe(true)
})

test('a note moved to the trash while studying leaves the queue and comes back whole', async ({
  app,
}) => {
  const { page } = app
  await createDeck(page, DECK)
  const editor = await openEditor(page)
  await editor.getByLabel('Front').fill('Capital of Japan?')
  await editor.getByLabel('Back').fill('Tokyo')
  await page.keyboard.press('Control+Enter')
  await expect(editor.getByRole('status')).toHaveText('1 note added.')
  await page.keyboard.press('Escape')
  await page.getByRole('button', { name: `Study ${DECK}` }).click()
  await expect(page.getByTestId('card-front')).toHaveText('Capital of Japan?')
  await page.keyboard.press('e')
  await page
    .getByRole('dialog', { name: 'Edit note' })
    .getByRole('button', { name: 'Move note to trash' })
    .click()
  await expect(page.getByTestId('session-summary')).toBeVisible()
  await page.keyboard.press('Escape')
  const counts = deckRow(page, DECK).locator('.deck-counts')
  await expect(counts).toHaveAttribute('aria-label', /^0 new, .* 0 cards/)
  const trash = page.getByRole('region', { name: 'Trash' })
  await trash.getByRole('button', { name: 'Restore note Capital of Japan?' }).click()
  await expect(counts).toHaveAttribute('aria-label', /^1 new, .* 1 cards/)
  await expect(trash).toHaveCount(0)
})

test('formatted text is kept and shown; hostile HTML in a note is shown inert', async ({ app }) => {
  const { page } = app
  await createDeck(page, DECK)
  const editor = await openEditor(page)
  const front = editor.getByLabel('Front')
  await front.click()
  await page.keyboard.type('The ')
  await page.keyboard.press('Control+b')
  await page.keyboard.type('Montego Bay')
  await page.keyboard.press('Control+b')
  await page.keyboard.type(' convention?')
  await editor.getByLabel('Back').fill('UNCLOS')
  await expect(editor.getByTestId('preview-card').locator('strong')).toHaveText('Montego Bay')
  await page.keyboard.press('Control+Enter')
  await expect(editor.getByRole('status')).toHaveText('1 note added.')
  await page.keyboard.press('Escape')

  // As an imported deck could: a field full of markup that must never run or load.
  const hostile =
    '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>' +
    '<iframe src="https://example.org"></iframe><form><input></form>' +
    '<a href="javascript:window.__pwned=3">js link</a> <a href="https://www.mofa.go.jp/">MOFA</a>' +
    '<b onclick="window.__pwned=4">bold</b>'
  await page.evaluate(
    (html) =>
      new Promise<void>((ok, fail) => {
        const open = indexedDB.open('attache')
        open.onsuccess = () => {
          const tx = open.result.transaction('notes', 'readwrite')
          const notes = tx.objectStore('notes')
          const all = notes.getAll()
          all.onsuccess = () => {
            const note = (all.result as { typeId: string; fields: Record<string, string> }[]).find(
              (n) => n.typeId === 'basic',
            )
            if (note) notes.put({ ...note, fields: { ...note.fields, Back: html } })
          }
          tx.oncomplete = () => {
            open.result.close()
            ok()
          }
          tx.onerror = () => fail(tx.error)
        }
      }),
    hostile,
  )
  await page.getByRole('button', { name: `Study ${DECK}` }).click()
  await expect(page.getByTestId('card-front').locator('strong')).toHaveText('Montego Bay')
  await page.keyboard.press('Space')
  const back = page.getByTestId('card-back')
  await expect(back).toContainText('js link')
  await expect(back.locator('script, iframe, form, input, [onerror], [onclick]')).toHaveCount(0)
  await expect(back.locator('a[href^="javascript"]')).toHaveCount(0)
  await expect(back.locator('a[href="https://www.mofa.go.jp/"]')).toHaveCount(1)
  await expect(back.locator('b')).toHaveText('bold')
  await back.locator('b').click()
  // The same field in the editor (E) and in the browser: inert too.
  await page.keyboard.press('e')
  const edit = page.getByRole('dialog', { name: 'Edit note' })
  await expect(edit.getByLabel('Back')).toContainText('js link')
  await expect(
    edit.getByLabel('Back').locator('script, iframe, form, input, [onerror], [onclick]'),
  ).toHaveCount(0)
  await page.keyboard.press('Escape')
  await page.keyboard.press('Escape')
  await page.getByRole('button', { name: 'Browse' }).click()
  await page.getByRole('searchbox').fill('deck:Exam')
  await expect(page.getByTestId('browser-row')).toHaveCount(1)
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined()
})
