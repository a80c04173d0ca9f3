// Layer rules from ../shared/DESIGN.md ("Layers"): a wrong import fails `npm test`.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

const banned = (names, why) => names.map((name) => ({ name, message: why }))
const bannedPatterns = (groups, why) => [{ group: groups, message: why }]

const electronOnly = ['electron', 'electron/*']

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
  // A note type's stylesheet, parsed to keep only what is safe and scoped to the card.
  'css-tree',
]
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'url', 'crypto']

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
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: banned(
            ['electron', 'dexie', 'react', 'react-dom', 'dexie-react-hooks'],
            'src/core is pure domain logic',
          ),
          patterns: [
            ...bannedPatterns(
              [...nodeBuiltins, '**/main/**', '**/renderer/**', '**/preload/**', '**/shared/**'],
              'src/core imports only itself and small pure libraries',
            ),
            {
              // The allow-list of libraries core may use (README, "Layers").
              regex: `^(?!\\.|(${[...CORE_LIBRARIES, 'vitest'].join('|')})$)`,
              message: `core may import only itself and ${CORE_LIBRARIES.join(', ')} (and vitest in tests)`,
            },
          ],
        },
      ],
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
    // The use cases: over the store interface only, so every host (renderer, worker, CLI) and
    // every store (Dexie, in-memory) shares them.
    files: ['src/app/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: banned(
            ['electron', 'dexie', 'react', 'react-dom', 'dexie-react-hooks'],
            'src/app is written against the store interface, not a UI or a database',
          ),
          patterns: [
            ...bannedPatterns(
              [
                ...nodeBuiltins,
                '**/main/**',
                '**/renderer/**',
                '**/preload/**',
                '**/shared/**',
                '**/cli/**',
              ],
              'src/app imports only core and itself',
            ),
            {
              regex: `^(?!\\.|(${[...CORE_LIBRARIES, 'vitest'].join('|')})$)`,
              message: `app may import only core, itself and ${CORE_LIBRARIES.join(', ')} (and vitest in tests)`,
            },
          ],
        },
      ],
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
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: banned(
            ['electron', 'dexie', 'react', 'react-dom'],
            'src/shared is imported by every runtime',
          ),
          patterns: bannedPatterns(
            [...nodeBuiltins, '**/main/**', '**/renderer/**', '**/preload/**'],
            'src/shared may import only core',
          ),
        },
      ],
    },
  },
  {
    files: ['src/main/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: banned(
            ['dexie', 'react', 'react-dom', 'dexie-react-hooks'],
            'main never touches renderer libraries',
          ),
          patterns: bannedPatterns(
            ['**/renderer/**', '**/preload/**'],
            'main may import core, shared, electron and node',
          ),
        },
      ],
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: banned(
            ['dexie', 'react', 'react-dom'],
            'the preload exposes the IPC contract only',
          ),
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
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: banned(electronOnly, 'the renderer reaches the host only through `platform`'),
          patterns: bannedPatterns(
            [...nodeBuiltins, 'electron/*', '**/main/**', '**/preload/**'],
            'the renderer may import core, shared, react and dexie',
          ),
        },
      ],
    },
  },
  {
    // Only src/renderer/storage touches Dexie; the rest of the renderer goes through src/app.
    files: ['src/renderer/**/*.{ts,tsx}'],
    ignores: ['src/renderer/storage/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: banned([...electronOnly, 'dexie'], 'only src/renderer/storage touches Dexie'),
          patterns: bannedPatterns(
            [...nodeBuiltins, 'electron/*', '**/main/**', '**/preload/**'],
            'the renderer may import core, app, shared, react and its storage adapter',
          ),
        },
      ],
    },
  },
  {
    // Components read through hooks (live-data, the study session): never the database, the
    // store or app-services.
    files: ['src/renderer/components/**/*.tsx', 'src/renderer/App.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: banned([...electronOnly, 'dexie'], 'components read through hooks, never tables'),
          patterns: bannedPatterns(
            [...nodeBuiltins, '**/main/**', '**/preload/**', '**/storage/**', '**/app-services'],
            'components read through hooks (live-data, study/), never storage or app-services',
          ),
        },
      ],
    },
  },
)
