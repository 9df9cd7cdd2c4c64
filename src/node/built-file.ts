import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/**
 * Path of a built entry (a worker script) next to the main bundle. Code importing this may be
 * bundled into `out/main/chunks/`, so both its own folder and the parent are checked; under
 * Vitest (TypeScript sources) neither exists and callers fall back to in-process work.
 */
export function builtFile(name: string): string | undefined {
  for (const rel of [`./${name}`, `../${name}`]) {
    const path = fileURLToPath(new URL(rel, import.meta.url))
    if (existsSync(path)) return path
  }
  return undefined
}
