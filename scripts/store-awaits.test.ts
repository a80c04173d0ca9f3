import { RuleTester } from 'eslint'
import tseslint from 'typescript-eslint'
import { describe, it } from 'vitest'
import rule from './eslint-rules/store-awaits.mjs'

RuleTester.describe = describe
RuleTester.it = it
RuleTester.itOnly = it.only

const tester = new RuleTester({
  languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' },
})

const inTransaction = (body: string) =>
  `async function f(store, id) {\n  return store.transaction(async () => {\n${body}\n  })\n}`

tester.run('store-awaits: only store calls are awaited inside store.transaction', rule, {
  valid: [
    inTransaction('const card = await store.getCard(id)'),
    inTransaction('const [a, b] = await Promise.all([store.getCard(id), store.getNote(id)])'),
    inTransaction('await Promise.all(ids.map((i) => store.getCard(i)))'),
    inTransaction('await Promise.all(ids.map(async (i) => { await store.putCard(i) }))'),
    inTransaction('const bound = store.bound()\nconst preset = await presetOf(bound, deck)'),
    inTransaction('const n = await store.getTallies([k]).then(([r]) => r)'),
    inTransaction('const bound = store.bound()\nawait bound.appendChange(x)'),
    inTransaction('const c = await (id ? store.getCard(id) : store.getNote(id))'),
    // Outside a transaction anything may be awaited.
    'async function g() { await fetch("/x"); await new Promise((r) => setTimeout(r, 1)) }',
    // Returned: a plain value, a store call, a helper given the bound store.
    inTransaction('const card = await store.getCard(id)\nreturn card ? card.reps : 0'),
    inTransaction('return store.getCard(id)'),
    inTransaction('const bound = store.bound()\nreturn id ? presetOf(bound, id) : 0'),
    // A return inside a callback that is not async is not awaited by anyone.
    inTransaction('const bound = store.bound()\nreturn [id].map((i) => helper(store, i))'),
    // A nested transaction of the same store joins the outer one.
    inTransaction('await store.transaction(async () => { await store.getCard(id) })'),
  ],
  invalid: [
    {
      code: inTransaction('await new Promise((r) => setTimeout(r, 10))'),
      errors: [{ messageId: 'foreign' }],
    },
    {
      code: inTransaction('const bytes = await file.arrayBuffer()\nawait store.putMedia(bytes)'),
      errors: [{ messageId: 'foreign' }],
    },
    {
      code: inTransaction('await Promise.all([store.getCard(id), fetch("/x")])'),
      errors: [{ messageId: 'foreign' }],
    },
    {
      code: inTransaction('await Promise.all(ids.map((i) => askWorker(i)))'),
      errors: [{ messageId: 'foreign' }],
    },
    {
      code: inTransaction('const p = store.getCard(id)\nawait p'),
      errors: [{ messageId: 'foreign' }],
    },
    {
      code: inTransaction('await helper(id, store)'),
      errors: [{ messageId: 'foreign' }],
    },
    {
      // A helper is given the store bound to the transaction, not the store.
      code: inTransaction('const preset = await presetOf(store, deck)'),
      errors: [{ messageId: 'unbound' }],
    },
    {
      // …bound before the first await, while Dexie still knows the transaction.
      code: inTransaction(
        'const card = await store.getCard(id)\nconst bound = store.bound()\nawait presetOf(bound, card)',
      ),
      errors: [{ messageId: 'late' }],
    },
    {
      // Inside a nested function of the work, too: it runs while the transaction is open.
      code: inTransaction('const run = async () => { await sleep(5) }\nawait run()'),
      errors: [{ messageId: 'foreign' }, { messageId: 'foreign' }],
    },
    {
      // A helper's promise returned, not awaited, is awaited all the same.
      code: inTransaction('const bound = store.bound()\nreturn id ? presetOf(store, id) : 0'),
      errors: [{ messageId: 'unbound' }],
    },
    {
      // The work's own expression body is what the transaction awaits.
      code: 'function f(store, id) {\n  return store.transaction(() => rescheduleCards(store, id))\n}',
      errors: [{ messageId: 'unbound' }],
    },
    {
      // …and an async arrow's expression body is returned to whoever awaits it.
      code: inTransaction(
        'const bound = store.bound()\nawait Promise.all(ids.map(async (i) => helper(store, i)))',
      ),
      errors: [{ messageId: 'unbound' }],
    },
    {
      // A nested transaction's body is checked once, as its own.
      code: inTransaction('await store.transaction(async () => { await sleep(1) })'),
      errors: [{ messageId: 'foreign' }],
    },
  ],
})
