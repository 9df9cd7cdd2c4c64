import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import { resolve } from 'node:path'

export default defineConfig({
  main: {
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
    build: {
      // A sandboxed preload cannot require packages or run as ESM: bundle it as CommonJS.
      externalizeDeps: false,
      rolldownOptions: { output: { format: 'cjs' } },
    },
  },
  renderer: {
    plugins: [react()],
    build: { minify: true },
  },
})
