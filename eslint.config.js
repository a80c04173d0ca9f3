// Layer rules from ../shared/DESIGN.md ("Layers"): a wrong import fails `npm test`.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

const banned = (names, why) => names.map((name) => ({ name, message: why }))
const bannedPatterns = (groups, why) => [{ group: groups, message: why }]

const electronOnly = ['electron', 'electron/*']
const CORE_LIBRARIES = ['ts-fsrs', 'zod', 'jsonc-parser', 'fastest-levenshtein']
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
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='Math'][property.name='random']",
          message: 'core takes chance as an argument (a seed)',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'core takes `now` as an argument',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'core takes `now` as an argument',
        },
      ],
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
          patterns: bannedPatterns(
            [...nodeBuiltins, '**/main/**', '**/renderer/**', '**/core/**'],
            'the preload imports shared (the contract) and electron only',
          ),
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
    // Components read through hooks; only src/renderer/storage touches Dexie tables.
    files: ['src/renderer/components/**/*.tsx', 'src/renderer/App.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: banned(
            [...electronOnly, 'dexie'],
            'components read through storage hooks (useLiveQuery), never tables',
          ),
          patterns: bannedPatterns(
            [...nodeBuiltins, '**/main/**', '**/preload/**'],
            'components may import core, shared, react and storage',
          ),
        },
      ],
    },
  },
)
