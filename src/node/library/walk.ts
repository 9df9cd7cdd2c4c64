import { lstatSync, type Dirent, type Stats } from 'node:fs'
import { readdir, realpath, stat } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import { isIgnoredName, isIgnoredPath } from '@core/library/ignore'

/** A file found in the library, with what reconciliation needs to skip re-reading it. */
export interface FoundFile {
  /** Path relative to the library root, always with `/`. */
  path: string
  size: number
  mtimeMs: number
}

export function toLibraryPath(root: string, absolute: string): string {
  return relative(root, absolute).split(sep).join('/')
}

/** True when `target` is `root` or inside it (after resolving symlinks on both). */
export function isInside(root: string, target: string): boolean {
  const rel = relative(root, target)
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel))
}

/** Files stat'ed between two turns of the event loop (a few milliseconds of work). */
const STATS_PER_TURN = 500

/**
 * A file's size and time, synchronously: awaited one by one, 10,000 lstat calls took 450 ms
 * of thread-pool round trips, as a synchronous loop 30 ms.
 */
function statOf(path: string): Stats | undefined {
  try {
    return lstatSync(path, { throwIfNoEntry: false })
  } catch {
    return undefined // unreadable: skipped, as a file that vanished meanwhile
  }
}

/**
 * Lists every non-ignored file under the library. Symbolic links are followed only when they
 * resolve inside the library (a link to `/` or to another corpus must not pull it in), and
 * each real directory is visited once, so link cycles end.
 */
export async function walkLibrary(root: string): Promise<FoundFile[]> {
  const realRoot = await realpath(root)
  const out: FoundFile[] = []
  const seen = new Set<string>()
  let statted = 0
  async function visit(dir: string): Promise<void> {
    const real = await realpath(dir).catch(() => undefined)
    if (!real || seen.has(real) || !isInside(realRoot, real)) return
    seen.add(real)
    let entries: Dirent[]
    try {
      entries = await readdir(dir, { withFileTypes: true })
    } catch {
      return // an unreadable sub-folder is skipped, the rest of the library still loads
    }
    const subdirs: string[] = []
    for (const entry of entries) {
      if (isIgnoredName(entry.name)) continue
      const full = join(dir, entry.name)
      if (entry.isSymbolicLink()) {
        const target = await realpath(full).catch(() => undefined)
        if (!target || !isInside(realRoot, target)) continue
        const s = await stat(full).catch(() => undefined)
        if (s?.isDirectory()) subdirs.push(full)
        else if (s?.isFile()) out.push({ path: toLibraryPath(root, full), size: s.size, mtimeMs: s.mtimeMs })
      } else if (entry.isDirectory()) subdirs.push(full)
      else if (entry.isFile()) {
        const s = statOf(full)
        if (s) out.push({ path: toLibraryPath(root, full), size: s.size, mtimeMs: s.mtimeMs })
        // A pause now and then: a folder of 30,000 files must not hold the thread in one go.
        if (++statted % STATS_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve))
      }
    }
    // One folder after another: folders listed at once would all run their stat loops in one turn.
    for (const sub of subdirs) await visit(sub)
  }
  await visit(root)
  // Code-unit order: deterministic, and 10,000 locale comparisons are not worth their cost here.
  out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  return out
}

/**
 * The walk's rules applied to one path, for watcher events: the file if the library would list
 * it. A watcher reports a symbolic link by its own name (and fires when its target changes), so
 * without this a link to a file outside the library would be read as if it were inside.
 */
export async function libraryFileAt(root: string, path: string): Promise<FoundFile | undefined> {
  if (isIgnoredPath(path)) return undefined
  const full = join(root, path)
  const [realRoot, real] = await Promise.all([realpath(root), realpath(full).catch(() => undefined)])
  if (!real || !isInside(realRoot, real)) return undefined
  const s = await stat(full).catch(() => undefined)
  return s?.isFile() ? { path, size: s.size, mtimeMs: s.mtimeMs } : undefined
}
