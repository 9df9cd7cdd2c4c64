import { access, constants, mkdir, readdir, stat } from 'node:fs/promises'
import { basename, join, sep } from 'node:path'
import type { RecoveryNotice } from './durable-adapter'
import { cycleBreaks } from '@core/annotations/tag-tree'
import { Annotation, Tag, type ArticleNote, type ComparisonRecord, type PassageLink } from '@core/annotations/model'
import { RecordShard } from './record-shard'
import { removeDeadTempFiles } from './dead-temp-files'
import { identityMeta, RegistryEntry, type ArticleIdentity } from './registry-entry'

export { RegistryEntry, type ArticleIdentity } from './registry-entry'

/** What the store knows about an article file: identity by path and content, and corrections. */
export interface ArticleStats {
  highlightCount: number
  articleNote: ArticleNote | undefined
  hasNote: boolean
}
const NO_STATS: ArticleStats = { highlightCount: 0, articleNote: undefined, hasNote: false }

/** Name of the data folder kept inside the library, so a corpus and its annotations travel together. */
export const DATA_FOLDER = '.parallax'

export interface StoreOptions {
  libraryFolder: string
  /** Used when the library folder is read-only (a CD, a shared drive). */
  fallbackFolder: string
  onRecovery?: (notice: RecoveryNotice) => void
}

/** The shard holding an annotation: the article it belongs to (a link lives with its source). */
export function shardKeyOf(a: Annotation): string {
  switch (a.kind) {
    case 'highlight':
      return a.target.articleId
    case 'link':
      return a.source.articleId
    case 'comparison':
      return a.leftId
    case 'article-note':
      return a.articleId
  }
}

/**
 * The annotation database: a registry of articles, a codebook and one small lowdb file of
 * annotations per article under `.parallax/`. Small files keep every save to a few kilobytes
 * however large the library grows.
 */
export class AnnotationStore {
  readonly registry: RecordShard<RegistryEntry>
  readonly codebook: RecordShard<Tag>
  private readonly shards = new Map<string, RecordShard<Annotation>>()
  /** Which shard holds each annotation id, and which links touch each article: lookups stay O(1) at 100,000 annotations. */
  private readonly shardOfId = new Map<string, string>()
  private readonly linksByArticle = new Map<string, Set<string>>()
  readonly notices: string[] = []
  private readonly stats = new Map<string, { generation: number; stats: ArticleStats }>()
  /** Damaged or missing files restored on open, for the service to describe by article title. */
  readonly recoveries: RecoveryNotice[] = []

  private constructor(
    readonly dataFolder: string,
    private readonly onRecovery: (notice: RecoveryNotice) => void,
  ) {
    this.registry = new RecordShard(join(dataFolder, 'registry.json'), RegistryEntry, onRecovery)
    this.codebook = new RecordShard(join(dataFolder, 'codebook.json'), Tag, onRecovery)
  }

  /** Opens (creating if needed) the store for a library and loads every file. */
  static async open(options: StoreOptions): Promise<AnnotationStore> {
    const libraryData = join(options.libraryFolder, DATA_FOLDER)
    let dataFolder = libraryData
    let readOnlyLibrary = false
    try {
      await mkdir(join(dataFolder, 'annotations'), { recursive: true })
      await access(dataFolder, constants.W_OK)
    } catch {
      dataFolder = options.fallbackFolder
      readOnlyLibrary = true
      await mkdir(join(dataFolder, 'annotations'), { recursive: true })
    }
    const store: AnnotationStore = new AnnotationStore(dataFolder, (notice) => {
      if (notice.file.includes(`${sep}annotations${sep}`)) store.recoveries.push(notice)
      else store.notices.push(notice.message)
      options.onRecovery?.(notice)
    })
    await removeDeadTempFiles(dataFolder)
    await store.loadAll()
    if (readOnlyLibrary) {
      const carried = await store.overlayReadOnly(libraryData)
      store.notices.push(
        carried > 0
          ? `The library folder is read-only: the ${carried} annotation${carried === 1 ? '' : 's'} saved in it are shown, and new work is kept in ${dataFolder}.`
          : `The library folder is read-only, so annotations are kept in ${dataFolder} instead of beside the articles.`,
      )
    }
    await store.breakTagCycles()
    await store.stampShardIdentities()
    return store
  }

  /**
   * A read-only library keeps its own `.parallax/`: its records are merged into the writable
   * fallback (record by record, newer version wins), so the researcher's work stays visible
   * and new work lands on top of it. Returns how many live annotations the library held.
   */
  private async overlayReadOnly(libraryData: string): Promise<number> {
    if (!(await stat(libraryData).catch(() => undefined))?.isDirectory()) return 0
    const files = await readdir(join(libraryData, 'annotations')).catch(() => [] as string[])
    const ignore = (): void => undefined
    const readOnly = async <R extends { id: string; version: number; updatedAt: string }>(shard: RecordShard<R>): Promise<R[]> => {
      try {
        await shard.load()
        return Object.values(shard.records)
      } catch (error) {
        this.notices.push(`${shard.file} could not be read (${(error as Error).message}); its annotations are not shown.`)
        return []
      }
    }
    await this.registry.put(await readOnly(new RecordShard(join(libraryData, 'registry.json'), RegistryEntry, ignore)))
    await this.codebook.put(await readOnly(new RecordShard(join(libraryData, 'codebook.json'), Tag, ignore)))
    let carried = 0
    for (const f of files.filter((name) => /^[A-Za-z0-9_-]{1,100}\.json$/.test(name))) {
      const key = f.slice(0, -5)
      const source = new RecordShard(join(libraryData, 'annotations', f), Annotation, ignore)
      const records = await readOnly(source)
      carried += records.filter((r) => !r.deleted).length
      await this.shard(key).put(records, (current) => current ?? source.meta)
      this.indexShard(key)
    }
    return carried
  }

  /** A codebook saved with a tag nested inside itself (two processes racing) is repaired on open. */
  private async breakTagCycles(): Promise<void> {
    const breaks = cycleBreaks(this.liveTags())
    if (breaks.length === 0) return
    const now = new Date().toISOString()
    await this.codebook.update((records) =>
      breaks
        .map((id) => records[id])
        .filter((t): t is Tag => !!t)
        .map((t) => ({ ...t, parentId: null, version: t.version + 1, updatedAt: now })),
    )
    const names = breaks.map((id) => `"${this.codebook.records[id]?.name}"`).join(', ')
    this.notices.push(`The codebook had tags nested inside each other; ${names} ${breaks.length === 1 ? 'was' : 'were'} moved to the top level.`)
  }

  /** Shards written before shards carried their article's identity get it now, once. */
  private async stampShardIdentities(): Promise<void> {
    for (const [key, shard] of this.shards) {
      const known = (shard.meta?.articles as Record<string, unknown> | undefined)?.[key]
      if (known || !this.registry.records[key] || Object.keys(shard.records).length === 0) continue
      await shard.put([], (meta) => identityMeta(this.registry.records, meta, [key]))
    }
  }

  /**
   * Identities recorded in the shards for article ids the registry does not know: what a lost
   * or damaged registry is rebuilt from (matched to files by path, then by content hash).
   */
  orphanIdentities(): Map<string, ArticleIdentity> {
    const out = new Map<string, ArticleIdentity>()
    for (const shard of this.shards.values()) {
      const articles = (shard.meta?.articles as Record<string, ArticleIdentity> | undefined) ?? {}
      for (const [id, identity] of Object.entries(articles)) {
        if (this.registry.records[id] || out.has(id) || typeof identity?.path !== 'string') continue
        out.set(id, { path: identity.path, hash: String(identity.hash ?? '') })
      }
    }
    return out
  }

  private async loadAll(): Promise<void> {
    await Promise.all([this.registry.load(), this.codebook.load()])
    // A shard is its snapshot `<id>.json` and its journal `<id>.json.journal`; either names it.
    const keys = new Set((await readdir(join(this.dataFolder, 'annotations'))).map((f) => /^([A-Za-z0-9_-]{1,100})\.json(\.journal)?$/.exec(f)?.[1]).filter((k): k is string => !!k))
    // Bounded parallelism: thousands of concurrent opens would hit the file-descriptor limit.
    const queue = [...keys]
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        for (let key = queue.pop(); key; key = queue.pop()) {
          await this.shard(key).load()
          this.indexShard(key)
        }
      }),
    )
  }

  shard(articleId: string): RecordShard<Annotation> {
    let s = this.shards.get(articleId)
    if (!s) {
      if (!/^[A-Za-z0-9_-]{1,100}$/.test(articleId)) throw new Error(`invalid article id: ${articleId}`)
      s = new RecordShard(join(this.dataFolder, 'annotations', `${articleId}.json`), Annotation, this.onRecovery)
      this.shards.set(articleId, s)
    }
    return s
  }

  /** The article id an annotation shard file belongs to. */
  static articleIdOfShardFile(file: string): string {
    return basename(file).replace(/\.json$/, '')
  }

  get shardCount(): number {
    return this.shards.size
  }

  hasShard(articleId: string): boolean {
    return this.shards.has(articleId)
  }

  /** Live (not deleted) annotations of an article, re-read if another process wrote them. */
  async annotationsOf(articleId: string): Promise<Annotation[]> {
    const shard = this.shard(articleId)
    if (await shard.refresh()) this.indexShard(articleId)
    return Object.values(shard.records).filter((a) => !a.deleted)
  }

  /** Every live annotation in memory (for counts, code retrieval and search). */
  *allAnnotations(): Iterable<Annotation> {
    for (const shard of this.shards.values()) for (const a of Object.values(shard.records)) if (!a.deleted) yield a
  }

  /** Saves annotations durably, grouped by article file; resolves when all are on disk. */
  async saveAnnotations(records: Annotation[]): Promise<void> {
    const byShard = new Map<string, Annotation[]>()
    for (const r of records) byShard.set(shardKeyOf(r), [...(byShard.get(shardKeyOf(r)) ?? []), r])
    await Promise.all(
      [...byShard].map(async ([key, list]) => {
        const referenced = new Set([key])
        for (const r of list) {
          if (r.kind === 'link') referenced.add(r.target.articleId)
          if (r.kind === 'comparison') referenced.add(r.rightId)
        }
        await this.shard(key).put(list, (meta) => identityMeta(this.registry.records, meta, referenced))
        this.indexRecords(key, list)
      }),
    )
  }

  private indexShard(key: string): void {
    this.indexRecords(key, Object.values(this.shard(key).records))
  }

  private indexRecords(key: string, records: Iterable<Annotation>): void {
    for (const r of records) {
      this.shardOfId.set(r.id, key)
      if (r.kind !== 'link') continue
      for (const articleId of [r.source.articleId, r.target.articleId]) {
        let set = this.linksByArticle.get(articleId)
        if (!set) this.linksByArticle.set(articleId, (set = new Set()))
        set.add(r.id)
      }
    }
  }

  /**
   * Counts for the library list (highlights, the article note, whether any note exists),
   * computed once per change of the article's shard rather than once per call: a list row is
   * summarised after every save, and an article may hold thousands of highlights.
   */
  articleStats(articleId: string): ArticleStats {
    const shard = this.shards.get(articleId)
    if (!shard) return NO_STATS
    const cached = this.stats.get(articleId)
    if (cached && cached.generation === shard.generation) return cached.stats
    let highlightCount = 0
    let articleNote: ArticleNote | undefined
    let anyNote = false
    for (const a of Object.values(shard.records)) {
      if (a.deleted) continue
      if (a.kind === 'highlight') {
        highlightCount++
        anyNote ||= a.note.trim() !== ''
      } else if (a.kind === 'article-note') articleNote = a
    }
    const stats = { highlightCount, articleNote, hasNote: anyNote || !!articleNote?.note.trim() }
    this.stats.set(articleId, { generation: shard.generation, stats })
    return stats
  }

  /** The records of an article as loaded (tombstones included), without creating a shard. */
  peek(articleId: string): Record<string, Annotation> {
    return this.shards.get(articleId)?.records ?? {}
  }

  /** An annotation by id, tombstones included (undo needs them). */
  findById(id: string): Annotation | undefined {
    const key = this.shardOfId.get(id)
    return key === undefined ? undefined : this.shard(key).records[id]
  }

  /** The live comparison record of two articles (either order), if the researcher kept anything on it. */
  comparisonOf(a: string, b: string): ComparisonRecord | undefined {
    for (const key of [a, b]) {
      for (const r of Object.values(this.peek(key))) if (r.kind === 'comparison' && !r.deleted && ((r.leftId === a && r.rightId === b) || (r.leftId === b && r.rightId === a))) return r
    }
    return undefined
  }

  /** Live links from or to an article. */
  linksOf(articleId: string): PassageLink[] {
    const out: PassageLink[] = []
    for (const id of this.linksByArticle.get(articleId) ?? []) {
      const r = this.findById(id)
      if (r && r.kind === 'link' && !r.deleted) out.push(r)
    }
    return out
  }

  liveTags(): Tag[] {
    return Object.values(this.codebook.records).filter((t) => !t.deleted)
  }
}
