import { anchorPassage } from '@core/anchoring/anchor'
import type { ParsedArticle } from '@core/article/types'
import type { Annotation, ArticleNote, Highlight, Tag } from '@core/annotations/model'
import { History } from '@core/annotations/history'
import type { RecordContext } from '@core/annotations/records'
import type { RecoveryNotice } from '../node/store/durable-adapter'
import { AnnotationStore } from '../node/store/store'
import type { Library, LibraryEntry } from '../node/library/library'
import { sha256 } from '../node/library/read-article-file'
import { ApiError } from '@shared/contract'
import type { AnchoredHighlight, ApiEvent, ArticleAnnotations, ArticleSummary, TagWithCount, WatchStatus } from '@shared/types'
import { ArticleCache } from './article-cache'
import type { SearchService } from './search-service'
import { explainStorageError } from './storage-errors'

export type Stored = Annotation | Tag
export type Change = { before: Stored | null; after: Stored }

export interface WorkspaceOptions {
  libraryFolder: string
  host: 'electron' | 'http'
  version: string
  user: string
  maxBytes?: number
}

/**
 * What every capability works over: the store, the library, the search index and the
 * bookkeeping they share (undo history, the parsed-article cache, events). Capability modules
 * (src/app/capabilities) are a handful of handlers each over this context.
 */
export class Workspace {
  readonly history = new History<Stored>()
  readonly articles = new ArticleCache()
  watchStatus: WatchStatus = { mode: 'events' }

  constructor(
    readonly options: WorkspaceOptions,
    readonly store: AnnotationStore,
    readonly library: Library,
    readonly search: SearchService,
    readonly ctx: RecordContext,
    readonly emit: (event: ApiEvent) => void,
  ) {}

  // ——— reading ———

  summarise(entry: LibraryEntry): ArticleSummary {
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
  describeRecovery(r: RecoveryNotice): string {
    const entry = this.library.get(AnnotationStore.articleIdOfShardFile(r.file))
    const what = entry ? `Annotations for “${this.summarise(entry).title}”` : `Annotations of an article no longer in the folder (${r.file})`
    const when = r.restoredAt ? r.restoredAt.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : undefined
    const outcome = r.restoredFrom ? `restored the copy saved ${when ? `at ${when}` : 'before'}; changes made after it are lost` : 'no earlier copy existed, so they start empty'
    return `${what} ${r.problem.replace(/^was /, 'were ')}; ${outcome}.${r.movedTo ? ` The damaged file is kept as ${r.movedTo}.` : ''}`
  }

  requireEntry(id: string): LibraryEntry {
    const entry = this.library.get(id)
    if (!entry) throw new ApiError('not-found', 'This article is no longer in the library (it may have been deleted or moved out of the folder).')
    return entry
  }

  /** The parsed article and its text hash, from cache or disk. */
  async textOf(id: string): Promise<{ article: ParsedArticle; textHash: string } | undefined> {
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

  anchorAll(highlights: Highlight[], text: string | undefined): AnchoredHighlight[] {
    return highlights
      .map((h) => ({ ...h, anchor: text === undefined ? { status: 'orphan' as const, score: 0 } : anchorPassage(text, h.target) }))
      .sort((a, b) => (a.anchor.start ?? Infinity) - (b.anchor.start ?? Infinity) || a.createdAt.localeCompare(b.createdAt))
  }

  async annotationsOf(articleId: string): Promise<ArticleAnnotations> {
    const records = await this.store.annotationsOf(articleId)
    const loaded = await this.textOf(articleId)
    return {
      articleId,
      highlights: this.anchorAll(
        records.filter((r): r is Highlight => r.kind === 'highlight'),
        loaded?.article.text,
      ),
      articleNote: records.find((r): r is ArticleNote => r.kind === 'article-note') ?? null,
      links: this.store.linksOf(articleId),
    }
  }

  findAnnotation(id: string): Annotation {
    const a = this.store.findById(id)
    if (a && !a.deleted) return a
    throw new ApiError('not-found', 'This annotation no longer exists (it may have been deleted in another window).')
  }

  tagsWithCounts(): TagWithCount[] {
    const counts = new Map<string, number>()
    for (const a of this.store.allAnnotations()) if ('tagIds' in a) for (const t of a.tagIds) counts.set(t, (counts.get(t) ?? 0) + 1)
    return this.store
      .liveTags()
      .map((t) => ({ ...t, count: counts.get(t.id) ?? 0 }))
      .sort((a, b) => a.name.localeCompare(b.name))
  }

  requireTag(id: string): Tag {
    const tag = this.store.codebook.records[id]
    if (!tag || tag.deleted) throw new ApiError('not-found', 'This tag no longer exists.')
    return tag
  }

  // ——— writing ———

  /** Saves records durably, records the action for undo and tells every UI. */
  async commit(label: string, changes: Change[], undoable = true): Promise<void> {
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
  async commitTags(label: string, changes: Array<{ before: Tag | null; after: Tag }>, check: (records: Readonly<Record<string, Tag>>) => void): Promise<void> {
    await durably(
      this.store.codebook.update((records) => {
        check(records)
        return changes.map((c) => c.after)
      }),
    )
    this.announce(label, changes, true)
  }

  /** Told of every saved change (the notes index follows annotations and tag names). */
  onCommitted?: (annotations: Annotation[], tagsChanged: boolean) => void

  private announce(label: string, changes: Change[], undoable: boolean): void {
    const annotations = changes.map((c) => c.after).filter((r): r is Annotation => r.kind !== 'tag')
    const tags = changes.map((c) => c.after).filter((r): r is Tag => r.kind === 'tag')
    this.onCommitted?.(annotations, tags.length > 0)
    if (undoable) this.history.record({ label, changes })
    this.emit({ type: 'history.changed', canUndo: this.history.canUndo, canRedo: this.history.canRedo })
    const articleIds = new Set<string>()
    for (const a of annotations) {
      if (a.kind === 'highlight') articleIds.add(a.target.articleId)
      else if (a.kind === 'article-note') articleIds.add(a.articleId)
      else if (a.kind === 'comparison') articleIds.add(a.leftId).add(a.rightId)
      else articleIds.add(a.source.articleId).add(a.target.articleId)
    }
    if (articleIds.size) {
      this.emit({ type: 'annotations.changed', articleIds: [...articleIds] })
      const changed = [...articleIds].map((id) => this.library.get(id)).filter((e): e is LibraryEntry => !!e)
      this.emit({ type: 'library.changed', added: [], changed: changed.map((e) => this.summarise(e)), removed: [], renamed: [] })
    }
    if (tags.length || annotations.some((a) => a.tagIds.length)) this.emit({ type: 'codebook.changed' })
  }
}

/** Waits for a save; a disk that refused it becomes a sentence the UI shows, and nothing counts as saved. */
export async function durably<T>(save: Promise<T>): Promise<T> {
  try {
    return await save
  } catch (error) {
    const explained = explainStorageError(error)
    if (explained) throw new ApiError('not-saved', explained)
    throw error
  }
}
