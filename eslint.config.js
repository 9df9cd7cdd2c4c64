import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  {
    // Layering (as in VS Code): core is pure domain code; it never imports Electron, the DOM
    // layer, hosts or the UI.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['electron', '**/main/**', '**/renderer/**', '**/server/**', '**/node/**', '**/cli/**', 'react'], message: 'src/core is pure: no Electron, hosts or UI.' }] }],
    },
  },
  {
    // Only the IPC wrappers touch ipcMain/ipcRenderer (GitHub Desktop's rule).
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/main/ipc.ts', 'src/preload/index.ts'],
    rules: {
      'no-restricted-syntax': ['error', { selector: "ImportSpecifier[imported.name=/^ipc(Main|Renderer)$/]", message: 'Use the typed IPC wrappers (src/main/ipc.ts, src/preload/index.ts).' }],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'node:*', '**/core/service/**', '**/core/library/**', '**/node/**', '**/server/**', '**/main/**'], message: 'The renderer talks only to the typed API.' },
            // Schemas validate at the hosts; in the renderer zod only adds start-up time.
            { group: ['zod', '**/shared/contract', '**/core/annotations/model'], allowTypeImports: true, message: 'Types only: these modules bring zod into the renderer bundle.' },
          ],
        },
      ],
    },
  },
)
