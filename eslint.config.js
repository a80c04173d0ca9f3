// Layer rules from ../shared/DESIGN.md ("Layers"): a wrong import fails `npm test`.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import storeAwaits from './scripts/eslint-rules/store-awaits.mjs'

/** Time and chance are arguments in `layer` (DESIGN.md): no clock reads, no Math.random. */
const noClockOrChance = (layer) => [
  'error',
  {
    selector: "MemberExpression[object.name='Math'][property.name='random']",
    message: `${layer} takes chance as an argument (a seed)`,
  },
  {
    selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
    message: `${layer} takes \`now\` as an argument`,
  },
  {
    selector: "NewExpression[callee.name='Date'][arguments.length=0]",
    message: `${layer} takes \`now\` as an argument`,
  },
]
const CORE_LIBRARIES = [
  'ts-fsrs',
  'zod',
  'jsonc-parser',
  'fastest-levenshtein',
  'entities',
  // The file formats of imports and exports (issue 9): zip, zstd, protobuf, SQLite (WASM), CSV.
  'fflate',
  // Writes the backup archive with every entry's sizes before its data (fflate's streaming
  // writer leaves them to a trailing descriptor, which a streaming reader cannot trust).
  '@zip.js/zip.js',
  'fzstd',
  '@bufbuild/protobuf/wire',
  'sql.js',
  'papaparse',
  'mime/lite',
  // Reading documents and proposing cards from them (issue 10): HTML and Markdown parsing, NLP.
  'htmlparser2',
  'marked',
  'compromise',
  // Media stored by content (issue 19): SHA-256, pure JS, the same in every host.
  '@noble/hashes/sha2',
  '@noble/hashes/utils',
  // Anki's note checksum (notes.csum) is SHA-1.
  '@noble/hashes/legacy',
  // A note type's stylesheet, parsed to keep only what is safe and scoped to the card: the
  // parser and generator alone (the package's main entry builds a lexer the app never uses).
  'css-tree',
  'css-tree/parser',
  'css-tree/generator',
]
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'url', 'crypto']

/**
 * The layer table (DESIGN.md "Layers"), as VS Code's code-layering: for each layer, the
 * layers it may import and the packages it may not (or the only ones it may). Every edge not
 * listed is an error, and `scripts/layers.test.ts` probes each forbidden one.
 */
export const LAYERS = [
  {
    name: 'core',
    files: ['src/core/**/*.ts'],
    may: ['core'],
    onlyPackages: CORE_LIBRARIES,
    why: 'src/core is pure domain logic: it imports only itself and small pure libraries',
  },
  {
    name: 'app',
    files: ['src/app/**/*.ts'],
    may: ['core', 'app'],
    onlyPackages: CORE_LIBRARIES,
    why: 'src/app (the use cases) imports only core and itself: every host and store shares it',
  },
  {
    name: 'shared',
    files: ['src/shared/**/*.ts'],
    may: ['core', 'shared'],
    bannedPackages: ['electron', 'electron/*', 'dexie', 'react', 'react-dom', ...nodeBuiltins],
    why: 'src/shared (the IPC contract) is imported by every runtime: it may import only core',
  },
  {
    name: 'main',
    files: ['src/main/**/*.ts'],
    // The command line's file reader is plain Node, shared with the backup folder.
    may: ['core', 'shared', 'main', 'cli/file-source'],
    bannedPackages: ['dexie', 'react', 'react-dom', 'dexie-react-hooks'],
    why: 'main may import core, shared, electron and node',
  },
  {
    name: 'cli',
    files: ['src/cli/**/*.ts'],
    may: ['core', 'app', 'cli'],
    bannedPackages: ['electron', 'electron/*', 'dexie', 'react', 'react-dom', 'dexie-react-hooks'],
    // Its tests may run the renderer's optimizer worker code (the same trainer in Node).
    testsMay: ['renderer/optimize'],
    why: 'the command line runs the use cases in Node: core, app and itself',
  },
  {
    name: 'renderer',
    files: ['src/renderer/storage/**/*.ts'],
    may: ['core', 'app', 'shared', 'renderer'],
    bannedPackages: ['electron', 'electron/*', ...nodeBuiltins],
    why: 'the storage adapter may import core, app, shared and dexie',
  },
  {
    name: 'renderer',
    files: ['src/renderer/**/*.{ts,tsx}'],
    ignores: ['src/renderer/storage/**', 'src/renderer/components/**', 'src/renderer/App.tsx'],
    may: ['core', 'app', 'shared', 'renderer'],
    bannedPackages: ['electron', 'electron/*', 'dexie', ...nodeBuiltins],
    why: 'the renderer reaches the host through `platform` and the data through src/app; only src/renderer/storage touches Dexie',
  },
  {
    name: 'renderer',
    files: ['src/renderer/components/**/*.tsx', 'src/renderer/App.tsx'],
    may: ['core', 'app', 'shared', 'renderer'],
    alsoBanned: ['**/storage/**', '**/app-services'],
    bannedPackages: ['electron', 'electron/*', 'dexie', ...nodeBuiltins],
    why: 'components read through hooks (queries, study/) and write through `commands`, never storage, app-services or the host',
  },
]

const LAYER_NAMES = ['core', 'app', 'shared', 'main', 'preload', 'cli', 'renderer']

/** The import patterns a layer may not use: every other layer's folder. */
function forbiddenFolders(layer, tests) {
  const may = [...layer.may, ...(tests ? (layer.testsMay ?? []) : [])]
  const folders = LAYER_NAMES.filter((n) => !may.includes(n)).map((n) => `**/${n}/**`)
  // A layer allowed one file of another: that folder stays banned but for the file.
  const allowed = may.filter((m) => m.includes('/')).map((m) => `!**/${m}`)
  return [...folders, ...allowed, ...allowed.map((a) => `${a}/**`)]
}

function layerRule(layer, tests) {
  const patterns = [
    { group: [...forbiddenFolders(layer, tests), ...(layer.alsoBanned ?? [])], message: layer.why },
  ]
  if (layer.onlyPackages)
    patterns.push({
      regex: `^(?!\\.|(${[...layer.onlyPackages, 'vitest'].join('|')})$)`,
      message: `${layer.name} may import only ${layer.onlyPackages.join(', ')} (and vitest in tests)`,
    })
  if (layer.bannedPackages) patterns.push({ group: layer.bannedPackages, message: layer.why })
  return ['error', { patterns }]
}

const layerBlocks = LAYERS.flatMap((layer) => {
  const blocks = [
    {
      files: layer.files,
      ...(layer.ignores ? { ignores: layer.ignores } : {}),
      rules: { 'no-restricted-imports': layerRule(layer, false) },
    },
  ]
  if (layer.testsMay)
    blocks.push({
      files: layer.files.map((f) => f.replace(/\*\.ts$/, '*.test.ts')),
      rules: { 'no-restricted-imports': layerRule(layer, true) },
    })
  return blocks
})

export default tseslint.config(
  {
    ignores: ['out/**', 'dist/**', 'node_modules/**', 'playwright-report/**', 'test-results/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Ambient declaration files cannot use `import type` without becoming modules.
    files: ['**/*.d.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  ...layerBlocks,
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'window', message: 'core has no DOM' },
        { name: 'document', message: 'core has no DOM' },
        { name: 'localStorage', message: 'core has no DOM' },
      ],
      'no-restricted-syntax': noClockOrChance('core'),
    },
  },
  {
    files: ['src/app/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'window', message: 'app has no DOM' },
        { name: 'document', message: 'app has no DOM' },
        { name: 'indexedDB', message: 'app reaches storage through the store interface' },
      ],
      'no-restricted-syntax': noClockOrChance('app'),
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // Only the list of IPC method names: the sandboxed preload bundles nothing else.
              regex: '^(?!electron$|\\.\\./shared/ipc-methods$)',
              message: 'the preload imports electron and ../shared/ipc-methods only',
            },
          ],
        },
      ],
    },
  },
  {
    // Every place a transaction's work is written (DESIGN.md "Transactions"): only the
    // store's own calls may be awaited in it (scripts/eslint-rules/store-awaits.mjs).
    files: ['src/app/**/*.ts', 'src/renderer/**/*.{ts,tsx}', 'src/cli/**/*.ts'],
    ignores: ['**/*.test.ts'],
    plugins: { attache: { rules: { 'store-awaits': storeAwaits } } },
    rules: { 'attache/store-awaits': 'error' },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
)
