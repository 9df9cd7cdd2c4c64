#!/usr/bin/env node
// The `parallax` command: runs the built CLI (npm run build produces out/main/cli.js).
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const built = join(dirname(fileURLToPath(import.meta.url)), '..', 'out', 'main', 'cli.js')
if (!existsSync(built)) {
  process.stderr.write('parallax: the app is not built yet. Run `npm run build` first.\n')
  process.exit(1)
}
const { main } = await import(pathToFileURL(built).href)
process.exitCode = await main(process.argv.slice(2))
