import type { IndexEntry, NoteDocument, PrefillDocument, QueryOptions } from './search/search-engine'

/** The calls the search worker answers (src/node/search-worker.ts). */
export type SearchRequest =
  | { method: 'sync'; entries: IndexEntry[] }
  | { method: 'prefill'; docs: PrefillDocument[] }
  | { method: 'upsert'; entry: IndexEntry }
  | { method: 'remove'; articleId: string }
  | { method: 'query'; q: string; limit: number; options?: QueryOptions }
  | { method: 'replaceNotes'; docs: NoteDocument[] }
  | { method: 'upsertNotes'; docs: NoteDocument[]; removedIds: string[] }
  | { method: 'queryNotes'; q: string; limit: number; options?: QueryOptions }
  | { method: 'close' }

/** What the worker answers to `sync`. */
export interface SyncAnswer {
  /** A sentence for the researcher when the index was rebuilt from damage. */
  message?: string
  /** The index was built in bulk: the worker's WebAssembly memory grew for it and is worth a fresh worker. */
  builtInBulk: boolean
}
