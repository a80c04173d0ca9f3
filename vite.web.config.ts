import compression from 'compression'
import { resolve } from 'node:path'
import { defineConfig, type Connect } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'
// Loaded with `--configLoader runner` (see package.json): the deck plugin reuses the main
// process's TypeScript deck loader.
import { decksPlugin } from './build/decks-plugin.ts'
import { productionCspPlugin } from './build/csp-plugin.ts'

const root = import.meta.dirname

/**
 * The browser host: the same renderer as the Electron window, with the web platform.
 * `--mode e2e` builds to out/web-e2e and adds the e2e fixture decks (one of them malformed).
 */
export default defineConfig(({ mode }) => {
  const e2e = mode === 'e2e'
  return {
    root: resolve(root, 'src/renderer'),
    base: './',
    // resources/ holds the app icon, served beside index.html.
    publicDir: resolve(root, 'resources'),
    plugins: [
      decksPlugin([resolve(root, 'decks'), ...(e2e ? [resolve(root, 'e2e/fixtures/decks')] : [])]),
      productionCspPlugin(),
      // `npm run serve:web` compresses what it sends (gzip), as static hosts do: a phone on a
      // slow network fetches the scripts at about a third of their size.
      {
        name: 'attache-compressed-preview',
        configurePreviewServer(server) {
          // compression's types are Express's; connect hands it the same Node request.
          server.middlewares.use(compression() as unknown as Connect.NextHandleFunction)
        },
      },
      // Installable and offline after one visit (issue 23): Workbox precaches the app shell, the
      // built-in decks (bundled in the scripts), the workers and the WebAssembly files. A new
      // version waits until every tab of the old one is closed (`prompt`, no skipWaiting), so
      // it never swaps code under a study session.
      VitePWA({
        registerType: 'prompt',
        injectRegister: false,
        manifest: {
          name: 'Attaché',
          short_name: 'Attaché',
          description: 'Spaced-repetition study for foreign-service exams, offline.',
          start_url: './',
          scope: './',
          display: 'standalone',
          background_color: '#ffffff',
          theme_color: '#1f3a5f',
          icons: [{ src: 'icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
        },
        workbox: {
          globPatterns: ['**/*.{js,css,html,svg,wasm,webmanifest}'],
          // The FSRS optimizer's WebAssembly is 1.7 MB, the main script 1.1 MB.
          maximumFileSizeToCacheInBytes: 8 * 2 ** 20,
          navigateFallback: 'index.html',
        },
      }),
    ],
    resolve: { alias: { '@platform': resolve(root, 'src/renderer/platform/web-platform.ts') } },
    build: {
      outDir: resolve(root, e2e ? 'out/web-e2e' : 'out/web'),
      emptyOutDir: true,
      // Modules run in import order even across chunks: zod-config.ts turns Zod's eval probe off
      // before a schema in another chunk is first used (else the CSP reports a violation).
      rolldownOptions: { output: { strictExecutionOrder: true } },
    },
    // `npm run web` serves on 5173; ATTACHE_WEB_PORT picks another (the e2e suite uses a free one).
    server: process.env['ATTACHE_WEB_PORT']
      ? { port: Number(process.env['ATTACHE_WEB_PORT']), strictPort: true }
      : { port: 5173 },
    preview: { port: 4173, strictPort: true },
    // The import worker's libraries, optimized up front: found only when the worker first loads,
    // they made the dev server re-optimize and reload the page in the middle of an import.
    optimizeDeps: {
      include: [
        '@noble/hashes/sha2',
        '@noble/hashes/utils',
        '@noble/hashes/legacy',
        'fflate',
        '@zip.js/zip.js',
        'fzstd',
        'entities',
        'papaparse',
        'mime/lite',
        'css-tree',
      ],
    },
  }
})
