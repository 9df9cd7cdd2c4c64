import MiniSearch, { type SearchResult } from 'minisearch'
import { decodeSnapshot, encodeSnapshot } from './index-snapshot'

/** What is indexed for one article. */
export interface SearchDocument {
  id: string
  title: string
  text: string
  author: string
  outlet: string
  categories: string
}

export interface ParsedQuery {
  /** Words to look up in the index (prefix and fuzzy matching apply). */
  terms: string
  /** "Quoted phrases" every hit must contain verbatim (case-insensitive). */
  phrases: string[]
}

/** Splits `climate "core interests" Putin` into free terms and exact phrases. */
export function parseQuery(q: string): ParsedQuery {
  const phrases: string[] = []
  const terms = q.replace(/"([^"]+)"/g, (_, p: string) => {
    phrases.push(p.trim().toLowerCase())
    return ` ${p} `
  })
  return { terms: terms.trim(), phrases: phrases.filter(Boolean) }
}

const OPTIONS = {
  fields: ['title', 'text', 'author', 'outlet', 'categories'],
  storeFields: ['title'],
  searchOptions: {
    boost: { title: 3, author: 2, outlet: 2, categories: 1.5 },
    // Prefix search from 3 letters ("Blago" finds "Blagoveshchensk"); shorter prefixes would
    // expand to thousands of terms on a large vocabulary and cost more than they help.
    prefix: (term: string) => term.length >= 3,
    // Fuzziness grows with term length ("Ushakow" finds "Ushakov"; "Xi" stays exact), capped at
    // two edits: each extra edit multiplies the terms MiniSearch must visit.
    fuzzy: (term: string) => (term.length >= 5 ? 0.2 : false),
    maxFuzzy: 2,
    combineWith: 'AND' as const,
  },
}

/**
 * Full-text index of the library (MiniSearch: an in-memory inverted index with prefix and
 * fuzzy search). Persisted as a binary snapshot with the text hash of every document, so a warm
 * start loads it instead of rebuilding, and only changed articles are re-indexed.
 */
export class SearchIndex {
  private index = new MiniSearch<SearchDocument>(OPTIONS)
  private readonly hashes = new Map<string, string>()
  private warmUpStep: (budgetMs: number) => boolean = () => false

  get size(): number {
    return this.index.documentCount
  }

  hashOf(id: string): string | undefined {
    return this.hashes.get(id)
  }

  /** Adds or replaces one document. */
  upsert(doc: SearchDocument, textHash: string): void {
    if (this.index.has(doc.id)) this.index.discard(doc.id)
    this.index.add(doc)
    this.hashes.set(doc.id, textHash)
  }

  remove(id: string): void {
    if (this.index.has(id)) this.index.discard(id)
    this.hashes.delete(id)
  }

  ids(): string[] {
    return [...this.hashes.keys()]
  }

  search(terms: string): SearchResult[] {
    if (!terms.trim()) return []
    return this.index.search(terms)
  }

  /**
   * The index as binary parts to write in order (see index-snapshot.ts): a generator that pauses
   * every few thousand terms so a host can answer queries while a large index is encoded.
   */
  snapshot(): Generator<void, Uint8Array[]> {
    return encodeSnapshot(this.index as MiniSearch<never>, { version: INDEX_VERSION, hashes: [...this.hashes] })
  }

  /** Loads a snapshot; postings stay encoded until a query first needs them. */
  static fromSnapshot(file: Uint8Array, warmMinBytes?: number): SearchIndex {
    const { mini, extra, warmUp } = decodeSnapshot<SearchDocument>(file, OPTIONS, warmMinBytes)
    const { version, hashes } = extra as { version: number; hashes: Array<[string, string]> }
    if (version !== INDEX_VERSION) throw new Error('index from another version')
    const out = new SearchIndex()
    out.index = mini
    out.warmUpStep = warmUp
    for (const [id, hash] of hashes) out.hashes.set(id, hash)
    return out
  }

  /**
   * After loading a snapshot: decodes the most common terms for up to `budgetMs`, so the first
   * edits and queries do not pay for it. Returns false when nothing is left to do.
   */
  warmUp(budgetMs: number): boolean {
    return this.warmUpStep(budgetMs)
  }
}

const INDEX_VERSION = 2

/** A window of text around the first match of any term, with the match ranges marked. */
export function snippetOf(text: string, terms: string[], radius = 90): { text: string; marks: Array<[number, number]>; offset: number; firstMatch?: number } {
  const lower = text.toLowerCase()
  let first = -1
  for (const t of terms) {
    const at = lower.indexOf(t.toLowerCase())
    if (at >= 0 && (first < 0 || at < first)) first = at
  }
  const from = first < 0 ? 0 : Math.max(0, text.lastIndexOf(' ', Math.max(0, first - radius)) + 1)
  const to = Math.min(text.length, first < 0 ? radius * 2 : first + radius)
  const window = text.slice(from, to).replace(/\s+/g, ' ')
  const marks: Array<[number, number]> = []
  const wl = window.toLowerCase()
  for (const t of terms) {
    const needle = t.toLowerCase()
    if (!needle) continue
    for (let i = wl.indexOf(needle); i >= 0; i = wl.indexOf(needle, i + needle.length)) marks.push([i, i + needle.length])
  }
  marks.sort((a, b) => a[0] - b[0])
  return {
    text: (from > 0 ? '…' : '') + window + (to < text.length ? '…' : ''),
    marks: marks.map(([a, b]) => (from > 0 ? [a + 1, b + 1] : [a, b])),
    offset: from,
    firstMatch: first < 0 ? undefined : first,
  }
}
