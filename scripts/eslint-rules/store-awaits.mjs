/** An ESTree node, walked by its `type` (the walker reads every node kind alike). */
/** @typedef {any} Node */

/**
 * Inside `x.transaction(async () => …)`, only calls on the store (`x.…`, or a value it handed
 * out such as `const bound = x.bound()`) and helpers given the store as their first argument
 * may be awaited — alone, in `Promise.all`, or with `.then`. IndexedDB commits a transaction
 * as soon as it waits on nothing of its own, so awaiting a timer, a worker, `fetch` or a file
 * inside one ends it under the code's feet (TransactionInactiveError). Helpers taking the store
 * are trusted here and checked where their own transactions are written; they must be given
 * the store bound to the transaction (`x.bound()`, taken before the first await), because Dexie
 * follows a transaction across native awaits only so far, and a helper's reads past that point
 * run outside it (a recount once hung so).
 *
 * @type {import('eslint').Rule.RuleModule}
 */
export default {
  meta: {
    type: 'problem',
    docs: { description: 'only store calls may be awaited inside store.transaction' },
    messages: {
      foreign:
        'Only calls on `{{store}}` (or helpers given it first) may be awaited inside ' +
        '{{store}}.transaction: `{{text}}` is not one. IndexedDB ends the transaction when ' +
        'it waits on anything else; do this before or after the transaction.',
      late:
        '`{{text}}` comes after an await: bind the store before the first await of ' +
        '{{store}}.transaction, while Dexie still knows the transaction.',
      unbound:
        'A helper awaited inside {{store}}.transaction is given `{{store}}.bound()`, not ' +
        '`{{store}}`: `{{text}}`. Dexie follows its transaction across native awaits only so ' +
        'far; a helper with a longer chain would read and write outside it.',
    },
    schema: [],
  },
  create(context) {
    const source = context.sourceCode
    const text = (/** @type {Node} */ node) => source.getText(node)
    const isFunction = (/** @type {Node} */ node) =>
      node?.type === 'ArrowFunctionExpression' || node?.type === 'FunctionExpression'
    const transactionWork = (/** @type {Node} */ node) =>
      node.type === 'CallExpression' &&
      node.callee.type === 'MemberExpression' &&
      !node.callee.computed &&
      node.callee.property.type === 'Identifier' &&
      node.callee.property.name === 'transaction' &&
      isFunction(node.arguments[0])
        ? node.arguments[0]
        : null

    /** Every node under `root`, not entering nested transactions (they are checked on their own). */
    /** @param {Node} root @returns {Generator<Node>} */
    function* walk(root) {
      const stack = [root]
      while (stack.length) {
        const node = stack.pop()
        yield node
        if (node !== root && transactionWork(node)) continue
        for (const [key, value] of Object.entries(node)) {
          if (key === 'parent') continue
          for (const child of Array.isArray(value) ? value : [value])
            if (child && typeof child.type === 'string') stack.push(child)
        }
      }
    }

    return {
      CallExpression(/** @type {Node} */ node) {
        const work = transactionWork(node)
        if (!work) return
        const store = text(node.callee.object)
        // The store and what it hands out (`const bound = store.bound()`).
        const receivers = new Set([store])
        /** The store bound to this transaction (`store.bound()`): what helpers are given. */
        const bound = new Set()
        for (const n of walk(work.body))
          if (
            n.type === 'VariableDeclarator' &&
            n.id.type === 'Identifier' &&
            n.init?.type === 'CallExpression' &&
            n.init.callee.type === 'MemberExpression' &&
            text(n.init.callee.object) === store
          ) {
            receivers.add(n.id.name)
            if (n.init.callee.property.name === 'bound') bound.add(n.id.name)
          }
        const onStore = (/** @type {Node} */ object) => {
          const t = text(object)
          return [...receivers].some((r) => t === r || t.startsWith(`${r}.`))
        }
        /** @param {Node} expr @returns {boolean} */
        const allowed = (expr) => {
          if (expr.type === 'ConditionalExpression')
            return allowed(expr.consequent) && allowed(expr.alternate)
          if (expr.type === 'TSAsExpression' || expr.type === 'TSNonNullExpression')
            return allowed(expr.expression)
          if (expr.type !== 'CallExpression') return false
          const { callee, arguments: args } = expr
          if (callee.type === 'MemberExpression') {
            if (onStore(callee.object)) return true
            const name = callee.property.type === 'Identifier' ? callee.property.name : ''
            if (['then', 'catch', 'finally'].includes(name)) return allowed(callee.object)
            if (text(callee.object) === 'Promise' && ['all', 'allSettled'].includes(name)) {
              const [list] = args
              if (list?.type === 'ArrayExpression')
                return list.elements.every(
                  (/** @type {Node} */ e) => e && e.type !== 'SpreadElement' && allowed(e),
                )
              // `Promise.all(xs.map((x) => …))`: an async callback's own awaits are checked
              // as part of this body; an expression callback must itself be a store call.
              const map =
                list?.type === 'CallExpression' &&
                list.callee.type === 'MemberExpression' &&
                list.callee.property.name === 'map' &&
                list.arguments[0]
              if (!isFunction(map)) return false
              return map.async || (map.body.type !== 'BlockStatement' && allowed(map.body))
            }
          }
          // A helper given the bound store first (`presetOf(bound, …)`): its own chain of
          // awaits may be longer than Dexie follows a transaction across.
          if (args.length > 0 && bound.has(text(args[0]))) return true
          if (args.length > 0 && receivers.has(text(args[0]))) {
            unbound.push(expr)
            return true
          }
          return false
        }
        /** Helpers given the store itself rather than `store.bound()`. @type {Node[]} */
        const unbound = []
        for (const n of walk(work.body))
          if (n.type === 'AwaitExpression' && !allowed(n.argument))
            context.report({
              node: n,
              messageId: 'foreign',
              data: { store, text: text(n.argument).slice(0, 60) },
            })
        // A promise returned is awaited too: by the transaction (the work's own return), or by
        // whoever awaits the async function returning it. What is returned is often a plain
        // value, so only a helper given the store is checked there: it must be the bound one.
        /** @param {Node} expr */
        const returnedHelper = (expr) => {
          if (!expr) return
          if (expr.type === 'ConditionalExpression') {
            returnedHelper(expr.consequent)
            returnedHelper(expr.alternate)
          } else if (expr.type === 'LogicalExpression') {
            returnedHelper(expr.left)
            returnedHelper(expr.right)
          } else if (expr.type === 'TSAsExpression' || expr.type === 'TSNonNullExpression') {
            returnedHelper(expr.expression)
          } else if (
            expr.type === 'CallExpression' &&
            !(expr.callee.type === 'MemberExpression' && onStore(expr.callee.object)) &&
            expr.arguments.length > 0 &&
            receivers.has(text(expr.arguments[0])) &&
            !bound.has(text(expr.arguments[0]))
          )
            unbound.push(expr)
        }
        /** The function a return statement returns from. @param {Node} node */
        const functionOf = (node) => {
          let at = node.parent
          while (at && !isFunction(at) && at.type !== 'FunctionDeclaration') at = at.parent
          return at
        }
        if (work.body.type !== 'BlockStatement') returnedHelper(work.body)
        for (const n of walk(work.body)) {
          const from = n.type === 'ReturnStatement' ? functionOf(n) : null
          if (from && (from === work || from.async)) returnedHelper(n.argument)
          else if (isFunction(n) && n.async && n.body.type !== 'BlockStatement')
            returnedHelper(n.body)
        }
        // Bound before the first await: once Dexie has lost the transaction, `bound()` has
        // none to bind to and hands back the store itself.
        const firstAwait = Math.min(
          ...[...walk(work.body)]
            .filter((n) => n.type === 'AwaitExpression')
            .map((n) => n.range[0]),
        )
        for (const n of walk(work.body))
          if (
            n.type === 'VariableDeclarator' &&
            n.id.type === 'Identifier' &&
            bound.has(n.id.name) &&
            n.range[0] > firstAwait
          )
            context.report({ node: n, messageId: 'late', data: { store, text: text(n) } })
        for (const call of unbound)
          context.report({
            node: call,
            messageId: 'unbound',
            data: { store, text: text(call).slice(0, 60) },
          })
      },
    }
  },
}
