import { readFile } from 'node:fs/promises'
import { writeAtomically } from '../atomic-write'
import type { FileSummary } from './read-article-file'

/**
 * Parsed summaries by path, so a warm start lists the library from size + mtime without
 * re-reading files. It is a cache: losing it costs one re-scan, never data, so it is written
 * atomically but not fsynced, and a damaged cache is silently discarded.
 */
export class SummaryCache {
  private entries = new Map<string, FileSummary>()
  private dirty = false
  private held = false
  private timer: ReturnType<typeof setTimeout> | undefined

  constructor(private readonly file: string) {}

  async load(): Promise<void> {
    try {
      const raw = JSON.parse(await readFile(this.file, 'utf8')) as { version: number; entries: FileSummary[] }
      if (raw.version === CACHE_VERSION) this.entries = new Map(raw.entries.map((e) => [e.path, e]))
    } catch {
      this.entries = new Map()
    }
  }

  get(path: string, size: number, mtimeMs: number): FileSummary | undefined {
    const e = this.entries.get(path)
    return e && e.size === size && e.mtimeMs === mtimeMs ? e : undefined
  }

  set(summary: FileSummary): void {
    this.entries.set(summary.path, summary)
    this.scheduleSave()
  }

  delete(path: string): void {
    if (this.entries.delete(path)) this.scheduleSave()
  }

  /**
   * While a scan reads the library: each save writes every entry, so one a second during a
   * 30,000-file scan rewrites the cache several times over (tens of MB of strings on the host's
   * thread). Held, it is saved once, when released.
   */
  hold(): void {
    this.held = true
  }

  release(): void {
    this.held = false
    if (this.dirty) this.scheduleSave()
  }

  private scheduleSave(): void {
    this.dirty = true
    if (!this.held) this.timer ??= setTimeout(() => void this.flush(), 1000)
  }

  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    if (!this.dirty) return
    this.dirty = false
    // Serialised and written 500 entries at a time with a yield between, so a 10,000-article
    // cache never holds the host's thread for one long stringify or string-to-buffer copy.
    const all = [...this.entries.values()]
    await writeAtomically(this.file, async (out) => {
      await out.write(`{"version":${CACHE_VERSION},"entries":[`)
      for (let i = 0; i < all.length; i += 500) {
        await out.write(
          (i ? ',' : '') +
            all
              .slice(i, i + 500)
              .map((e) => JSON.stringify(e))
              .join(','),
        )
        await new Promise((r) => setImmediate(r))
      }
      await out.write(']}')
    })
  }
}

/** Bump when FileSummary or parsing changes, so stale summaries are re-read. */
const CACHE_VERSION = 4
