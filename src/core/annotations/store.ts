import { access, constants, mkdir, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import type { RecoveryNotice } from './durable-adapter'
import { Annotation, MetadataOverride, Tag, type PassageLink } from './model'
import { RecordShard } from './record-shard'

/** What the store knows about an article file: identity by path and content, and corrections. */
export const RegistryEntry = z.object({
  id: z.string(),
  version: z.number().int().positive(),
  updatedAt: z.string(),
  path: z.string(),
  hash: z.string(),
  size: z.number(),
  mtimeMs: z.number(),
  override: MetadataOverride.optional(),
})
export type RegistryEntry = z.infer<typeof RegistryEntry>

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
  return a.kind === 'highlight' ? a.target.articleId : a.kind === 'link' ? a.source.articleId : a.articleId
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

  private constructor(
    readonly dataFolder: string,
    private readonly onRecovery: (notice: RecoveryNotice) => void,
  ) {
    this.registry = new RecordShard(join(dataFolder, 'registry.json'), RegistryEntry, onRecovery)
    this.codebook = new RecordShard(join(dataFolder, 'codebook.json'), Tag, onRecovery)
  }

  /** Opens (creating if needed) the store for a library and loads every file. */
  static async open(options: StoreOptions): Promise<AnnotationStore> {
    let dataFolder = join(options.libraryFolder, DATA_FOLDER)
    const notices: string[] = []
    try {
      await mkdir(join(dataFolder, 'annotations'), { recursive: true })
      await access(dataFolder, constants.W_OK)
    } catch {
      dataFolder = options.fallbackFolder
      await mkdir(join(dataFolder, 'annotations'), { recursive: true })
      notices.push(`The library folder is read-only, so annotations are kept in ${dataFolder} instead of beside the articles.`)
    }
    const store: AnnotationStore = new AnnotationStore(dataFolder, (notice) => {
      store.notices.push(notice.message)
      options.onRecovery?.(notice)
    })
    store.notices.push(...notices)
    await store.loadAll()
    return store
  }

  private async loadAll(): Promise<void> {
    await Promise.all([this.registry.load(), this.codebook.load()])
    const files = (await readdir(join(this.dataFolder, 'annotations'))).filter((f) => f.endsWith('.json'))
    // Bounded parallelism: thousands of concurrent opens would hit the file-descriptor limit.
    const queue = [...files]
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        for (let f = queue.pop(); f; f = queue.pop()) {
          const key = f.slice(0, -5)
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
        await this.shard(key).put(list)
        this.indexShard(key)
      }),
    )
  }

  private indexShard(key: string): void {
    for (const r of Object.values(this.shard(key).records)) {
      this.shardOfId.set(r.id, key)
      if (r.kind !== 'link') continue
      for (const articleId of [r.source.articleId, r.target.articleId]) {
        let set = this.linksByArticle.get(articleId)
        if (!set) this.linksByArticle.set(articleId, (set = new Set()))
        set.add(r.id)
      }
    }
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
