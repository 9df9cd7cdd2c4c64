import type { ParsedArticle } from '@core/article/types'
import type { RecordContext } from '@core/annotations/records'
import type { AnnotationStore, RegistryEntry } from '../store/store'
import type { FileSummary, ReadResult } from './read-article-file'
import type { SummaryCache } from './summary-cache'
import { libraryFileAt, walkLibrary, type FoundFile } from './walk'

/** Takes the texts a scan reads, while it is accepting them. */
export interface TextListener {
  accepting(): boolean
  take(summary: FileSummary, text: string | Uint8Array): void
}

/** Enough reads in flight to keep every parse worker busy, few enough to never flood the thread. */
const READS_IN_FLIGHT = 64

/** One article in the library: a stable id (kept across renames) and what its file holds. */
export interface LibraryEntry {
  id: string
  summary: FileSummary
}

/** What changed in the library, as sent to the UI. */
export interface LibraryDelta {
  added: LibraryEntry[]
  changed: LibraryEntry[]
  removed: string[]
  renamed: Array<{ id: string; from: string; to: string }>
}

export const emptyDelta = (): LibraryDelta => ({ added: [], changed: [], removed: [], renamed: [] })

/** Reads and parses a file; without `withText` only the summary is needed (cheaper to pass between threads). */
/** Reads one file: its summary, with its parsed article (`true`) or its text as UTF-8 bytes (`'bytes'`). */
export type FileReader = (path: string, withText?: boolean | 'bytes') => Promise<ReadResult>

/**
 * The set of articles in a library folder and their identities. Identity is by path first and
 * by content hash second, so a renamed or moved file keeps its id (and its annotations), both
 * at startup and when the watcher reports an unlink followed by an add.
 */
export class Library {
  private readonly entries = new Map<string, LibraryEntry>()
  private readonly idByPath = new Map<string, string>()
  /** Ids in order, kept until an article is added or removed: the list is paged by slicing it. */
  private sortedIds: string[] | undefined

  constructor(
    private readonly store: AnnotationStore,
    private readonly cache: SummaryCache,
    private readonly read: FileReader,
    private readonly ctx: RecordContext,
    private readonly root: string,
  ) {}

  list(): LibraryEntry[] {
    return [...this.entries.values()]
  }

  /** Up to `limit` articles after the id `after`, in id order: a binary search and a slice. */
  page(after: string | undefined, limit: number): LibraryEntry[] {
    const ids = (this.sortedIds ??= [...this.entries.keys()].sort())
    let lo = 0
    let hi = ids.length
    while (after !== undefined && lo < hi) {
      const mid = (lo + hi) >> 1
      if (ids[mid]! <= after) lo = mid + 1
      else hi = mid
    }
    return ids.slice(lo, lo + limit).map((id) => this.entries.get(id)!)
  }

  get(id: string): LibraryEntry | undefined {
    return this.entries.get(id)
  }

  /**
   * Cold or warm start: lists files, re-reads only those whose size or mtime changed. The texts
   * read go to `texts` (the search index) for as long as it is accepting them.
   */
  async scan(onProgress?: (done: number, total: number) => void, texts?: TextListener): Promise<{ delta: LibraryDelta }> {
    await this.cache.load()
    const found = await walkLibrary(this.root)
    const summaries: FileSummary[] = new Array(found.length)
    const toRead: Array<{ file: FoundFile; index: number }> = []
    found.forEach((file, index) => {
      const cached = this.cache.get(file.path, file.size, file.mtimeMs)
      if (cached) summaries[index] = cached
      else toRead.push({ file, index })
    })
    let done = found.length - toRead.length
    // Bounded reads in flight: handing out 10,000 requests at once stalls this thread in one burst.
    let next = 0
    const reader = async (): Promise<void> => {
      for (let job = toRead[next++]; job; job = toRead[next++]) {
        const { file, index } = job
        // The text comes along only for a listener (the search index, filled while the scan runs).
        const listener = texts?.accepting() ? texts : undefined
        const result = await this.read(file.path, listener ? 'bytes' : false)
        summaries[index] = result.summary
        const text = result.textBytes ?? result.article?.text
        if (listener && text !== undefined) listener.take(result.summary, text)
        this.cache.set(result.summary)
        onProgress?.(++done, found.length)
      }
    }
    this.cache.hold()
    try {
      await Promise.all(Array.from({ length: Math.min(READS_IN_FLIGHT, toRead.length) }, reader))
    } finally {
      this.cache.release()
    }
    const delta = emptyDelta()
    // Ids are decided under the registry's cross-process lock, on the registry as it is on
    // disk now: two processes opening one library at once agree on every article's id.
    let assigned: string[] = []
    let relinked = 0
    await this.store.registry.update(async (records) => {
      const decision = await this.reconcile(Object.values(records), summaries)
      assigned = decision.ids
      relinked = decision.relinked
      delta.renamed = decision.renamed
      return decision.updates
    })
    for (const [i, summary] of summaries.entries()) {
      // reconcile assigns one id per summary, in order.
      const id = assigned[i]!
      this.put({ id, summary })
      delta.added.push({ id, summary })
    }
    if (relinked > 0)
      this.store.notices.push(
        `The article registry was lost or damaged; the annotations of ${relinked} article${relinked === 1 ? ' were' : 's were'} relinked to ${relinked === 1 ? 'its file' : 'their files'} from the identity kept with them.`,
      )
    return { delta }
  }

  /**
   * Matches summaries to registry ids: by path, then by hash of a vanished file, then by the
   * identity a shard kept of its article (a lost registry), else a new id.
   */
  private async reconcile(registry: RegistryEntry[], summaries: FileSummary[]): Promise<{ ids: string[]; updates: RegistryEntry[]; renamed: LibraryDelta['renamed']; relinked: number }> {
    const byPath = new Map(registry.map((r) => [r.path, r]))
    const present = new Set(summaries.map((s) => s.path))
    const vanishedByHash = new Map<string, RegistryEntry[]>()
    for (const r of registry) if (!present.has(r.path)) vanishedByHash.set(r.hash, [...(vanishedByHash.get(r.hash) ?? []), r])
    const orphans = this.store.orphanIdentities()
    const orphanByPath = new Map<string, string>()
    const orphanByHash = new Map<string, string[]>()
    for (const [id, o] of orphans) {
      orphanByPath.set(o.path, id)
      if (o.hash) orphanByHash.set(o.hash, [...(orphanByHash.get(o.hash) ?? []), id])
    }
    const claimed = new Set<string>()
    const takeOrphan = (id: string | undefined): string | undefined => (id && !claimed.has(id) ? (claimed.add(id), id) : undefined)
    const updates: RegistryEntry[] = []
    const ids: string[] = []
    const renamed: LibraryDelta['renamed'] = []
    let relinked = 0
    for (const [i, summary] of summaries.entries()) {
      // Keep the host responsive on very large libraries: yield every 1,000 files.
      if (i % 1000 === 999) await new Promise((r) => setImmediate(r))
      let entry = byPath.get(summary.path)
      if (!entry && summary.hash) {
        const candidate = vanishedByHash.get(summary.hash)?.shift()
        if (candidate) {
          renamed.push({ id: candidate.id, from: candidate.path, to: summary.path })
          entry = candidate
        }
      }
      if (!entry) {
        const orphan = takeOrphan(orphanByPath.get(summary.path)) ?? takeOrphan(summary.hash ? orphanByHash.get(summary.hash)?.find((id) => !claimed.has(id)) : undefined)
        if (orphan) relinked++
        entry = { id: orphan ?? this.ctx.newId(), version: 0, updatedAt: '', path: summary.path, hash: summary.hash, size: summary.size, mtimeMs: summary.mtimeMs }
      }
      if (entry.path !== summary.path || entry.hash !== summary.hash || entry.version === 0) {
        updates.push({ ...entry, path: summary.path, hash: summary.hash, size: summary.size, mtimeMs: summary.mtimeMs, version: entry.version + 1, updatedAt: this.ctx.now().toISOString() })
      }
      ids.push(entry.id)
    }
    return { ids, updates, renamed, relinked }
  }

  private put(entry: LibraryEntry): void {
    const old = this.entries.get(entry.id)
    if (old && old.summary.path !== entry.summary.path && this.idByPath.get(old.summary.path) === entry.id) this.idByPath.delete(old.summary.path)
    if (!old) this.sortedIds = undefined
    this.entries.set(entry.id, entry)
    this.idByPath.set(entry.summary.path, entry.id)
  }

  /** A file appeared or changed on disk. Returns the delta and the parsed text, if readable. */
  async fileChanged(path: string): Promise<{ delta: LibraryDelta; article?: ParsedArticle }> {
    const delta = emptyDelta()
    // Ignored, gone, a folder, or a link leading out of the library: not (or no longer) an article here.
    if (!(await libraryFileAt(this.root, path))) return { delta: this.idByPath.has(path) ? await this.fileRemoved(path) : delta }
    const result = await this.read(path, true)
    if (result.summary.warnings.some((w) => w.code === 'missing')) return { delta: await this.fileRemoved(path) }
    this.cache.set(result.summary)
    const existingId = this.idByPath.get(path)
    const { summary } = result
    let chosen: RegistryEntry | undefined
    // Decided under the registry lock on the registry as on disk: another process watching the
    // same folder sees the same new file and must give it the same id.
    await this.store.registry.update((records) => {
      const registry = Object.values(records)
      let entry = (existingId ? records[existingId] : undefined) ?? registry.find((r) => r.path === path)
      if (!entry && summary.hash) {
        // A file with the same content whose path is gone: a rename or move.
        entry = registry.find((r) => r.hash === summary.hash && !this.isPresent(r) && r.path !== path)
        if (entry) delta.renamed.push({ id: entry.id, from: entry.path, to: path })
      }
      if (!entry) {
        const orphans = [...this.store.orphanIdentities()]
        const orphan = orphans.find(([, o]) => o.path === path) ?? orphans.find(([, o]) => !!summary.hash && o.hash === summary.hash)
        entry = { id: orphan?.[0] ?? this.ctx.newId(), version: 0, updatedAt: '', path, hash: '', size: 0, mtimeMs: 0 }
      }
      chosen = entry
      if (entry.path === path && entry.hash === summary.hash && entry.version > 0) return []
      return [{ ...entry, path, hash: summary.hash, size: summary.size, mtimeMs: summary.mtimeMs, version: entry.version + 1, updatedAt: this.ctx.now().toISOString() }]
    })
    const entry = chosen!
    const libraryEntry = { id: entry.id, summary }
    const known = this.entries.has(entry.id)
    this.put(libraryEntry)
    ;(known ? delta.changed : delta.added).push(libraryEntry)
    return { delta, article: result.article }
  }

  /** A file vanished. Its registry entry (and annotations) stay, so a later re-add or rename restores them. */
  async fileRemoved(path: string): Promise<LibraryDelta> {
    const delta = emptyDelta()
    const id = this.idByPath.get(path)
    if (!id) return delta
    this.idByPath.delete(path)
    this.entries.delete(id)
    this.sortedIds = undefined
    this.cache.delete(path)
    delta.removed.push(id)
    return delta
  }

  private isPresent(r: RegistryEntry): boolean {
    return this.idByPath.get(r.path) === r.id
  }

  /** Reads an article's full text for the reader. */
  async open(id: string): Promise<{ entry: LibraryEntry; article?: ParsedArticle }> {
    const entry = this.entries.get(id)
    if (!entry) throw new Error('This article is no longer in the library.')
    const result = await this.read(entry.summary.path, true)
    if (result.summary.hash !== entry.summary.hash || result.summary.mtimeMs !== entry.summary.mtimeMs) {
      // The file changed since it was listed (and the watcher has not told us yet).
      const updated = { id, summary: result.summary }
      this.put(updated)
      this.cache.set(result.summary)
      return { entry: updated, article: result.article }
    }
    return { entry, article: result.article }
  }

  async flush(): Promise<void> {
    await this.cache.flush()
  }
}
