import type { IndexEntry, QueryScope } from './search/search-engine'

/** The calls the search worker answers (src/node/search-worker.ts). */
export type SearchRequest =
  | { method: 'sync'; entries: IndexEntry[] }
  | { method: 'upsert'; entry: IndexEntry }
  | { method: 'remove'; articleId: string }
  | { method: 'query'; q: string; limit: number; scope?: QueryScope }
  | { method: 'close' }
