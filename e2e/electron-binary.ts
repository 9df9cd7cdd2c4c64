import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** Path of the installed Electron binary, or undefined (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1). */
export function electronBinary(): string | undefined {
  const dir = join(process.cwd(), 'node_modules', 'electron')
  const pathFile = join(dir, 'path.txt')
  if (!existsSync(pathFile)) return undefined
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? binary : undefined
}

export const ELECTRON_SKIP_REASON =
  'Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD=1 / no download access): the Electron project is skipped; the same specs ran against `parallax serve` in Chromium.'
