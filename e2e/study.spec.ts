import { expect, test, type AppHandle } from './fixtures'
import { MECHANICS, setNewPerDay } from './mechanics'
import { rawTables, storedRatings } from './stored'

// The mechanics of studying (keyboard, restart, undo, stale answers) run on a small fixture
// deck, so editing the chapter deck cannot break them; the chapter's own cards are tested below.
const CHAPTER_DECK = 'Diplomatic Bluebook 2020 · Global Security'

async function openDeck(app: AppHandle) {
  const { page } = app
  const study = page.getByRole('button', { name: `Study ${MECHANICS}` })
  await expect(study).toBeVisible()
  await study.focus()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('card-front')).toBeVisible()
}

/** Reveal with Space, or on typed cards type an answer and press Enter: keyboard only. */
async function revealCard(app: AppHandle, typed = 'my answer') {
  const { page } = app
  await expect(page.getByTestId('card-back')).toHaveCount(0)
  if ((await page.locator('article.card').getAttribute('data-answer-mode')) === 'type') {
    await expect(page.getByTestId('typed-answer')).toBeFocused()
    await page.keyboard.type(typed)
    await page.keyboard.press('Enter')
  } else {
    await page.keyboard.press('Space')
  }
}

/** Reveal, then grade with a number key; returns the card id. */
async function studyOneCard(app: AppHandle, key: '1' | '2' | '3' | '4' = '3', typed = 'my answer') {
  const { page } = app
  const card = page.locator('article.card')
  const id = await card.getAttribute('data-card-id')
  await revealCard(app, typed)
  await expect(page.getByTestId('card-back')).toBeVisible()
  await page.keyboard.press(key)
  await expect(card).not.toHaveAttribute('data-card-id', id ?? '')
  return id
}

test('studies five cards with the keyboard only', async ({ app }) => {
  const { page } = app
  await openDeck(app)
  await expect(page.getByTestId('progress')).toContainText('6 new')
  const seen: (string | null)[] = []
  for (let i = 0; i < 5; i++) seen.push(await studyOneCard(app))
  expect(new Set(seen).size).toBe(5)
  await expect(page.getByTestId('progress')).toContainText('5 reviewed')
  await expect(page.getByTestId('progress')).toContainText('1 new')
  // Good on a new card schedules a learning step in minutes; the button label said so.
  await revealCard(app)
  await expect(page.getByRole('button', { name: /^Good, next in \d+m\b/ })).toBeVisible()
})

test('each answer and each undo is one row of the change log, written with it', async ({ app }) => {
  const { page } = app
  await openDeck(app)
  const before = (await rawTables(page, ['changes'])).changes?.length ?? 0
  const first = await studyOneCard(app)
  await studyOneCard(app)
  await page.keyboard.press('Control+z')
  await expect(page.getByTestId('progress')).toContainText('1 reviewed')
  const rows = ((await rawTables(page, ['changes'])).changes ?? []).slice(before) as {
    changes: { table: string; op: string; keys: unknown[] }[]
  }[]
  // In real IndexedDB every write of a use case stays in its transaction: an answer is one
  // row holding its log and its card, an undo one row deleting the log and putting the card.
  const answers = rows.filter((r) => r.changes.some((c) => c.table === 'revlog' && c.op === 'put'))
  expect(answers.map((r) => r.changes.map((c) => `${c.table} ${c.op}`))).toEqual([
    ['revlog put', 'cards put'],
    ['revlog put', 'cards put'],
  ])
  expect(answers[0]?.changes[1]?.keys).toEqual([first])
  const undo = rows.filter((r) => r.changes.some((c) => c.table === 'revlog' && c.op === 'delete'))
  expect(undo.map((r) => r.changes.map((c) => c.table).sort())).toEqual([['cards', 'revlog']])
})

test('grades survive a restart of the app', async ({ app }) => {
  await openDeck(app)
  await studyOneCard(app)
  await studyOneCard(app)
  const page = await app.restart()
  const row = page.locator('li.deck-row', { hasText: MECHANICS })
  // Six new cards, two already seen: four new left, two in learning.
  await expect(row.locator('.deck-counts')).toHaveAttribute(
    'aria-label',
    /^4 new, 2 learning, 0 due/,
  )
  await page.getByRole('button', { name: `Study ${MECHANICS}` }).click()
  await expect(page.getByTestId('progress')).toContainText('4 new')
})

/**
 * Presses Esc (a synthetic keydown on the page) in the very microtask in which the open dialog
 * stops being open: the fastest a user could press it after seeing the dialog go.
 */
async function escapeTheMomentTheDialogCloses(app: AppHandle) {
  await app.page.evaluate(() => {
    const observer = new MutationObserver(() => {
      if (document.querySelector('dialog[open]')) return
      observer.disconnect()
      document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))
    })
    observer.observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['open'],
    })
  })
}

test('Esc the moment the editor or card info closes goes back to the decks', async ({ app }) => {
  const { page } = app
  // Saved with Ctrl+Enter: the editor closes once the note is written.
  await openDeck(app)
  await page.keyboard.press('e')
  const edit = page.getByRole('dialog', { name: 'Edit note' })
  await expect(edit.getByLabel('Tags')).toBeVisible()
  await escapeTheMomentTheDialogCloses(app)
  await page.keyboard.press('Control+Enter')
  await expect(page.getByRole('button', { name: `Study ${MECHANICS}` })).toBeVisible()

  // Closed with its own Esc: the second Esc is the screen's.
  await openDeck(app)
  await page.keyboard.press('i')
  await expect(page.getByRole('dialog', { name: /^Card info/ })).toBeVisible()
  await escapeTheMomentTheDialogCloses(app)
  await page.keyboard.press('Escape')
  await expect(page.getByRole('button', { name: `Study ${MECHANICS}` })).toBeVisible()
})

test('undo restores the last card and removes its grade', async ({ app }) => {
  const { page } = app
  await openDeck(app)
  const first = await studyOneCard(app, '1')
  await expect(page.getByTestId('progress')).toContainText('1 reviewed')
  await page.keyboard.press('Control+z')
  await expect(page.locator('article.card')).toHaveAttribute('data-card-id', first ?? '')
  await expect(page.getByTestId('progress')).toContainText('0 reviewed')
  await expect(page.getByTestId('progress')).toContainText('6 new')
  await expect(page.getByRole('status')).toHaveText('Last answer undone.')
  // The undone card is new again, so it is graded like a first review; the notice goes.
  await page.keyboard.press('Space')
  await expect(page.getByRole('status')).toHaveText('')
  await expect(page.getByRole('button', { name: /^Again, next in 1m$/ })).toBeVisible()
})

test('undo goes several answers back, the same card twice included', async ({ app }) => {
  const { page } = app
  await setNewPerDay(page, 1)
  await openDeck(app)
  const card = page.locator('article.card')
  const id = await card.getAttribute('data-card-id')
  await revealCard(app)
  await page.keyboard.press('3')
  // Its 10-minute step is within the learn-ahead limit: the same card comes straight back.
  await expect(page.getByTestId('progress')).toContainText('1 reviewed')
  await expect(card).toHaveAttribute('data-card-id', id ?? '')
  await revealCard(app)
  await page.keyboard.press('3')
  await expect(page.getByTestId('session-summary')).toBeVisible()
  await page.keyboard.press('Control+z')
  await expect(page.getByTestId('progress')).toContainText('1 reviewed')
  await expect(card).toHaveAttribute('data-card-id', id ?? '')
  await page.keyboard.press('Control+z')
  await expect(page.getByTestId('progress')).toContainText('0 reviewed')
  await expect(page.getByTestId('progress')).toContainText('1 new')
  await expect(card).toHaveAttribute('data-card-id', id ?? '')
  await expect(page.getByRole('button', { name: /^Undo/ })).toBeDisabled()
  expect(await storedRatings(page)).toEqual([])
})

test('a malformed deck file is reported while the other decks work', async ({ app }) => {
  const { page } = app
  const problems = page.getByTestId('deck-problems')
  await expect(problems).toContainText('broken-deck/deck.json')
  await expect(problems).toContainText('line 17')
  await expect(problems).toContainText('facts[1].prompt')
  // A file nested 10,000 levels deep is one more problem, not a crash.
  await expect(problems).toContainText(
    'deep-deck/deck.json (line 1): nests more than 32 levels deep',
  )
  await expect(page.getByRole('button', { name: /Study A deck with a mistake/ })).toHaveCount(0)
  await openDeck(app)
  await studyOneCard(app)
  await expect(page.getByTestId('progress')).toContainText('1 reviewed')
})

test('studies one section of the chapter deck and accepts a figure typed in another format', async ({
  app,
}) => {
  const { page } = app
  await page.getByRole('button', { name: `Sections of ${CHAPTER_DECK}` }).click()
  const rows = page.getByTestId('section-row')
  await expect(rows.first()).toContainText('(1) Regional Security')
  expect(await rows.count()).toBeGreaterThanOrEqual(20)
  await page.getByRole('button', { name: /^Study section F Illicit drugs \(13 cards/ }).click()

  // The section's first card asks for an amount in US dollars; "$5.3M" is another way to write it.
  await expect(page.getByTestId('breadcrumb')).toHaveText(
    /\(3\) Initiatives to Combat Security Threats.*F Illicit drugs/,
  )
  await expect(page.getByTestId('card-front')).toContainText('UNODC')
  // 13 cards from 11 facts: sibling cards of a fact wait for another day, so 11 are new today.
  await expect(page.getByTestId('progress')).toContainText('11 new')
  await page.getByTestId('typed-answer').fill('$5.3M')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('verdict')).toContainText('Correct')
  await expect(page.getByTestId('card-back')).toHaveText('5.3 million US dollars')
  await expect(page.getByRole('button', { name: /^Good, .*\(suggested\)$/ })).toBeVisible()
  await page.keyboard.press('3')

  // Every card of the session comes from that section.
  for (let i = 0; i < 10; i++) {
    await expect(page.getByTestId('breadcrumb')).toContainText('F Illicit drugs')
    await studyOneCard(app, '3')
  }
  // All 11 seen; their learning steps (10 min) are shown early, still from this section.
  await expect(page.getByTestId('progress')).toContainText('0 new')
  await expect(page.getByTestId('progress')).toContainText('11 reviewed')
  await expect(page.getByTestId('breadcrumb')).toContainText('F Illicit drugs')
})

test('a near miss on a typed figure is shown as close, with the difference', async ({ app }) => {
  const { page } = app
  await page.getByRole('button', { name: `Sections of ${CHAPTER_DECK}` }).click()
  await page.getByRole('button', { name: /^Study section F Illicit drugs/ }).click()
  await page.getByTestId('typed-answer').fill('5 million dollars')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('verdict')).toContainText('Close: under by 300,000 US dollars')
  await expect(page.getByRole('button', { name: /^Hard, .*\(suggested\)$/ })).toBeVisible()
})

test('an answer to a card that changed since it was shown is refused with a message', async ({
  app,
}) => {
  const { page } = app
  await openDeck(app)
  const card = page.locator('article.card')
  const id = (await card.getAttribute('data-card-id')) ?? ''
  await page.keyboard.press('Space')
  // Another window grades the same card meanwhile: its stored revision moves on.
  await page.evaluate(
    (cardId) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('attache')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const tx = open.result.transaction('cards', 'readwrite')
          const store = tx.objectStore('cards')
          const get = store.get(cardId)
          get.onsuccess = () => store.put({ ...get.result, revision: get.result.revision + 1 })
          tx.oncomplete = () => {
            open.result.close()
            resolve()
          }
          tx.onerror = () => reject(tx.error)
        }
      }),
    id,
  )
  await page.keyboard.press('3')
  await expect(page.getByRole('status')).toHaveText(/changed since it was shown.*not saved/)
  await expect(page.getByTestId('progress')).toContainText('0 reviewed')
  // The card is shown again, unrevealed, from what is stored now, and can be answered.
  await expect(page.getByTestId('card-back')).toHaveCount(0)
  await expect(card).toHaveAttribute('data-card-id', id)
  await page.keyboard.press('Space')
  await page.keyboard.press('3')
  await expect(page.getByTestId('progress')).toContainText('1 reviewed')
})

for (const typed of ['$5,3M', 'five point three million dollars']) {
  test(`a typed figure written as “${typed}” is read as 5.3 million US dollars`, async ({
    app,
  }) => {
    const { page } = app
    await page.getByRole('button', { name: `Sections of ${CHAPTER_DECK}` }).click()
    await page.getByRole('button', { name: /^Study section F Illicit drugs/ }).click()
    await expect(page.getByTestId('card-front')).toContainText('UNODC')
    await page.getByTestId('typed-answer').fill(typed)
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('verdict')).toContainText('Correct')
  })
}
