import { randomUUID } from 'node:crypto'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { anchorPassage, describePassage } from '../anchoring/anchor'
import type { ParsedArticle } from '../article/types'
import type { Annotation, ArticleNote, Highlight, MetadataOverride, Tag } from '../annotations/model'
import { History } from '../annotations/history'
import { explainStorageError } from '../annotations/storage-errors'
import { wouldCycle } from '../annotations/tag-tree'
import { createRecord, reviseRecord, type RecordContext } from '../annotations/records'
import { AnnotationStore, DATA_FOLDER } from '../annotations/store'
import type { RecoveryNotice } from '../annotations/durable-adapter'
import { Library, type FileReader, type LibraryDelta, type LibraryEntry } from '../library/library'
import { readArticleFile, sha256 } from '../library/read-article-file'
import { walkLibrary } from '../library/walk'
import { SummaryCache } from '../library/summary-cache'
import { ApiError, type Handlers } from '../../shared/contract'
import type { AnchoredHighlight, ApiEvent, ArticleAnnotations, ArticleSummary, ArticleView, TagWithCount, WatchStatus } from '../../shared/types'
import { ArticleCache } from './article-cache'
import { importPaths, importUploads, type ImportTarget } from './import-files'
import { inProcessSearch, SearchService, type SearchBackendFactory } from './search-service'
import { nextTagColour } from './tag-colours'

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
}

type Stored = Annotation | Tag

/**
 * The Parallax application service: everything the API contract offers, over one library
 * folder. Hosts (Electron main, `parallax serve`) validate arguments, then call `handlers`;
 * they forward `onEvent` to their UIs and report file-system changes with `fileChanged`.
 */
export class ParallaxService {
  private readonly listeners = new Set<(event: ApiEvent) => void>()
  private readonly history = new History<Stored>()
  private readonly articles = new ArticleCache()
  private readonly pendingRemovals = new Map<string, ReturnType<typeof setTimeout>>()
  private watchStatus: WatchStatus = { mode: 'events' }
  readonly ctx: RecordContext
  readonly search: SearchService

  private constructor(
    readonly options: ServiceOptions,
    readonly store: AnnotationStore,
    readonly library: Library,
    ctx: RecordContext,
  ) {
    this.ctx = ctx
    const backend = (options.searchBackend ?? inProcessSearch)(options.libraryFolder, join(store.dataFolder, 'cache', 'search-index.bin'), options.maxBytes)
    this.search = new SearchService(backend, (e) => this.emit(e))
  }

  static async open(options: ServiceOptions): Promise<ParallaxService> {
    const ctx: RecordContext = { now: options.now ?? (() => new Date()), newId: options.newId ?? randomUUID, creator: options.user }
    const store = await AnnotationStore.open({ libraryFolder: options.libraryFolder, fallbackFolder: options.fallbackDataFolder })
    const read = options.readFile ?? ((path: string) => readArticleFile(options.libraryFolder, path, options.maxBytes))
    const library = new Library(store, new SummaryCache(join(store.dataFolder, 'cache', 'summaries.json')), read, ctx, options.libraryFolder)
    // Before 0.2 the index was a 100 MB+ JSON file; it is rebuilt as a snapshot, so drop it.
    void rm(join(store.dataFolder, 'cache', 'search-index.json'), { force: true }).catch(() => undefined)
    return new ParallaxService(options, store, library, ctx)
  }

  /** Lists the folder (warm: from cache), then builds or refreshes the search index in the background. */
  async scan(): Promise<void> {
    await this.library.scan()
    await this.library.flush()
    void this.search.sync(this.library.list())
  }

  onEvent(listener: (event: ApiEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private emit(event: ApiEvent): void {
    for (const l of this.listeners) l(event)
  }

  /** Called by the watcher for an added or changed file. */
  async fileChanged(path: string): Promise<void> {
    const { delta } = await this.library.fileChanged(path)
    for (const r of delta.renamed) {
      const pending = this.pendingRemovals.get(r.id)
      if (pending) clearTimeout(pending)
      this.pendingRemovals.delete(r.id)
    }
    for (const e of [...delta.added, ...delta.changed]) {
      this.articles.delete(e.id)
      void this.search.update(e)
    }
    this.emitDelta(delta)
    if (delta.changed.length) this.emit({ type: 'annotations.changed', articleIds: delta.changed.map((e) => e.id) })
  }

  /**
   * Brings the library up to date with the folder once the watcher is ready: a file copied in,
   * edited or deleted between the start-up scan and that moment produced no watcher event.
   * Removals go first, so a file moved meanwhile is paired with its old entry (a rename).
   */
  async catchUp(): Promise<void> {
    const found = await walkLibrary(this.options.libraryFolder)
    const known = new Map(this.library.list().map((e) => [e.summary.path, e.summary]))
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
    const delta = await this.library.fileRemoved(path)
    for (const id of delta.removed) {
      this.articles.delete(id)
      this.pendingRemovals.set(
        id,
        setTimeout(() => {
          this.pendingRemovals.delete(id)
          if (this.library.get(id)) return
          void this.search.remove(id)
          this.emit({ type: 'library.changed', added: [], changed: [], removed: [id], renamed: [] })
        }, 300),
      )
    }
  }

  private emitDelta(delta: LibraryDelta): void {
    if (!delta.added.length && !delta.changed.length && !delta.removed.length && !delta.renamed.length) return
    const renamedIds = new Set(delta.renamed.map((r) => r.id))
    this.emit({
      type: 'library.changed',
      added: delta.added.filter((e) => !renamedIds.has(e.id)).map((e) => this.summarise(e)),
      changed: [...delta.changed, ...delta.added.filter((e) => renamedIds.has(e.id))].map((e) => this.summarise(e)),
      removed: delta.removed,
      renamed: delta.renamed,
    })
  }

  notify(level: 'info' | 'warning' | 'error', message: string): void {
    this.emit({ type: 'notice', level, message })
  }

  /**
   * Records how the folder is watched. Kept (not only broadcast) because a window that opens
   * later must still be told that changes now take up to a second to appear.
   */
  setWatchStatus(status: WatchStatus): void {
    this.watchStatus = status
    this.emit({ type: 'watch.changed', status })
  }

  async close(): Promise<void> {
    for (const t of this.pendingRemovals.values()) clearTimeout(t)
    await this.library.flush()
    await this.search.close()
  }

  // ——— reading ———

  private summarise(entry: LibraryEntry): ArticleSummary {
    const { summary } = entry
    const override = this.store.registry.records[entry.id]?.override ?? {}
    const { highlightCount, articleNote, hasNote } = this.store.articleStats(entry.id)
    const corrected = (['title', 'date', 'author', 'outlet'] as const).filter((k) => override[k] !== undefined)
    return {
      id: entry.id,
      path: summary.path,
      readable: summary.readable,
      format: summary.format,
      title: override.title ?? summary.meta.title,
      titleSource: override.title !== undefined ? 'user' : summary.meta.titleSource,
      date: override.date ?? summary.meta.date,
      author: override.author ?? summary.meta.author,
      outlet: override.outlet ?? summary.meta.outlet,
      categories: summary.meta.categories,
      extra: summary.meta.extra,
      corrected,
      encoding: summary.encoding,
      repairs: summary.repairs,
      warnings: summary.warnings,
      characters: summary.characters,
      size: summary.size,
      mtimeMs: summary.mtimeMs,
      tagIds: articleNote?.tagIds ?? [],
      highlightCount,
      hasNote,
    }
  }

  /** "Annotations for 'Xi, Putin hold phone call…' were damaged; restored the copy saved at 14:02 …" */
  private describeRecovery(r: RecoveryNotice): string {
    const entry = this.library.get(AnnotationStore.articleIdOfShardFile(r.file))
    const what = entry ? `Annotations for “${this.summarise(entry).title}”` : `Annotations of an article no longer in the folder (${r.file})`
    const when = r.restoredAt ? r.restoredAt.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : undefined
    const outcome = r.restoredFrom
      ? `restored the copy saved ${when ? `at ${when}` : 'before'}; changes made after it are lost`
      : 'no earlier copy existed, so they start empty'
    return `${what} ${r.problem.replace(/^was /, 'were ')}; ${outcome}.${r.movedTo ? ` The damaged file is kept as ${r.movedTo}.` : ''}`
  }

  private requireEntry(id: string): LibraryEntry {
    const entry = this.library.get(id)
    if (!entry) throw new ApiError('not-found', 'This article is no longer in the library (it may have been deleted or moved out of the folder).')
    return entry
  }

  /** The parsed article and its text hash, from cache or disk. */
  private async textOf(id: string): Promise<{ article: ParsedArticle; textHash: string } | undefined> {
    const entry = this.library.get(id)
    if (!entry) return undefined
    const cached = this.articles.get(id, entry.summary.hash)
    if (cached) return cached
    const { entry: fresh, article } = await this.library.open(id)
    if (!article) return undefined
    const textHash = fresh.summary.textHash ?? sha256(article.text)
    this.articles.set(id, fresh.summary.hash, article, textHash)
    return { article, textHash }
  }

  private anchorAll(highlights: Highlight[], text: string | undefined): AnchoredHighlight[] {
    return highlights
      .map((h) => ({ ...h, anchor: text === undefined ? { status: 'orphan' as const, score: 0 } : anchorPassage(text, h.target) }))
      .sort((a, b) => (a.anchor.start ?? Infinity) - (b.anchor.start ?? Infinity) || a.createdAt.localeCompare(b.createdAt))
  }

  private async annotationsOf(articleId: string): Promise<ArticleAnnotations> {
    const records = await this.store.annotationsOf(articleId)
    const loaded = await this.textOf(articleId)
    return {
      articleId,
      highlights: this.anchorAll(records.filter((r): r is Highlight => r.kind === 'highlight'), loaded?.article.text),
      articleNote: records.find((r): r is ArticleNote => r.kind === 'article-note') ?? null,
      links: this.store.linksOf(articleId),
    }
  }

  private findAnnotation(id: string): Annotation {
    const a = this.store.findById(id)
    if (a && !a.deleted) return a
    throw new ApiError('not-found', 'This annotation no longer exists (it may have been deleted in another window).')
  }

  private tagsWithCounts(): TagWithCount[] {
    const counts = new Map<string, number>()
    for (const a of this.store.allAnnotations()) if ('tagIds' in a) for (const t of a.tagIds) counts.set(t, (counts.get(t) ?? 0) + 1)
    return this.store
      .liveTags()
      .map((t) => ({ ...t, count: counts.get(t.id) ?? 0 }))
      .sort((a, b) => a.name.localeCompare(b.name))
  }

  private requireTag(id: string): Tag {
    const tag = this.store.codebook.records[id]
    if (!tag || tag.deleted) throw new ApiError('not-found', 'This tag no longer exists.')
    return tag
  }

  // ——— writing ———

  /** Saves records durably, records the action for undo and tells every UI. */
  private async commit(label: string, changes: Array<{ before: Stored | null; after: Stored }>, undoable = true): Promise<void> {
    const annotations = changes.map((c) => c.after).filter((r): r is Annotation => r.kind !== 'tag')
    const tags = changes.map((c) => c.after).filter((r): r is Tag => r.kind === 'tag')
    await durably(Promise.all([annotations.length ? this.store.saveAnnotations(annotations) : undefined, tags.length ? this.store.codebook.put(tags) : undefined]))
    this.announce(label, changes, undoable)
  }

  /**
   * Saves tags after a check made under the codebook's cross-process lock, on the codebook as
   * on disk: two processes creating one name, or nesting two tags inside each other, cannot
   * both succeed.
   */
  private async commitTags(label: string, changes: Array<{ before: Tag | null; after: Tag }>, check: (records: Readonly<Record<string, Tag>>) => void): Promise<void> {
    await durably(
      this.store.codebook.update((records) => {
        check(records)
        return changes.map((c) => c.after)
      }),
    )
    this.announce(label, changes, true)
  }

  private announce(label: string, changes: Array<{ before: Stored | null; after: Stored }>, undoable: boolean): void {
    const annotations = changes.map((c) => c.after).filter((r): r is Annotation => r.kind !== 'tag')
    const tags = changes.map((c) => c.after).filter((r): r is Tag => r.kind === 'tag')
    if (undoable) this.history.record({ label, changes })
    const articleIds = new Set<string>()
    for (const a of annotations) {
      if (a.kind === 'highlight') articleIds.add(a.target.articleId)
      else if (a.kind === 'article-note') articleIds.add(a.articleId)
      else articleIds.add(a.source.articleId).add(a.target.articleId)
    }
    if (articleIds.size) {
      this.emit({ type: 'annotations.changed', articleIds: [...articleIds] })
      const changed = [...articleIds].map((id) => this.library.get(id)).filter((e): e is LibraryEntry => !!e)
      this.emit({ type: 'library.changed', added: [], changed: changed.map((e) => this.summarise(e)), removed: [], renamed: [] })
    }
    if (tags.length || annotations.some((a) => a.tagIds.length)) this.emit({ type: 'codebook.changed' })
  }

  private current(record: Stored): Stored {
    if (record.kind === 'tag') return this.store.codebook.records[record.id] ?? record
    return this.store.findById(record.id) ?? record
  }

  private async replay(direction: 'undo' | 'redo'): Promise<{ label: string | null; canUndo?: string; canRedo?: string }> {
    const entry = direction === 'undo' ? this.history.takeUndo() : this.history.takeRedo()
    if (!entry) return { label: null, canUndo: this.history.canUndo, canRedo: this.history.canRedo }
    const changes = entry.changes.map(({ before, after }) => {
      const now = this.current(after)
      const content = direction === 'undo' ? before : after
      const next = content ? reviseRecord(this.ctx, now, { ...content, version: now.version, id: now.id }) : reviseRecord(this.ctx, now, { deleted: true } as Partial<Stored>)
      return { before: now, after: next as Stored }
    })
    await this.commit(entry.label, changes, false)
    return { label: entry.label, canUndo: this.history.canUndo, canRedo: this.history.canRedo }
  }

  private importTarget(): ImportTarget {
    return {
      root: this.options.libraryFolder,
      subfolder: '',
      maxBytes: this.options.maxBytes,
      findByHash: (hash) => this.library.list().find((e) => e.summary.hash === hash)?.summary.path,
      onImported: (path) => this.fileChanged(path),
    }
  }

  /** The API, one handler per contract method; arguments arrive validated. */
  readonly handlers: Handlers = {
    'app.info': async () => ({
      host: this.options.host,
      version: this.options.version,
      libraryFolder: this.options.libraryFolder,
      dataFolder: this.store.dataFolder,
      user: this.options.user,
      notices: [...this.store.notices, ...this.store.recoveries.map((r) => this.describeRecovery(r))],
      watch: this.watchStatus,
      canUndo: this.history.canUndo,
      canRedo: this.history.canRedo,
    }),

    'library.list': async ({ after, limit }) => {
      if (after === undefined && limit === undefined) return this.library.list().map((e) => this.summarise(e))
      const page = this.library
        .list()
        .filter((e) => after === undefined || e.id > after)
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .slice(0, limit ?? Infinity)
      return page.map((e) => this.summarise(e))
    },

    'library.importPaths': async ({ paths }) => importPaths(this.importTarget(), paths),

    'library.upload': async ({ files }) => importUploads(this.importTarget(), files),

    'article.open': async ({ id }): Promise<ArticleView> => {
      this.requireEntry(id)
      const loaded = await this.textOf(id)
      const entry = this.requireEntry(id)
      if (!loaded) {
        const reason = entry.summary.warnings[0]?.message ?? 'This file cannot be read.'
        throw new ApiError('unsupported', reason)
      }
      return { summary: this.summarise(entry), text: loaded.article.text, blocks: loaded.article.blocks, textHash: loaded.textHash }
    },

    'article.setMetadata': async ({ id, override }) => {
      const entry = this.requireEntry(id)
      const registry = this.store.registry.records[id]
      if (!registry) throw new ApiError('not-found', 'This article is not registered yet; try again in a moment.')
      const merged: MetadataOverride = { ...registry.override }
      for (const key of ['title', 'date', 'author', 'outlet'] as const) {
        if (override[key] === undefined) continue
        const value = override[key]!.trim()
        // An empty value means "use what the file says" again.
        if (value === '') delete merged[key]
        else merged[key] = value
      }
      if (merged.date && !/^\d{4}-\d{2}-\d{2}/.test(merged.date)) throw new ApiError('invalid-argument', 'Dates are written as YYYY-MM-DD.')
      await durably(this.store.registry.put([{ ...registry, override: merged, version: registry.version + 1, updatedAt: this.ctx.now().toISOString() }]))
      const summary = this.summarise(entry)
      this.emit({ type: 'library.changed', added: [], changed: [summary], removed: [], renamed: [] })
      return summary
    },

    'annotations.list': async ({ articleId }) => {
      // An unknown id must not create an empty shard in memory (20,000 made-up ids grew the server for good).
      if (!this.library.get(articleId) && !this.store.hasShard(articleId)) return { articleId, highlights: [], articleNote: null, links: [] }
      return this.annotationsOf(articleId)
    },

    'annotations.createHighlight': async ({ articleId, start, end, textHash, colour, tagIds, note }) => {
      this.requireEntry(articleId)
      const loaded = await this.textOf(articleId)
      if (!loaded) throw new ApiError('unsupported', 'This article cannot be read, so it cannot be highlighted.')
      if (loaded.textHash !== textHash) throw new ApiError('conflict', 'The article changed on disk while you were selecting; the new version has been loaded, please select again.')
      const { text } = loaded.article
      if (end <= start || end > text.length) throw new ApiError('invalid-argument', 'The selection is outside the article text.')
      if (text.slice(start, end).trim() === '') throw new ApiError('invalid-argument', 'Select some words to highlight.')
      for (const t of tagIds) this.requireTag(t)
      const highlight = createRecord<Highlight>(this.ctx, { kind: 'highlight', target: describePassage(articleId, text, textHash, start, end), colour, tagIds, note })
      await this.commit('Highlight', [{ before: null, after: highlight }])
      return { ...highlight, anchor: anchorPassage(text, highlight.target) }
    },

    'annotations.updateHighlight': async ({ id, patch }) => {
      const before = this.findAnnotation(id)
      if (before.kind !== 'highlight') throw new ApiError('invalid-argument', 'Not a highlight.')
      for (const t of patch.tagIds ?? []) this.requireTag(t)
      const clean = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<Highlight>
      const after = reviseRecord(this.ctx, before, clean)
      await this.commit(patch.note !== undefined ? 'Edit note' : patch.tagIds ? 'Change tags' : 'Change colour', [{ before, after }])
      const loaded = await this.textOf(after.target.articleId)
      return this.anchorAll([after], loaded?.article.text)[0]
    },

    'annotations.deleteHighlight': async ({ id }) => {
      const before = this.findAnnotation(id)
      await this.commit('Delete highlight', [{ before, after: reviseRecord(this.ctx, before, { deleted: true }) }])
      return { ok: true as const }
    },

    'annotations.setArticleNote': async ({ articleId, tagIds, note }) => {
      this.requireEntry(articleId)
      for (const t of tagIds ?? []) this.requireTag(t)
      const existing = (await this.store.annotationsOf(articleId)).find((a): a is ArticleNote => a.kind === 'article-note')
      const after: ArticleNote = existing
        ? reviseRecord(this.ctx, existing, { ...(tagIds ? { tagIds } : {}), ...(note !== undefined ? { note } : {}) })
        : createRecord<ArticleNote>(this.ctx, { kind: 'article-note', articleId, tagIds: tagIds ?? [], note: note ?? '' })
      await this.commit(note !== undefined ? 'Edit article note' : 'Change article tags', [{ before: existing ?? null, after }])
      return this.annotationsOf(articleId)
    },

    'history.undo': async () => this.replay('undo'),
    'history.redo': async () => this.replay('redo'),

    'codebook.list': async () => {
      // Another process (the CLI, a second window's host) may have added tags since.
      await this.store.codebook.refresh()
      return this.tagsWithCounts()
    },

    'codebook.create': async ({ name, colour, description, parentId }) => {
      if (parentId) this.requireTag(parentId)
      const tag = createRecord<Tag>(this.ctx, { kind: 'tag', name, colour: colour ?? nextTagColour(this.store.liveTags().map((t) => t.colour)), description, parentId })
      await this.commitTags(`Create tag "${name}"`, [{ before: null, after: tag }], (records) => {
        if (Object.values(records).some((t) => !t.deleted && sameName(t.name, name))) throw new ApiError('conflict', `A tag called "${name}" already exists.`)
      })
      return { ...tag, count: 0 }
    },

    'codebook.update': async ({ id, patch }) => {
      const before = this.requireTag(id)
      if (patch.parentId) this.requireTag(patch.parentId)
      const clean = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<Tag>
      const after = reviseRecord(this.ctx, before, clean)
      await this.commitTags(patch.name ? `Rename tag to "${patch.name}"` : 'Edit tag', [{ before, after }], (records) => {
        if (patch.name && Object.values(records).some((t) => !t.deleted && t.id !== id && sameName(t.name, patch.name!))) {
          throw new ApiError('conflict', `A tag called "${patch.name}" already exists; merge the two instead.`)
        }
        if (patch.parentId && wouldCycle(id, patch.parentId, records)) throw new ApiError('invalid-argument', 'A tag cannot be nested inside itself or one of its own sub-tags.')
      })
      return this.tagsWithCounts().find((t) => t.id === id)!
    },

    'codebook.merge': async ({ sourceId, targetId }) => {
      if (sourceId === targetId) throw new ApiError('invalid-argument', 'Choose two different tags to merge.')
      const source = this.requireTag(sourceId)
      this.requireTag(targetId)
      const changes: Array<{ before: Stored | null; after: Stored }> = []
      for (const a of [...this.store.allAnnotations()]) {
        if (!a.tagIds.includes(sourceId)) continue
        const tagIds = [...new Set(a.tagIds.map((t) => (t === sourceId ? targetId : t)))]
        changes.push({ before: a, after: reviseRecord(this.ctx, a, { tagIds }) })
      }
      for (const child of this.store.liveTags().filter((t) => t.parentId === sourceId)) changes.push({ before: child, after: reviseRecord(this.ctx, child, { parentId: targetId }) })
      changes.push({ before: source, after: reviseRecord(this.ctx, source, { deleted: true }) })
      await this.commit(`Merge "${source.name}"`, changes)
      return this.tagsWithCounts().find((t) => t.id === targetId)!
    },

    'codebook.delete': async ({ id }) => {
      const tag = this.requireTag(id)
      const changes: Array<{ before: Stored | null; after: Stored }> = []
      for (const a of [...this.store.allAnnotations()]) if (a.tagIds.includes(id)) changes.push({ before: a, after: reviseRecord(this.ctx, a, { tagIds: a.tagIds.filter((t) => t !== id) }) })
      for (const child of this.store.liveTags().filter((t) => t.parentId === id)) changes.push({ before: child, after: reviseRecord(this.ctx, child, { parentId: tag.parentId }) })
      changes.push({ before: tag, after: reviseRecord(this.ctx, tag, { deleted: true }) })
      await this.commit(`Delete tag "${tag.name}"`, changes)
      return { ok: true as const }
    },

    'codebook.passages': async ({ tagId }) => {
      this.requireTag(tagId)
      const wanted = new Set([tagId])
      // Code retrieval includes sub-codes, as in QDA tools.
      for (let grew = true; grew; ) {
        grew = false
        for (const t of this.store.liveTags()) {
          if (t.parentId && wanted.has(t.parentId) && !wanted.has(t.id)) {
            wanted.add(t.id)
            grew = true
          }
        }
      }
      const out = []
      for (const a of this.store.allAnnotations()) {
        if (a.kind !== 'highlight' || !a.tagIds.some((t) => wanted.has(t))) continue
        const entry = this.library.get(a.target.articleId)
        if (!entry) continue
        const loaded = await this.textOf(entry.id)
        out.push({
          articleId: entry.id,
          articleTitle: this.summarise(entry).title,
          highlightId: a.id,
          quote: a.target.quote.exact,
          note: a.note,
          anchor: loaded ? anchorPassage(loaded.article.text, a.target) : { status: 'orphan' as const, score: 0 },
        })
      }
      return out.sort((x, y) => x.articleTitle.localeCompare(y.articleTitle) || (x.anchor.start ?? 0) - (y.anchor.start ?? 0))
    },

    'search.query': async ({ q, limit }) => this.search.query(q, limit),

    'search.annotations': async ({ q }) => {
      const needle = q.trim().toLowerCase()
      if (!needle) return []
      const tags = new Map(this.store.liveTags().map((t) => [t.id, t.name]))
      const out = []
      for (const a of this.store.allAnnotations()) {
        if (a.kind === 'link') continue
        const articleId = a.kind === 'highlight' ? a.target.articleId : a.articleId
        const entry = this.library.get(articleId)
        if (!entry) continue
        const quote = a.kind === 'highlight' ? a.target.quote.exact : ''
        const tagNames = a.tagIds.map((t) => tags.get(t)).filter((n): n is string => !!n)
        if (![quote, a.note, ...tagNames].some((s) => s.toLowerCase().includes(needle))) continue
        out.push({ articleId, articleTitle: this.summarise(entry).title, highlightId: a.kind === 'highlight' ? a.id : null, quote, note: a.note, tagNames })
        if (out.length >= 200) break
      }
      return out
    },
  }
}

export { DATA_FOLDER }

function sameName(a: string, b: string): boolean {
  return a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0 || a.toLowerCase() === b.toLowerCase()
}

/** Waits for a save; a disk that refused it becomes a sentence the UI shows, and nothing counts as saved. */
async function durably<T>(save: Promise<T>): Promise<T> {
  try {
    return await save
  } catch (error) {
    const explained = explainStorageError(error)
    if (explained) throw new ApiError('not-saved', explained)
    throw error
  }
}
