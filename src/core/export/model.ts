import type { ArticleNote, ComparisonRecord, Highlight, PassageLink, Tag } from '../annotations/model'

/** An article as exports describe it: metadata, the text the reader shows, and where it lives. */
export interface ExportArticle {
  id: string
  path: string
  title: string
  outlet?: string
  author?: string
  date?: string
  categories: string[]
  text: string
  /** SHA-256 of the file's bytes: how an import finds the same article in another library. */
  fileHash: string
  textHash: string
}

/** A span of an article's current text. */
export interface Place {
  start: number
  end: number
  /** The text at that place now (formats that quote it do not need the whole article). */
  exact?: string
}

/**
 * Everything one export holds, gathered by the application for a scope (one article, a
 * comparison, a tag, the library) and handed to a format. Pure data: formats never read files.
 */
export interface ExportData {
  generatedAt: string
  generator: string
  scope: { kind: 'article' | 'comparison' | 'tag' | 'library'; label: string }
  articles: ExportArticle[]
  /** The whole live codebook: names, hierarchy, colours, descriptions. */
  tags: Tag[]
  /** Highlights in reading order, each with where it is in the article's text now (if found). */
  highlights: Array<{ record: Highlight; place?: Place }>
  articleNotes: ArticleNote[]
  links: Array<{ record: PassageLink; source?: Place; target?: Place }>
  comparisons: ComparisonRecord[]
  /**
   * Where the articles' texts are when they are not in `articles` (an export of a whole library
   * parks them on disk and reads them back one at a time); formats read texts through `textOf`.
   */
  textOf?: (article: ExportArticle) => string
  /** For a comparison export: the pair and what only each report says. */
  comparison?: { leftId: string; rightId: string; onlyLeft: Array<Place & { text: string }>; onlyRight: Array<Place & { text: string }> }
}

/** An article's text, wherever the export keeps it. */
export const textOf = (data: ExportData, article: ExportArticle): string => (data.textOf ? data.textOf(article) : article.text)

export const HIGHLIGHT_HEX: Record<Highlight['colour'], string> = {
  yellow: '#ffe58a',
  green: '#bfe8b5',
  blue: '#bcdcff',
  pink: '#ffc7dc',
  purple: '#dccbff',
  orange: '#ffd0a0',
}

/** Lookups built once per export: a library export asks them 100,000 times. */
interface Indexes {
  tags: Map<string, Tag>
  articles: Map<string, ExportArticle>
  paths: Map<string, string>
  highlights: Map<string, ExportData['highlights']>
  notes: Map<string, ArticleNote>
}
const indexes = new WeakMap<ExportData, Indexes>()
function indexOf(data: ExportData): Indexes {
  let i = indexes.get(data)
  if (!i) {
    const highlights = new Map<string, ExportData['highlights']>()
    for (const h of data.highlights) {
      const list = highlights.get(h.record.target.articleId)
      if (list) list.push(h)
      else highlights.set(h.record.target.articleId, [h])
    }
    i = {
      tags: new Map(data.tags.map((t) => [t.id, t])),
      articles: new Map(data.articles.map((a) => [a.id, a])),
      paths: new Map(),
      highlights,
      notes: new Map(data.articleNotes.map((n) => [n.articleId, n])),
    }
    indexes.set(data, i)
  }
  return i
}

/** An article's highlights, in the export's (reading) order. */
export function highlightsOf(data: ExportData, articleId: string): ExportData['highlights'] {
  return indexOf(data).highlights.get(articleId) ?? []
}

export function articleNoteOf(data: ExportData, articleId: string): ArticleNote | undefined {
  return indexOf(data).notes.get(articleId)
}

/** Tag names of a record, in the codebook's spelling, unknown ids left out. */
export function tagNames(data: ExportData, ids: string[]): string[] {
  const byId = indexOf(data).tags
  return ids.map((id) => byId.get(id)?.name).filter((n): n is string => !!n)
}

/** A tag's path in the hierarchy ("Security / Sovereignty"), cycle-safe. */
export function tagPath(data: ExportData, id: string): string {
  const { tags: byId, paths } = indexOf(data)
  const known = paths.get(id)
  if (known !== undefined) return known
  const names: string[] = []
  const seen = new Set<string>()
  for (let t = byId.get(id); t && !seen.has(t.id); t = t.parentId ? byId.get(t.parentId) : undefined) {
    seen.add(t.id)
    names.unshift(t.name)
  }
  const path = names.join(' / ')
  paths.set(id, path)
  return path
}

export function articleOf(data: ExportData, id: string): ExportArticle | undefined {
  return indexOf(data).articles.get(id)
}
