import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import { resolve } from 'node:path'
import { readFileSync } from 'node:fs'
import type { Plugin } from 'vite'
import { META_CONTENT_SECURITY_POLICY } from './src/shared/csp'

/** Writes the one Content-Security-Policy (src/shared/csp.ts) into index.html's meta tag. */
function cspMetaTag(): Plugin {
  return {
    name: 'parallax-csp-meta',
    transformIndexHtml: (html) => {
      if (!html.includes('%PARALLAX_CSP%')) throw new Error('index.html lost its %PARALLAX_CSP% placeholder')
      return html.replace('%PARALLAX_CSP%', META_CONTENT_SECURITY_POLICY)
    },
  }
}

/** The path aliases of tsconfig.base.json: layers are named, not climbed to with ../../. */
const alias = { '@core': resolve(__dirname, 'src/core'), '@shared': resolve(__dirname, 'src/shared') }

/**
 * SQLite's WebAssembly binary, beside the bundled code that loads it: node-sqlite3-wasm looks
 * for it next to its own script, which the bundler places in out/main or out/main/chunks
 * (unpacked from the asar archive with the workers, electron-builder.yml).
 */
function sqliteWasm(): Plugin {
  const source = readFileSync(resolve(__dirname, 'node_modules/node-sqlite3-wasm/dist/node-sqlite3-wasm.wasm'))
  return {
    name: 'parallax-sqlite-wasm',
    generateBundle() {
      for (const fileName of ['node-sqlite3-wasm.wasm', 'chunks/node-sqlite3-wasm.wasm']) this.emitFile({ type: 'asset', fileName, source })
    },
  }
}

export default defineConfig({
  main: {
    resolve: { alias },
    plugins: [sqliteWasm()],
    build: {
      // Dependencies are bundled into out/main: the worker scripts run unpacked from the asar
      // archive (worker threads cannot load from it), and a bare import there would look for
      // node_modules outside the archive. Only Electron itself stays external.
      externalizeDeps: false,
      rolldownOptions: {
        external: ['electron', /^electron\//],
        // The CLI / HTTP host and the parse worker share the main build: same core, one output.
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          cli: resolve(__dirname, 'src/cli/index.ts'),
          'parse-worker': resolve(__dirname, 'src/node/parse-worker.ts'),
          'search-worker': resolve(__dirname, 'src/node/search-worker.ts'),
        },
      },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      // A sandboxed preload cannot require packages or run as ESM: bundle it as CommonJS.
      externalizeDeps: false,
      rolldownOptions: { output: { format: 'cjs' } },
    },
  },
  renderer: {
    resolve: { alias },
    plugins: [react(), cspMetaTag()],
    build: { minify: true },
  },
})
