import { readFile } from 'node:fs/promises'
import { writeAtomically } from '../atomic-write'
import { join } from 'node:path'
import type { SearchHit } from '@shared/types'
import { sealParts, unseal } from './sealed-file'
import { SearchIndex, parseQuery, snippetOf } from '@core/search/search-index'

/** What the engine needs to know to (re)index one article; it reads the text itself. */
export interface IndexEntry {
  id: string
  path: string
  textHash: string
  title: string
  author: string
  outlet: string
  categories: string
}

/** One ranked hit; the contract's type, since the service sends it to the UI as is. */
export type EngineHit = SearchHit

export interface EngineResults {
  hits: EngineHit[]
  total: number
  /** Phrase checking ran out of its time budget before every candidate was read. */
  partial: boolean
}

/**
 * The index knows words, not their order, so a "quoted phrase" is confirmed by reading the
 * candidates' text. A phrase that is rare among many candidates could mean reading thousands
 * of files; past this budget the query answers with what it has and says more may match.
 */
const PHRASE_BUDGET_MS = 60

/** Changed documents after which the index is worth saving (re-indexing fewer at start is quick). */
const SAVE_AFTER_CHANGES = 200
const QUIET_BEFORE_SAVE_MS = 5_000

/** `strategic partnership` → /strategic\s+partnership/i, cached: the raw-byte phrase test. */
const phrasePatterns = new Map<string, RegExp>()
function phrasePattern(phrase: string): RegExp {
  let re = phrasePatterns.get(phrase)
  if (!re) {
    if (phrasePatterns.size > 100) phrasePatterns.clear()
    re = new RegExp(
      phrase
        .trim()
        .split(/\s+/)
        .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('\\s+'),
      'i',
    )
    phrasePatterns.set(phrase, re)
  }
  return re
}

/**
 * The article reader (HTML extraction, Markdown, encoding detection) is loaded on first use: a
 * worker that only loads a saved index and answers queries need not wait for those libraries.
 */
let articleReader: Promise<typeof import('../library/read-article-file')> | undefined

/** Lets queued messages (queries) run while a large index builds. */
const yieldToLoop = (): Promise<void> => new Promise((r) => setImmediate(r))

/**
 * Full-text search over a library folder: builds and persists the MiniSearch index, reading
 * article files itself, and answers queries with snippets. Hosts run it in a worker thread,
 * so indexing 10,000 articles or serialising the index never stalls the main thread.
 */
export class SearchEngine {
  private index = new SearchIndex()
  private saveTimer: ReturnType<typeof setTimeout> | undefined
  private saving: Promise<void> | undefined
  private loading: Promise<SearchIndex | undefined> | undefined
  private loaded = false
  private changesSinceSave = 0
  private lastQueryAt = 0
  /** Current path of every live article, kept here so queries need not send the library. */
  private readonly paths = new Map<string, string>()

  constructor(
    private readonly root: string,
    private readonly file: string,
    private readonly maxBytes?: number,
  ) {}

  /**
   * Starts reading the saved index at once, so on a warm start it loads while the host is still
   * reconciling the library; `sync` then only indexes what changed.
   */
  preload(): void {
    this.loading ??= readFile(this.file).then(
      (bytes) => SearchIndex.fromSnapshot(unseal(bytes)),
      () => undefined,
    )
  }

  async sync(entries: IndexEntry[], onProgress: (indexed: number, total: number) => void): Promise<void> {
    await this.saved()
    // The saved index is read once; a later sync (a rescan) starts from the index in memory.
    if (!this.loaded) {
      this.preload()
      this.index = (await this.loading?.catch(() => undefined)) ?? new SearchIndex()
      this.loading = undefined
      this.loaded = true
    }
    this.paths.clear()
    for (const e of entries) this.paths.set(e.id, e.path)
    for (const id of this.index.ids()) if (!this.paths.has(id)) this.index.remove(id)
    const stale = entries.filter((e) => this.index.hashOf(e.id) !== e.textHash)
    let done = 0
    let sliceStart = Date.now()
    // Read a few files ahead while indexing the current one.
    const BATCH = 16
    for (let i = 0; i < stale.length; i += BATCH) {
      const batch = stale.slice(i, i + BATCH)
      const texts = await Promise.all(batch.map((e) => this.readText(e.path)))
      batch.forEach((e, k) => {
        const text = texts[k]
        if (text !== undefined) this.index.upsert({ id: e.id, title: e.title, text, author: e.author, outlet: e.outlet, categories: e.categories }, e.textHash)
      })
      done += batch.length
      if (Date.now() - sliceStart > 15) {
        onProgress(done, stale.length)
        await yieldToLoop()
        sliceStart = Date.now()
      }
    }
    onProgress(stale.length, stale.length)
    if (stale.length || entries.length !== this.index.size) this.changed(Math.max(1, stale.length))
    void this.warmUp()
  }

  /** Decodes a loaded index's common terms in short slices, between queries and edits. */
  private async warmUp(): Promise<void> {
    const index = this.index
    while (index === this.index && index.warmUp(8)) await yieldToLoop()
  }

  async upsert(entry: IndexEntry): Promise<void> {
    await this.saved()
    this.paths.set(entry.id, entry.path)
    // A rename or a metadata-only change: the indexed text is still right.
    if (this.index.hashOf(entry.id) === entry.textHash) return
    const text = await this.readText(entry.path)
    if (text === undefined) return void this.removeNow(entry.id)
    this.index.upsert({ id: entry.id, title: entry.title, text, author: entry.author, outlet: entry.outlet, categories: entry.categories }, entry.textHash)
    this.changed(1)
  }

  async remove(id: string): Promise<void> {
    await this.saved()
    this.removeNow(id)
  }

  private removeNow(id: string): void {
    this.paths.delete(id)
    this.index.remove(id)
    this.changed(1)
  }

  /** Edits wait for a save in progress: a snapshot must be of one state of the index. */
  private async saved(): Promise<void> {
    while (this.saving) await this.saving
  }

  /** Ranked hits with a snippet around the first match; "quoted phrases" must match verbatim. */
  async query(q: string, limit: number): Promise<EngineResults> {
    this.lastQueryAt = Date.now()
    const pathOf = (id: string): string | undefined => this.paths.get(id)
    const { terms, phrases } = parseQuery(q)
    const raw = this.index.search(terms).filter((r) => pathOf(r.id) !== undefined)
    const hits: EngineHit[] = []
    const started = performance.now()
    let partial = false
    // Read candidate texts in parallel, a page at a time, until `limit` hits are confirmed.
    // Phrase candidates are mostly ruled out cheaply, so they are checked in larger pages.
    const pageSize = phrases.length ? Math.max(limit, 100) : limit
    for (let i = 0; i < raw.length && hits.length < limit; i += pageSize) {
      if (phrases.length && performance.now() - started > PHRASE_BUDGET_MS) {
        partial = true
        break
      }
      const page = raw.slice(i, i + pageSize)
      const texts = await Promise.all(page.map(async (r) => (phrases.length && !(await this.mayContain(pathOf(r.id)!, phrases)) ? undefined : this.readText(pathOf(r.id)!))))
      page.forEach((r, k) => {
        const text = texts[k]
        if (text === undefined || hits.length >= limit) return
        if (phrases.length && !phrases.every((p) => phrasePattern(p).test(text) || phrasePattern(p).test(String(r.title)))) return
        const highlightTerms = phrases.length ? phrases : Object.keys(r.match)
        const snippet = snippetOf(text, highlightTerms)
        hits.push({
          articleId: r.id,
          title: String(r.title),
          score: r.score,
          snippet: { text: snippet.text, marks: snippet.marks, offset: snippet.offset },
          firstMatch: snippet.firstMatch,
          terms: highlightTerms,
        })
      })
    }
    return { hits, total: phrases.length ? hits.length : raw.length, partial }
  }

  /**
   * A cheap test that rules out most phrase candidates without decoding and parsing them: in a
   * plain-text file that is not UTF-16, an ASCII phrase has the same bytes before decoding as
   * after, so if the raw bytes (whitespace collapsed) lack it, the article text does too.
   * Markdown and HTML can split a phrase with markup, so they are always read in full.
   */
  private async mayContain(path: string, phrases: string[]): Promise<boolean> {
    if (!/\.txt$/i.test(path) || phrases.some((p) => /[^\x20-\x7e]/.test(p))) return true
    let bytes: Buffer
    try {
      bytes = await readFile(join(this.root, path))
    } catch {
      return true
    }
    if (bytes.includes(0)) return true
    const raw = bytes.toString('latin1')
    return phrases.every((p) => phrasePattern(p).test(raw))
  }

  private async readText(path: string): Promise<string | undefined> {
    const { readArticleFile } = await (articleReader ??= import('../library/read-article-file'))
    return (await readArticleFile(this.root, path, this.maxBytes)).article?.text
  }

  /**
   * Saving is expensive (encoding a 10,000-article index takes this thread 1–1.5 s, in
   * slices), and a saved index stays useful after edits: a warm start re-indexes whatever
   * changed, found by text hash. So the index is saved only after many changes (a first build,
   * a big import), and only once queries have been quiet for a while.
   */
  private changed(documents: number): void {
    this.changesSinceSave += documents
    if (this.changesSinceSave >= SAVE_AFTER_CHANGES) this.scheduleSave()
  }

  private scheduleSave(): void {
    this.saveTimer ??= setTimeout(() => {
      this.saveTimer = undefined
      if (Date.now() - this.lastQueryAt < QUIET_BEFORE_SAVE_MS) this.scheduleSave()
      else void this.flush()
    }, QUIET_BEFORE_SAVE_MS)
    this.saveTimer.unref?.()
  }

  /** On shutdown: save only if a warm start would otherwise have much to re-index. */
  async close(): Promise<void> {
    if (this.changesSinceSave >= SAVE_AFTER_CHANGES) await this.flush()
    else if (this.saveTimer) clearTimeout(this.saveTimer)
  }

  /** Writes the index (a cache: atomic, not fsynced; a lost index is rebuilt). */
  async flush(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer)
    this.saveTimer = undefined
    // One writer at a time: a save requested during a save runs after it.
    await this.saved()
    if (this.changesSinceSave === 0) return
    this.changesSinceSave = 0
    this.saving = this.write().finally(() => (this.saving = undefined))
    await this.saving
  }

  private async write(): Promise<void> {
    // Encode a slice at a time, answering queries in between, then write the parts.
    const encoding = this.index.snapshot()
    let step = encoding.next()
    while (!step.done) {
      await yieldToLoop()
      step = encoding.next()
    }
    const parts = sealParts(step.value)
    await writeAtomically(this.file, async (out) => {
      for (const part of parts) await out.write(part)
    })
  }
}
