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
  /** For a comparison export: the pair and what only each report says. */
  comparison?: { leftId: string; rightId: string; onlyLeft: Array<Place & { text: string }>; onlyRight: Array<Place & { text: string }> }
}

export const HIGHLIGHT_HEX: Record<Highlight['colour'], string> = {
  yellow: '#ffe58a',
  green: '#bfe8b5',
  blue: '#bcdcff',
  pink: '#ffc7dc',
  purple: '#dccbff',
  orange: '#ffd0a0',
}

/** Tag names of a record, in the codebook's spelling, unknown ids left out. */
export function tagNames(data: ExportData, ids: string[]): string[] {
  const byId = new Map(data.tags.map((t) => [t.id, t.name]))
  return ids.map((id) => byId.get(id)).filter((n): n is string => !!n)
}

/** A tag's path in the hierarchy ("Security / Sovereignty"), cycle-safe. */
export function tagPath(data: ExportData, id: string): string {
  const byId = new Map(data.tags.map((t) => [t.id, t]))
  const names: string[] = []
  const seen = new Set<string>()
  for (let t = byId.get(id); t && !seen.has(t.id); t = t.parentId ? byId.get(t.parentId) : undefined) {
    seen.add(t.id)
    names.unshift(t.name)
  }
  return names.join(' / ')
}

export function articleOf(data: ExportData, id: string): ExportArticle | undefined {
  return data.articles.find((a) => a.id === id)
}
