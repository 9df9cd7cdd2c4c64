import { SearchEngine, type EngineResults, type IndexEntry, type NoteDocument, type PrefillDocument, type QueryOptions } from './search-engine'

/** Where the search engine runs: a worker thread in the hosts, this thread in unit tests. */
export interface SearchBackend {
  /** Resolves with a sentence for the researcher when the index had to be rebuilt from damage. */
  sync(entries: IndexEntry[], onProgress: (indexed: number, total: number) => void): Promise<string | undefined>
  /** Texts parsed by the library scan, indexed before their articles have ids. */
  prefill(docs: PrefillDocument[]): Promise<void>
  upsert(entry: IndexEntry): Promise<void>
  remove(id: string): Promise<void> | void
  query(q: string, limit: number, options?: QueryOptions): Promise<EngineResults>
  replaceNotes(docs: NoteDocument[]): Promise<void>
  upsertNotes(docs: NoteDocument[], removedIds: string[]): Promise<void>
  queryNotes(q: string, limit: number, options?: QueryOptions): Promise<NoteDocument[]>
  close(): Promise<void>
}

export type SearchBackendFactory = (root: string, indexFile: string, maxBytes?: number) => SearchBackend

export const inProcessSearch: SearchBackendFactory = (root, indexFile, maxBytes) => {
  const engine = new SearchEngine(root, indexFile, maxBytes)
  engine.preload()
  return {
    sync: (entries, onProgress) => engine.sync(entries, onProgress),
    prefill: (docs) => engine.prefill(docs),
    upsert: (entry) => engine.upsert(entry),
    remove: (id) => engine.remove(id),
    query: (q, limit, options) => engine.query(q, limit, options),
    replaceNotes: (docs) => engine.replaceNotes(docs),
    upsertNotes: (docs, removedIds) => engine.upsertNotes(docs, removedIds),
    queryNotes: (q, limit, options) => engine.queryNotes(q, limit, options),
    close: () => engine.close(),
  }
}
