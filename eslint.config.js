import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const LAYERS = ['core', 'shared', 'node', 'app', 'main', 'preload', 'server', 'cli', 'renderer']
/** Import patterns naming every layer folder except the ones given. */
const ALIASED = ['core', 'shared']
const layersOtherThan = (...allowed) => LAYERS.filter((l) => !allowed.includes(l)).flatMap((l) => (ALIASED.includes(l) ? [`**/${l}/**`, `@${l}/**`] : [`**/${l}/**`]))
const NODE_BUILTINS = ['node:*', 'fs', 'fs/*', 'path', 'os', 'crypto', 'zlib', 'child_process', 'worker_threads', 'url', 'util', 'stream', 'buffer']
/** Other layers are named by alias (tsconfig paths), never reached by climbing ../../. */
const BY_ALIAS = { regex: '^(\\.\\./)+(core|shared)/', message: 'Import another layer by its alias: @core/… or @shared/….' }
/** Packages that touch the file system, the OS or the screen. */
const IMPURE_PACKAGES = ['electron', 'react', 'react-dom', 'lowdb', 'lowdb/*', 'chokidar']

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'src/core/compare/wordnet-synonyms.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Type-aware rules: a promise nobody awaits loses its error; a switch that forgets a case of a union is a bug.
    files: ['src/**/*.{ts,tsx}', 'e2e/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  // Layering, enforced (the README's diagram): core ← shared ← node ← app ← hosts (main, server,
  // cli); the renderer sees core and shared; the preload sees only the method names.
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/test/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: [...NODE_BUILTINS, ...IMPURE_PACKAGES, ...layersOtherThan('core')], message: 'src/core is pure domain logic: no Node, Electron, DOM, storage or other layers.' }] },
      ],
      'no-restricted-globals': ['error', ...['Buffer', 'process', '__dirname', 'require', 'window', 'document'].map((name) => ({ name, message: 'src/core runs anywhere: no Node or DOM globals.' }))],
    },
  },
  {
    // Core's tests may read fixtures from disk, but still import no other layer.
    files: ['src/core/**/test/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: layersOtherThan('core'), message: 'Core tests test core.' }] }] },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: [...NODE_BUILTINS, ...IMPURE_PACKAGES, ...layersOtherThan('core', 'shared')], message: 'src/shared is the contract: it sees core only.' }] },
      ],
    },
  },
  {
    files: ['src/node/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [BY_ALIAS, { group: ['electron', 'react', ...layersOtherThan('core', 'shared', 'node')], message: 'src/node adapts core to Node; it does not know the application or the hosts.' }],
        },
      ],
    },
  },
  {
    files: ['src/app/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            BY_ALIAS,
            { group: ['electron', 'react', ...layersOtherThan('core', 'shared', 'node', 'app')], message: 'src/app implements the contract; the hosts call it, never the reverse.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/**/*.ts', 'src/server/**/*.ts', 'src/cli/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [BY_ALIAS, { group: ['react', 'react-dom'], message: 'The hosts do not render.' }] }] },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(?!electron$|(\\.\\./shared|@shared)/(method-names|bridge)$)', message: 'The sandboxed preload imports only Electron, the method names and the bridge type.' }] },
      ],
    },
  },
  {
    // Only the IPC wrappers touch ipcMain/ipcRenderer (GitHub Desktop's rule).
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/main/ipc.ts', 'src/preload/index.ts'],
    rules: {
      'no-restricted-syntax': ['error', { selector: 'ImportSpecifier[imported.name=/^ipc(Main|Renderer)$/]', message: 'Use the typed IPC wrappers (src/main/ipc.ts, src/preload/index.ts).' }],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      // The full preset, React Compiler rules included (refs not read while rendering, no
      // synchronous setState in effects); exhaustive-deps as an error through --max-warnings=0.
      ...reactHooks.configs['recommended-latest'].rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            BY_ALIAS,
            { group: ['electron', ...NODE_BUILTINS, ...layersOtherThan('core', 'shared', 'renderer')], message: 'The renderer talks only to the typed API; it sees pure core and shared.' },
            // Schemas validate at the hosts; in the renderer zod only adds start-up time.
            {
              group: ['zod', '**/shared/contract', '@shared/contract', '**/core/annotations/model', '@core/annotations/model'],
              allowTypeImports: true,
              message: 'Types only: these modules bring zod into the renderer bundle.',
            },
          ],
        },
      ],
    },
  },
)
