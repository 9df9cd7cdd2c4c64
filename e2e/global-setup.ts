import { existsSync } from 'node:fs'
import { ELECTRON_SKIP_REASON, electronBinary } from './electron-binary'

export default function globalSetup(): void {
  if (!existsSync('out/main/cli.js') || !existsSync('out/renderer/index.html')) throw new Error('Build first: npm run build')
  if (!electronBinary()) process.stdout.write(`\n[e2e] ${ELECTRON_SKIP_REASON}\n\n`)
}
