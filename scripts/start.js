// `npm start`: build, then launch Electron — or explain how to get it when the binary is absent.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const electronDir = join(root, 'node_modules', 'electron')
const pathFile = join(electronDir, 'path.txt')
const binary = existsSync(pathFile) ? join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()) : undefined

if (!binary || !existsSync(binary)) {
  process.stderr.write(`The Electron binary is not installed (it was skipped with ELECTRON_SKIP_BINARY_DOWNLOAD=1,
or its download failed). To run the desktop app:

  * on a machine with internet access:   node node_modules/electron/install.js
  * or use the browser host instead:      npm run serve
    (same UI and library, served on http://127.0.0.1 with an access token)
`)
  process.exit(1)
}
const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' })
if (build.status !== 0) process.exit(build.status ?? 1)
spawn(binary, [root], { cwd: root, stdio: 'inherit' }).on('exit', (code) => process.exit(code ?? 0))
