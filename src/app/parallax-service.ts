import { randomUUID } from 'node:crypto'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { RecordContext } from '@core/annotations/records'
import type { RecoveryNotice } from '../node/store/durable-adapter'
import { AnnotationStore } from '../node/store/store'
import { Library, type FileReader, type LibraryDelta } from '../node/library/library'
import { readArticleFile } from '../node/library/read-article-file'
import { walkLibrary } from '../node/library/walk'
import { SummaryCache } from '../node/library/summary-cache'
import type { Handlers } from '@shared/contract'
import type { ApiEvent, ExportFile, ExportFormat, ExportScope, WatchStatus } from '@shared/types'
import { annotationHandlers } from './capabilities/annotations'
import { articleHandlers } from './capabilities/article'
import { codebookHandlers } from './capabilities/codebook'
import { compareHandlers } from './capabilities/compare'
import { exchangeHandlers } from './capabilities/exchange'
import { exportToFile } from './exchange/render'
import { historyHandlers } from './capabilities/history'
import { libraryHandlers } from './capabilities/library'
import { searchHandlers } from './capabilities/search'
import { NotesIndexer } from './notes-index'
import { inProcessSearch, SearchService, type SearchBackendFactory } from './search-service'
import { Workspace } from './workspace'

/** How long a vanished file is held before it leaves the list: a rename is an unlink then an add. */
const RENAME_HOLD_MS = 300

export interface ServiceOptions {
  libraryFolder: string
  /** Where annotations go if the library folder is read-only. */
  fallbackDataFolder: string
  host: 'electron' | 'http'
  version: string
  user: string
  /** Parses files; a worker pool in the hosts, in-process by default. */
  readFile?: FileReader
  /** Runs the search engine; a worker thread in the hosts, in-process by default. */
  searchBackend?: SearchBackendFactory
  now?: () => Date
  newId?: () => string
  maxBytes?: number
  /** Text a scan may send ahead of the search index (see SearchService); tests make it small. */
  indexBacklogBytes?: number
}

/**
 * The Parallax application: everything the API contract offers over one library folder,
 * combined from one module per capability (src/app/capabilities). Hosts (Electron main,
 * `parallax serve`, the CLI) validate arguments, then call `handlers`; they forward `onEvent`
 * to their UIs and report file-system changes with `fileChanged` / `fileRemoved`.
 */
export class ParallaxService {
  private readonly listeners = new Set<(event: ApiEvent) => void>()
  private readonly pendingRemovals = new Map<string, { timer: ReturnType<typeof setTimeout>; done: Promise<void>; settle: () => void }>()
  private readonly ws: Workspace
  /** The API, one handler per contract method; arguments arrive validated. */
  readonly handlers: Handlers
  private readonly notes: NotesIndexer

  private constructor(options: ServiceOptions, store: AnnotationStore, library: Library, ctx: RecordContext) {
    const emit = (event: ApiEvent): void => {
      for (const l of this.listeners) l(event)
    }
    const backend = (options.searchBackend ?? inProcessSearch)(options.libraryFolder, join(store.dataFolder, 'cache', 'search.sqlite'), options.maxBytes)
    this.ws = new Workspace(options, store, library, new SearchService(backend, emit, options.indexBacklogBytes), ctx, emit)
    this.notes = new NotesIndexer(this.ws)
    this.ws.onCommitted = (annotations, tagsChanged) => this.notes.committed(annotations, tagsChanged)
    this.handlers = {
      ...libraryHandlers(this.ws, (path) => this.fileChanged(path)),
      ...articleHandlers(this.ws),
      ...annotationHandlers(this.ws),
      ...historyHandlers(this.ws),
      ...codebookHandlers(this.ws),
      ...searchHandlers(this.ws, this.notes),
      ...compareHandlers(this.ws),
      ...exchangeHandlers(this.ws),
    }
  }

  static async open(options: ServiceOptions): Promise<ParallaxService> {
    const ctx: RecordContext = { now: options.now ?? (() => new Date()), newId: options.newId ?? randomUUID, creator: options.user }
    // A file restored while the app runs (another process left it damaged) is told to every UI at
    // once; what is restored while opening is listed in app.info's notices instead.
    const live: { tell?: (notice: RecoveryNotice) => void } = {}
    const store = await AnnotationStore.open({ libraryFolder: options.libraryFolder, fallbackFolder: options.fallbackDataFolder, onRecovery: (notice) => live.tell?.(notice) })
    const read = options.readFile ?? ((path: string) => readArticleFile(options.libraryFolder, path, options.maxBytes))
    const library = new Library(store, new SummaryCache(join(store.dataFolder, 'cache', 'summaries.json')), read, ctx, options.libraryFolder)
    // Before 0.2 the index was a 100 MB+ JSON file; it is rebuilt as a snapshot, so drop it.
    void rm(join(store.dataFolder, 'cache', 'search-index.json'), { force: true }).catch(() => undefined)
    const service = new ParallaxService(options, store, library, ctx)
    live.tell = (notice) => service.ws.emit({ type: 'notice', level: 'warning', message: notice.file.includes('annotations') ? service.ws.describeRecovery(notice) : notice.message })
    return service
  }

  get libraryFolder(): string {
    return this.ws.options.libraryFolder
  }

  /** Lists the folder (warm: from cache), then builds or refreshes the search index in the background. */
  async scan(): Promise<void> {
    // Texts the scan parses go straight to the index: a first build does not parse them twice.
    await this.ws.library.scan(undefined, this.ws.search.prefill)
    await this.ws.library.flush()
    void this.ws.search.sync(this.ws.library.list()).then(() => this.notes.all())
  }

  /** Resolves once the full-text index is built or loaded. */
  whenSearchReady(): Promise<void> {
    return new Promise((resolve) => {
      if (this.ws.search.isReady) return resolve()
      const off = this.onEvent((e) => e.type === 'index.progress' && e.ready && (off(), resolve()))
    })
  }

  /** Resolves once the annotations are in the full-text index, with every change so far. */
  async whenNotesIndexed(): Promise<void> {
    await this.notes.firstPass
    await this.notes.settled()
  }

  onEvent(listener: (event: ApiEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /**
   * Called by the watcher for an added or changed file; resolves once the UI has been told and
   * the file is searchable.
   */
  async fileChanged(path: string): Promise<void> {
    const { delta } = await this.ws.library.fileChanged(path)
    for (const r of delta.renamed) {
      const pending = this.pendingRemovals.get(r.id)
      if (pending) {
        clearTimeout(pending.timer)
        pending.settle()
      }
      this.pendingRemovals.delete(r.id)
    }
    const updated = [...delta.added, ...delta.changed]
    for (const e of updated) this.ws.articles.delete(e.id)
    this.emitDelta(delta)
    if (delta.changed.length) this.ws.emit({ type: 'annotations.changed', articleIds: delta.changed.map((e) => e.id) })
    await Promise.all(updated.map((e) => this.ws.search.update(e)))
  }

  /**
   * Brings the library up to date with the folder once the watcher is ready: a file copied in,
   * edited or deleted between the start-up scan and that moment produced no watcher event.
   * Removals go first, so a file moved meanwhile is paired with its old entry (a rename).
   */
  async catchUp(): Promise<void> {
    const found = await walkLibrary(this.ws.options.libraryFolder)
    const known = new Map(this.ws.library.list().map((e) => [e.summary.path, e.summary]))
    const changed = found.filter((f) => {
      const s = known.get(f.path)
      known.delete(f.path)
      return !s || s.size !== f.size || s.mtimeMs !== f.mtimeMs
    })
    for (const path of known.keys()) await this.fileRemoved(path)
    for (const f of changed) await this.fileChanged(f.path)
  }

  /** Called by the watcher for a removed file; held briefly so a rename (unlink + add) keeps its id. */
  async fileRemoved(path: string): Promise<void> {
    const delta = await this.ws.library.fileRemoved(path)
    for (const id of delta.removed) {
      this.ws.articles.delete(id)
      let settle = (): void => undefined
      const done = new Promise<void>((resolve) => (settle = resolve))
      const timer = setTimeout(() => {
        this.pendingRemovals.delete(id)
        settle()
        if (this.ws.library.get(id)) return
        void this.ws.search.remove(id)
        this.ws.emit({ type: 'library.changed', added: [], changed: [], removed: [id], renamed: [] })
      }, RENAME_HOLD_MS)
      this.pendingRemovals.set(id, { timer, done, settle })
    }
  }

  /** Resolves once every removal held back (in case it was half of a rename) has been decided. */
  async whenRemovalsSettled(): Promise<void> {
    await Promise.all([...this.pendingRemovals.values()].map((p) => p.done))
  }

  private emitDelta(delta: LibraryDelta): void {
    if (!delta.added.length && !delta.changed.length && !delta.removed.length && !delta.renamed.length) return
    const renamedIds = new Set(delta.renamed.map((r) => r.id))
    this.ws.emit({
      type: 'library.changed',
      added: delta.added.filter((e) => !renamedIds.has(e.id)).map((e) => this.ws.summarise(e)),
      changed: [...delta.changed, ...delta.added.filter((e) => renamedIds.has(e.id))].map((e) => this.ws.summarise(e)),
      removed: delta.removed,
      renamed: delta.renamed,
    })
  }

  notify(level: 'info' | 'warning' | 'error', message: string): void {
    this.ws.emit({ type: 'notice', level, message })
  }

  /**
   * Records how the folder is watched. Kept (not only broadcast) because a window that opens
   * later must still be told that changes now take up to a second to appear.
   */
  setWatchStatus(status: WatchStatus): void {
    this.ws.watchStatus = status
    this.ws.emit({ type: 'watch.changed', status })
  }

  /** Writes an export straight to a file, piece by piece (the CLI and the bench; the UI downloads export.run's file). */
  exportToFile(scope: ExportScope, format: ExportFormat, path: string): Promise<ExportFile['counts']> {
    return exportToFile(this.ws, scope, format, path, `Parallax ${this.ws.options.version}`)
  }

  /** Article ids whose annotation shard is held in memory (a test of the unknown-id rule). */
  get shardsInMemory(): number {
    return this.ws.store.shardCount
  }

  async close(): Promise<void> {
    for (const p of this.pendingRemovals.values()) {
      clearTimeout(p.timer)
      p.settle()
    }
    await this.ws.library.flush()
    await this.ws.search.close()
  }
}
