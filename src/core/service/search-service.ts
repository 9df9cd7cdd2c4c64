import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { ParsedArticle } from '../article/types'
import type { LibraryEntry } from '../library/library'
import { SearchIndex, parseQuery, snippetOf, type SearchDocument } from '../search/search-index'
import type { ApiEvent, SearchHit, SearchResults } from '../../shared/types'

type TextOf = (id: string) => Promise<{ article: ParsedArticle; textHash: string } | undefined>

function documentOf(entry: LibraryEntry, article: ParsedArticle): SearchDocument {
  const m = entry.summary.meta
  return { id: entry.id, title: m.title, text: article.text, author: m.author ?? '', outlet: m.outlet ?? '', categories: m.categories.join(' ') }
}

/** Yields to the event loop so IPC and HTTP requests are served while a big index builds. */
const yieldToLoop = (): Promise<void> => new Promise((r) => setImmediate(r))

/**
 * Keeps the search index in step with the library: loads the persisted index on a warm start,
 * indexes what is new or changed in small slices in the background, and answers queries with
 * snippets. Queries work (on what is indexed so far) while the build runs.
 */
export class SearchService {
  private index = new SearchIndex()
  private ready = false
  private saveTimer: ReturnType<typeof setTimeout> | undefined
  private dirty = false

  constructor(
    private readonly file: string,
    private readonly textOf: TextOf,
    private readonly emit: (event: ApiEvent) => void,
  ) {}

  get isReady(): boolean {
    return this.ready
  }

  /** Brings the index up to date with `entries`; `fresh` holds texts parsed by the scan. */
  async sync(entries: LibraryEntry[], fresh: Map<string, ParsedArticle>): Promise<void> {
    try {
      this.index = SearchIndex.fromJSON(await readFile(this.file, 'utf8'))
    } catch {
      this.index = new SearchIndex()
    }
    const live = new Set(entries.map((e) => e.id))
    for (const id of this.index.ids()) if (!live.has(id)) this.index.remove(id)
    const stale = entries.filter((e) => e.summary.readable && e.summary.textHash && this.index.hashOf(e.id) !== e.summary.textHash)
    let done = 0
    let sliceStart = Date.now()
    for (const entry of stale) {
      const article = fresh.get(entry.summary.path) ?? (await this.textOf(entry.id))?.article
      if (article) this.index.upsert(documentOf(entry, article), entry.summary.textHash!)
      done++
      if (Date.now() - sliceStart > 15) {
        this.emit({ type: 'index.progress', ready: false, indexed: done, total: stale.length })
        await yieldToLoop()
        sliceStart = Date.now()
      }
    }
    this.ready = true
    this.emit({ type: 'index.progress', ready: true, indexed: stale.length, total: stale.length })
    if (stale.length) this.scheduleSave()
  }

  update(entry: LibraryEntry, article: ParsedArticle): void {
    if (!entry.summary.textHash) return
    this.index.upsert(documentOf(entry, article), entry.summary.textHash)
    this.scheduleSave()
  }

  remove(id: string): void {
    this.index.remove(id)
    this.scheduleSave()
  }

  async query(q: string, limit: number, entryOf: (id: string) => LibraryEntry | undefined): Promise<SearchResults> {
    const started = performance.now()
    const { terms, phrases } = parseQuery(q)
    const raw = this.index.search(terms).filter((r) => entryOf(r.id))
    const hits: SearchHit[] = []
    for (const r of raw) {
      if (hits.length >= limit) break
      const loaded = await this.textOf(r.id)
      if (!loaded) continue
      const text = loaded.article.text
      if (phrases.length && !phrases.every((p) => text.toLowerCase().includes(p) || String(r.title).toLowerCase().includes(p))) continue
      const highlightTerms = phrases.length ? phrases : Object.keys(r.match)
      const snippet = snippetOf(text, highlightTerms)
      hits.push({ articleId: r.id, title: String(r.title), score: r.score, snippet: { text: snippet.text, marks: snippet.marks, offset: snippet.offset }, firstMatch: snippet.firstMatch, terms: highlightTerms })
    }
    return { hits, total: phrases.length ? hits.length : raw.length, elapsedMs: performance.now() - started, indexReady: this.ready }
  }

  private scheduleSave(): void {
    this.dirty = true
    this.saveTimer ??= setTimeout(() => void this.flush(), 2000)
  }

  /** Writes the index (a cache: atomic, not fsynced; a lost index is rebuilt). */
  async flush(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer)
    this.saveTimer = undefined
    if (!this.dirty) return
    this.dirty = false
    await mkdir(dirname(this.file), { recursive: true })
    const tmp = `${this.file}.tmp-${process.pid}`
    await writeFile(tmp, this.index.toJSON())
    await rename(tmp, this.file)
  }
}
