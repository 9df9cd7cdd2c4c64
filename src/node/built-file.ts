import { existsSync } from 'node:fs'
import { sep } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Path of a built entry (a worker script) next to the main bundle. Code importing this may be
 * bundled into `out/main/chunks/`, so both its own folder and the parent are checked; under
 * Vitest (TypeScript sources) neither exists and callers fall back to in-process work.
 */
export function builtFile(name: string): string | undefined {
  for (const rel of [`./${name}`, `../${name}`]) {
    const path = unpackedPath(fileURLToPath(new URL(rel, import.meta.url)), existsSync)
    if (existsSync(path)) return path
  }
  return undefined
}

/**
 * In the packaged app the bundle lives in `app.asar`, which worker threads cannot load from;
 * the worker scripts are unpacked beside it (`asarUnpack` in electron-builder.yml) into
 * `app.asar.unpacked`, at the same relative path.
 */
export function unpackedPath(path: string, exists: (p: string) => boolean, separator = sep): string {
  const marker = `${separator}app.asar${separator}`
  const at = path.lastIndexOf(marker)
  if (at < 0) return path
  const unpacked = `${path.slice(0, at)}${separator}app.asar.unpacked${separator}${path.slice(at + marker.length)}`
  return exists(unpacked) ? unpacked : path
}
