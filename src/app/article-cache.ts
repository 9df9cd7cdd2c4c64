import type { ParsedArticle } from '@core/article/types'

/** Small LRU of parsed articles (text + blocks) so anchoring and snippets do not re-read files. */
export class ArticleCache {
  private readonly map = new Map<string, { article: ParsedArticle; textHash: string; fileHash: string }>()
  constructor(private readonly capacity = 64) {}

  get(id: string, fileHash: string): { article: ParsedArticle; textHash: string } | undefined {
    const hit = this.map.get(id)
    if (!hit || hit.fileHash !== fileHash) return undefined
    this.map.delete(id)
    this.map.set(id, hit)
    return hit
  }

  set(id: string, fileHash: string, article: ParsedArticle, textHash: string): void {
    this.map.delete(id)
    this.map.set(id, { article, textHash, fileHash })
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value!)
  }

  delete(id: string): void {
    this.map.delete(id)
  }
}
