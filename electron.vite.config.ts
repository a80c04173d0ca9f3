import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import { productionCspPlugin } from './build/csp-plugin'

const platformImpl = resolve(__dirname, 'src/renderer/platform/electron-platform.ts')

export default defineConfig({
  main: {
    build: { rollupOptions: { input: { index: resolve(__dirname, 'src/main/index.ts') } } },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        // Sandboxed preloads must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    publicDir: resolve(__dirname, 'resources'),
    resolve: { alias: { '@platform': platformImpl } },
    plugins: [productionCspPlugin()],
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/renderer/index.html') },
        // As in the web build (vite.web.config.ts): Zod's eval probe is off before any schema
        // in another chunk runs, so the strict CSP reports nothing.
        output: { strictExecutionOrder: true },
      },
    },
  },
})
