import type { LibraryEntry, TextListener } from '../node/library/library'
import type { FileSummary } from '../node/library/read-article-file'
import type { IndexEntry, NoteDocument, PrefillDocument, QueryOptions } from '../node/search/search-engine'
import type { SearchBackend } from '../node/search/in-process-search'
export { inProcessSearch, type SearchBackend, type SearchBackendFactory } from '../node/search/in-process-search'
import type { ApiEvent, SearchResults } from '@shared/types'

export function indexEntryOf(entry: LibraryEntry): IndexEntry | undefined {
  const fields = indexFieldsOf(entry.summary)
  return fields && { id: entry.id, ...fields }
}

/** What the index keeps of an article besides its id and text. */
function indexFieldsOf(summary: FileSummary): Omit<IndexEntry, 'id'> | undefined {
  if (!summary.readable || !summary.textHash) return undefined
  return {
    path: summary.path,
    textHash: summary.textHash,
    title: summary.meta.title,
    author: summary.meta.author ?? '',
    outlet: summary.meta.outlet ?? '',
    categories: summary.meta.categories.join(' '),
    date: summary.meta.date ?? '',
  }
}

/** Articles per message from the scan to the index. */
const PREFILL_BATCH = 50

/**
 * Text the scan has sent to the index and the index has not yet taken in, above which the scan
 * stops sending texts (the index reads those files itself when it syncs). Without this a large
 * library's texts pile up while the index catches up (over 100 MB in a scan of 30,000 articles),
 * and the memory they took stays with the process: 110 MB more RSS once the index was built.
 * The scan does not wait for the index: the library list is shown as soon as it is read.
 */
const DEFAULT_BACKLOG_BYTES = 32 << 20

/** Keeps the search backend in step with the library and reports progress to the UI. */
export class SearchService {
  private ready = false
  private prefilling: PrefillDocument[] = []
  private backlogBytes = 0
  private syncing: Promise<void> = Promise.resolve()

  constructor(
    private readonly backend: SearchBackend,
    private readonly emit: (event: ApiEvent) => void,
    private readonly backlogLimit = DEFAULT_BACKLOG_BYTES,
  ) {}

  get isReady(): boolean {
    return this.ready
  }

  /** Texts parsed by the library scan, sent on to the index in batches while the scan goes on (see DEFAULT_BACKLOG_BYTES). */
  readonly prefill: TextListener = {
    accepting: () => this.backlogBytes <= this.backlogLimit,
    take: (summary, text) => {
      const fields = indexFieldsOf(summary)
      if (!fields) return
      this.prefilling.push({ ...fields, body: text })
      if (this.prefilling.length >= PREFILL_BATCH) this.flushPrefill()
    },
  }

  private flushPrefill(): void {
    if (!this.prefilling.length) return
    const bytes = this.prefilling.reduce((n, d) => n + (typeof d.body === 'string' ? d.body.length : d.body.byteLength), 0)
    this.backlogBytes += bytes
    void this.backend
      .prefill(this.prefilling)
      .catch(() => undefined)
      .then(() => (this.backlogBytes -= bytes))
    this.prefilling = []
  }

  /** Starts (re)building the index in the background; queries answer from what is indexed. */
  sync(entries: LibraryEntry[]): Promise<void> {
    this.flushPrefill()
    const list = entries.map(indexEntryOf).filter((e): e is IndexEntry => !!e)
    let done = { indexed: 0, total: 0 }
    this.syncing = this.backend
      // Ready is said once the backend is done, not at the last article: a bulk build ends with a
      // fresh worker taking over the index (see workerSearch).
      .sync(list, (indexed, total) => {
        done = { indexed, total }
        if (indexed < total) this.emit({ type: 'index.progress', ready: false, indexed, total })
      })
      .then((notice) => {
        this.ready = true
        this.emit({ type: 'index.progress', ready: true, ...done })
        if (notice) this.emit({ type: 'notice', level: 'warning', message: notice })
      })
    return this.syncing
  }

  async update(entry: LibraryEntry): Promise<void> {
    const e = indexEntryOf(entry)
    if (e) await this.backend.upsert(e)
    else await this.backend.remove(entry.id)
  }

  async remove(id: string): Promise<void> {
    await this.backend.remove(id)
  }

  /** `options.articleIds` narrows the search to some articles (a `tag:` filter, resolved by the caller). */
  async query(q: string, limit: number, options: QueryOptions = {}): Promise<SearchResults> {
    const started = performance.now()
    const r = await this.backend.query(q, limit, options)
    return { hits: r.hits, total: r.total, elapsedMs: performance.now() - started, indexReady: this.ready }
  }

  replaceNotes(docs: NoteDocument[]): Promise<void> {
    return this.backend.replaceNotes(docs)
  }

  upsertNotes(docs: NoteDocument[], removedIds: string[]): Promise<void> {
    return this.backend.upsertNotes(docs, removedIds)
  }

  queryNotes(q: string, limit: number, options: QueryOptions = {}): Promise<NoteDocument[]> {
    return this.backend.queryNotes(q, limit, options)
  }

  async close(): Promise<void> {
    await this.syncing.catch(() => undefined)
    await this.backend.close()
  }
}
