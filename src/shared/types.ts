import type { Anchor } from '@core/anchoring/types'
import type { ArticleFormat, ArticleMeta, ArticleWarning, TextBlock } from '@core/article/types'
import type { ArticleNote, Highlight, LinkType, PassageLink, Tag } from '@core/annotations/model'
import type { AlignedPassages, ComparisonResult, Span } from '@core/compare/types'

/** One row of the library list. */
export interface ArticleSummary {
  id: string
  /** Path relative to the library folder. */
  path: string
  readable: boolean
  format?: ArticleFormat
  title: string
  titleSource: ArticleMeta['titleSource']
  date?: string
  author?: string
  outlet?: string
  categories: string[]
  extra: Record<string, string>
  /** Metadata fields the researcher corrected (shown instead of the file's). */
  corrected: Array<'title' | 'date' | 'author' | 'outlet'>
  encoding?: string
  repairs: string[]
  warnings: ArticleWarning[]
  characters: number
  size: number
  mtimeMs: number
  tagIds: string[]
  highlightCount: number
  hasNote: boolean
}

/** An article opened in the reader. */
export interface ArticleView {
  summary: ArticleSummary
  text: string
  blocks: TextBlock[]
  textHash: string
}

/** A highlight with where it falls in the current text. */
export interface AnchoredHighlight extends Highlight {
  anchor: Anchor
}

export interface ArticleAnnotations {
  articleId: string
  highlights: AnchoredHighlight[]
  articleNote: ArticleNote | null
  links: PassageLink[]
}

export interface ImportReport {
  imported: Array<{ name: string; path: string }>
  duplicates: Array<{ name: string; existingPath: string }>
  rejected: Array<{ name: string; reason: string }>
}

export interface AppInfo {
  host: 'electron' | 'http'
  version: string
  libraryFolder: string
  dataFolder: string
  user: string
  notices: string[]
  /** How the library folder is watched: 'polling' when the OS ran out of file watches. */
  watch: WatchStatus
  canUndo?: string
  canRedo?: string
}

export interface TagWithCount extends Tag {
  count: number
}

export interface CodedPassage {
  articleId: string
  articleTitle: string
  /** Null for a coded link (retrieved at its first passage). */
  highlightId: string | null
  quote: string
  note: string
  anchor: Anchor
}

export interface SearchHit {
  articleId: string
  title: string
  score: number
  /** Snippet text with match ranges, so the UI marks them without injecting HTML. */
  snippet: { text: string; marks: Array<[number, number]>; offset: number }
  /** Offset of the first match in the article text, to jump there. */
  firstMatch?: number
  terms: string[]
}

export interface AnnotationHit {
  articleId: string
  articleTitle: string
  highlightId: string | null
  quote: string
  note: string
  tagNames: string[]
}

export interface SearchResults {
  hits: SearchHit[]
  total: number
  elapsedMs: number
  /** False while the index is still being built after a cold start. */
  indexReady: boolean
}

export interface HistoryResult {
  label: string | null
  canUndo?: string
  canRedo?: string
}

/** Everything the host pushes to the UI. */
export interface WatchStatus {
  mode: 'events' | 'polling'
  /** Why, in a sentence, when the mode is not the normal one. */
  message?: string
}

export type ApiEvent =
  | { type: 'library.changed'; added: ArticleSummary[]; changed: ArticleSummary[]; removed: string[]; renamed: Array<{ id: string; from: string; to: string }> }
  | { type: 'annotations.changed'; articleIds: string[] }
  | { type: 'codebook.changed' }
  | { type: 'notice'; level: 'info' | 'warning' | 'error'; message: string }
  | { type: 'watch.changed'; status: WatchStatus }
  | { type: 'index.progress'; ready: boolean; indexed: number; total: number }
  /** How far an export has read its articles. */
  | { type: 'export.progress'; exportId: string; done: number; total: number }
  /** What undo and redo would do now (labels), after any change in any window. */
  | { type: 'history.changed'; canUndo?: string; canRedo?: string }

/** A suggestion of the alignment, with what the researcher made of it. */
export interface SuggestedLink extends AlignedPassages {
  state: 'suggested' | 'confirmed' | 'rejected'
  /** The alignment's guess at how the passages relate, offered when confirming. */
  kind: LinkType
  /** The stored link, once confirmed. */
  linkId?: string
}

/** A link the researcher keeps (confirmed or drawn by hand), anchored in both texts now. */
export interface SavedLink {
  id: string
  /** Where its passages are in the texts shown now; null when a passage can no longer be found. */
  left: Span | null
  right: Span | null
  linkType: LinkType
  origin: 'suggested' | 'manual'
  note: string
  tagIds: string[]
}

/** Two articles side by side: the alignment, the researcher's links and the pair's own note. */
export interface ComparisonView extends Omit<ComparisonResult, 'links'> {
  left: ArticleSummary
  right: ArticleSummary
  leftTextHash: string
  rightTextHash: string
  suggestions: SuggestedLink[]
  links: SavedLink[]
  note: string
  tagIds: string[]
  /** How long the alignment took on the host. */
  computeMs: number
}

export type ExportFormat = 'w3c' | 'csv' | 'markdown' | 'html' | 'qdpx'

/** What an export covers: one article, a comparison of two, everything under a tag, the library. */
export type ExportScope = { kind: 'article'; articleId: string } | { kind: 'comparison'; leftId: string; rightId: string } | { kind: 'tag'; tagId: string } | { kind: 'library' }

export interface ExportFile {
  fileName: string
  mimeType: string
  /** Text formats travel as text; the zipped .qdpx as base64. */
  encoding: 'utf8' | 'base64'
  content: string
  counts: { articles: number; highlights: number; notes: number; links: number }
}

/** A report the desktop app printed to PDF and saved where the user chose. */
export interface SavedPdf {
  path: string
  counts: ExportFile['counts']
}

export interface ImportSummary {
  highlights: number
  notes: number
  links: number
  tags: number
  /** Already in the library (the same annotation imported before): not added again. */
  duplicates: number
  /** What could not be placed, and why: never dropped silently. */
  unmatched: string[]
}
