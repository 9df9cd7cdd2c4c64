import { mkdir, readdir, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { toFtsMatch } from '@core/search/fts-match'
import { parseSearch, phraseFilter, withoutFields } from '@core/search/query'
import { snippetsFor } from '@core/search/snippet'
import type { SearchHit } from '@shared/types'
import { processAlive } from '../process-alive'
import { tryLock } from '../store/file-lock'
import { FtsIndex, type NoteDocument } from './fts-index'

export type { NoteDocument }
import { indexLexicon } from './index-lexicon'

/** What the engine needs to know to (re)index one article; it reads the text itself. */
export interface IndexEntry {
  id: string
  path: string
  textHash: string
  title: string
  author: string
  outlet: string
  categories: string
  date: string
}

export interface EngineResults {
  hits: SearchHit[]
  /** Every matching article, counted by the index (phrases included: no time budget). */
  total: number
}

/** An article read while the library was scanned, before it has an id. */
export type PrefillDocument = Omit<IndexEntry, 'id'> & { body: string | Uint8Array }

/** A batch of scanned articles waiting to be indexed, with the answer its sender awaits. */
interface WaitingPrefill {
  docs: PrefillDocument[]
  resolve: () => void
  reject: (error: unknown) => void
}

/** The id an article indexed during the scan has until `sync` gives it its own. */
const provisional = (path: string): string => `path:${path}`

/** Articles indexed in one go above which the index is built in bulk mode (see FtsIndex.bulk). */
const BULK_FROM = 1000

/** How a query is asked: restricted to some articles (those carrying a tag), or while it is typed. */
export interface QueryOptions {
  articleIds?: string[]
  /** The last word also matches longer words until a space follows it (see parseSearch). */
  asYouType?: boolean
}

/** Lets queued messages (queries) run while a large index builds. */
const yieldToLoop = (): Promise<void> => new Promise((r) => setImmediate(r))

/** Articles indexed per transaction: large enough to amortise the journal, small enough to answer queries between. */
const BATCH = 500

/**
 * The article reader (HTML extraction, Markdown, encoding detection) is loaded on first use: a
 * worker that only opens a built index and answers queries need not wait for those libraries.
 */
let articleReader: Promise<typeof import('../library/read-article-file')> | undefined

/**
 * Full-text search over a library folder on SQLite FTS5 (src/node/search/fts-index.ts): keeps
 * the index in step with the library (only changed texts are re-read, by text hash), and
 * answers queries with BM25 ranking, exact counts and whole-word snippets. Hosts run it in a
 * worker thread, so indexing never stalls the main thread.
 */
export class SearchEngine {
  private opening: Promise<FtsIndex> | undefined
  private bulk = false
  /** Set when a sync built the index in bulk, until `takeBuiltInBulk` reads it. */
  private builtInBulk = false
  private merging = false
  private closing = false
  private prefilled = 0
  /** Paths the current scan has sent, and whether the index was empty when it began (see prefill). */
  private readonly prefilledPaths = new Set<string>()
  /** Batches of scanned articles not yet indexed, and the one pass that will index them (see prefill). */
  private readonly waitingPrefill: WaitingPrefill[] = []
  private drainingPrefill: Promise<void> | undefined
  private startedEmpty: boolean | undefined
  private release: (() => Promise<void>) | undefined
  /** A private index (another process owns the shared file), deleted on close. */
  private privateFile: string | undefined
  /** Current path of every live article. */
  private readonly paths = new Map<string, string>()
  private editing: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly root: string,
    private readonly file: string,
    private readonly maxBytes?: number,
  ) {}

  /**
   * One process owns the library's index file (a lock with its pid, broken when that process is
   * gone); another process with the same library open (the CLI beside the app) builds a private
   * index instead of waiting, and deletes it when it closes.
   */
  private open(): Promise<FtsIndex> {
    this.opening ??= (async () => {
      await mkdir(dirname(this.file), { recursive: true })
      this.release = await tryLock(`${this.file}.owner`)
      if (this.release) {
        // Locks and private indexes left by processes that were killed.
        await rm(`${this.file}.lock`, { recursive: true, force: true })
        await this.removeDeadPrivateIndexes()
        const index = new FtsIndex(this.file)
        // A merge a closed process left unfinished goes on (see FtsIndex.bulk).
        if (index.mergePending) setImmediate(() => this.mergeInBackground())
        return index
      }
      this.privateFile = this.file.replace(/\.sqlite$/, '') + `-${process.pid}-${Date.now()}.sqlite`
      return new FtsIndex(this.privateFile)
    })()
    return this.opening
  }

  private async removeDeadPrivateIndexes(): Promise<void> {
    const stem = basename(this.file).replace(/\.sqlite$/, '')
    for (const name of await readdir(dirname(this.file)).catch(() => [] as string[])) {
      const pid = new RegExp(`^${stem}-(\\d+)-\\d+\\.sqlite`).exec(name)?.[1]
      if (pid && !processAlive(Number(pid))) await rm(join(dirname(this.file), name), { recursive: true, force: true })
    }
  }

  /**
   * Whether the last sync built the index in bulk (a first build, or most of the library
   * changed). The worker's memory grew for it and stays grown (the WebAssembly SQLite's never
   * shrinks; with libsql the worker's heap and allocator keep it: 434 against 349 MB of process
   * RSS after a 30k cold start): the host then starts a fresh worker on the finished index (see
   * workerSearch).
   */
  takeBuiltInBulk(): boolean {
    const built = this.builtInBulk
    this.builtInBulk = false
    // A private index (another process owns the shared file) is deleted when its worker closes:
    // a fresh worker would start an empty one, so that worker keeps its memory instead.
    return built && !this.privateFile
  }

  /** Opens the index file at once, so on a warm start it is ready while the library is reconciled. */
  preload(): void {
    void this.open()
  }

  /**
   * Indexes texts the library scan has just parsed, so a first build does not parse every file
   * again; `sync` then gives them their ids (or drops them, if the library saw otherwise).
   */
  prefill(docs: PrefillDocument[]): Promise<void> {
    const indexed = new Promise<void>((resolve, reject) => this.waitingPrefill.push({ docs, resolve, reject }))
    // Batches that arrive while the index is busy go in together, up to BATCH articles per
    // transaction: each commit writes a segment for every word its articles hold, so a first
    // build that commits the scan's small batches one by one writes the common words again and
    // again (a tenth of the index's time on 10,000 short articles). Each batch is answered as
    // soon as its own transaction is committed.
    this.drainingPrefill ??= this.serial(async () => {
      try {
        // A turn of the loop first: the batches already sent arrive and join this transaction.
        await yieldToLoop()
        const index = await this.open()
        while (this.waitingPrefill.length) {
          const taken = this.nextPrefillBatches()
          try {
            this.putPrefilled(
              index,
              taken.flatMap((t) => t.docs),
            )
            for (const t of taken) t.resolve()
          } catch (error) {
            for (const t of taken) t.reject(error)
          }
          if (this.waitingPrefill.length) await yieldToLoop()
        }
      } catch (error) {
        for (const t of this.waitingPrefill.splice(0)) t.reject(error)
      } finally {
        this.drainingPrefill = undefined
      }
    })
    return indexed
  }

  /** Whole batches from the front of the queue, up to BATCH articles (always at least one batch). */
  private nextPrefillBatches(): WaitingPrefill[] {
    const taken = [this.waitingPrefill.shift()!]
    let articles = taken[0]!.docs.length
    while (articles < BATCH && this.waitingPrefill.length) {
      const batch = this.waitingPrefill.shift()!
      taken.push(batch)
      articles += batch.docs.length
    }
    return taken
  }

  private putPrefilled(index: FtsIndex, docs: PrefillDocument[]): void {
    // Into an index that was empty when the scan began, a path not sent before cannot be there
    // already: the two lookups per article are skipped (a tenth of a first build).
    this.startedEmpty ??= index.size === 0
    if (!this.bulk && (this.prefilled += docs.length) >= BULK_FROM / 4) index.bulk((this.bulk = true))
    index.transaction(() => {
      for (const d of docs) {
        const unseen = this.startedEmpty === true && !this.prefilledPaths.has(d.path)
        if (!unseen && index.hashOfPath(d.path) === d.textHash) continue
        if (!unseen) index.deletePath(d.path)
        this.prefilledPaths.add(d.path)
        index.put({ ...d, id: provisional(d.path) }, true)
      }
    })
  }

  /**
   * Brings the index in step with the library: removed articles dropped, new and changed ones
   * (by text hash) read and indexed in batches. Resolves with a sentence for the researcher
   * when the index file was damaged and had to be rebuilt.
   */
  sync(entries: IndexEntry[], onProgress: (indexed: number, total: number) => void): Promise<string | undefined> {
    return this.serial(async () => {
      const index = await this.open()
      this.paths.clear()
      for (const e of entries) this.paths.set(e.id, e.path)
      index.transaction(() => index.adopt(entries, provisional))
      const known = index.indexed()
      const gone = [...known.keys()].filter((id) => !this.paths.has(id))
      const stale = entries.filter((e) => known.get(e.id)?.textHash !== e.textHash)
      const moved = entries.filter((e) => known.get(e.id)?.textHash === e.textHash && known.get(e.id)?.path !== e.path)
      index.transaction(() => {
        for (const id of gone) index.delete(id)
        for (const e of moved) index.setPath(e.id, e.path)
      })
      if (!this.bulk && stale.length >= BULK_FROM) index.bulk((this.bulk = true))
      let done = 0
      for (let i = 0; i < stale.length; i += BATCH) {
        const batch = stale.slice(i, i + BATCH)
        const texts = await this.readAll(batch.map((e) => e.path))
        index.transaction(() => batch.forEach((e, k) => texts[k] !== undefined && index.put({ ...e, body: texts[k]! }, !known.has(e.id))))
        done += batch.length
        onProgress(done, stale.length)
        await yieldToLoop()
      }
      if (this.bulk) {
        index.bulk((this.bulk = false))
        this.builtInBulk = true
      }
      if (index.mergePending) this.mergeInBackground()
      this.prefilled = 0
      this.prefilledPaths.clear()
      this.startedEmpty = undefined
      onProgress(stale.length, stale.length)
      return index.rebuiltBecause && `The search index was damaged (${index.rebuiltBecause}) and has been rebuilt; your annotations were not affected.`
    })
  }

  upsert(entry: IndexEntry): Promise<void> {
    return this.serial(async () => {
      const index = await this.open()
      this.paths.set(entry.id, entry.path)
      // A rename or a metadata-only change: the indexed text is still right.
      if (index.hashOf(entry.id) === entry.textHash) return index.setPath(entry.id, entry.path)
      const [text] = await this.readAll([entry.path])
      index.transaction(() => (text === undefined ? index.delete(entry.id) : index.put({ ...entry, body: text })))
    })
  }

  remove(id: string): Promise<void> {
    return this.serial(async () => {
      this.paths.delete(id)
      const index = await this.open()
      index.transaction(() => index.delete(id))
    })
  }

  /** Ranked hits with a whole-word snippet; `total` counts every matching article. */
  async query(q: string, limit: number, options: QueryOptions = {}): Promise<EngineResults> {
    const parsed = parseSearch(q, options)
    const index = await this.open()
    const { match, exclude, wanted } = toFtsMatch(parsed, indexLexicon(index))
    if (!match && !exclude && !parsed.after && !parsed.before && !options.articleIds) return { hits: [], total: 0 }
    const found = index.search(match, { after: parsed.after, before: parsed.before, ids: options.articleIds, exclude }, limit, phraseFilter(parsed))
    const snippetOf = snippetsFor(wanted)
    const hits = found.hits.map((h): SearchHit => {
      const snippet = snippetOf(h.body)
      return {
        articleId: h.id,
        title: h.title,
        score: h.score,
        snippet: { text: snippet.text, marks: snippet.marks, offset: snippet.offset },
        firstMatch: snippet.firstMatch,
        terms: wanted.flatMap((w) => w.words),
      }
    })
    return { hits, total: found.total }
  }

  /** Replaces every indexed annotation (a full rebuild starts with this). */
  replaceNotes(docs: NoteDocument[]): Promise<void> {
    return this.serial(async () => (await this.open()).replaceNotes(docs))
  }

  /** Updates some annotations in the index and removes others, by annotation id. */
  upsertNotes(docs: NoteDocument[], removedIds: string[]): Promise<void> {
    return this.serial(async () => (await this.open()).upsertNotes(docs, removedIds))
  }

  /** Annotations matching a query in the search box's language (fields, dates and tags aside). */
  async queryNotes(q: string, limit: number, options: QueryOptions = {}): Promise<NoteDocument[]> {
    const index = await this.open()
    const { match, exclude } = toFtsMatch(withoutFields(parseSearch(q, options)), indexLexicon(index))
    return match ? index.searchNotes(exclude ? `(${match}) NOT (${exclude})` : match, limit) : []
  }

  /**
   * Merges the segments a bulk build left, a step at a time between queries and edits, after the
   * index is ready: the first build is ready sooner by the time a full merge takes (0.7 s at
   * 10,000 articles), and a query waits at most one step.
   */
  private mergeInBackground(): void {
    if (this.merging) return
    this.merging = true
    const step = (): void =>
      void this.serial(async () => !this.closing && (await this.open()).mergeStep()).then(
        (more) => (more ? setImmediate(step) : (this.merging = false)),
        () => (this.merging = false),
      )
    setImmediate(step)
  }

  /** Edits run one at a time, in order (a rescan and a watcher's change never interleave). */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.editing.then(work, work)
    this.editing = run.catch(() => undefined)
    return run
  }

  private async readAll(paths: string[]): Promise<Array<string | undefined>> {
    const { readArticleFile } = await (articleReader ??= import('../library/read-article-file'))
    return Promise.all(paths.map(async (p) => (await readArticleFile(this.root, p, this.maxBytes).catch(() => undefined))?.article?.text))
  }

  async close(): Promise<void> {
    // A merge in progress stops after its current step; the next start finishes it.
    this.closing = true
    await this.editing
    if (!this.opening) return
    const index = await this.opening
    this.opening = undefined
    index.close()
    if (this.privateFile) for (const f of [this.privateFile, `${this.privateFile}-journal`, `${this.privateFile}.lock`]) await rm(f, { recursive: true, force: true })
    await this.release?.()
    this.release = undefined
  }
}
