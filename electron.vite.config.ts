import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import { resolve } from 'node:path'
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

export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      // Dependencies are bundled into out/main: the worker scripts run unpacked from the asar
      // archive (worker threads cannot load from it), and a bare import there would look for
      // node_modules outside the archive. Only Electron itself stays external, and the two
      // SQLite builds, which the search worker requires at run time from node_modules unpacked
      // beside it (electron-builder.yml).
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
