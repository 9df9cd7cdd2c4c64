/** The formats Parallax reads; anything else is listed as unsupported. */
export type ArticleFormat = 'text' | 'markdown' | 'html' | 'pdf' | 'docx' | 'epub' | 'mhtml'

/** Where an article's title came from, so the UI can say "title guessed from the first sentence". */
export type TitleSource = 'header' | 'front-matter' | 'html' | 'derived' | 'file-name' | 'user'

/** A problem with a file, phrased for a researcher; `code` is stable for tests and filters. */
export interface ArticleWarning {
  code:
    | 'binary'
    | 'empty'
    | 'too-large'
    | 'unreadable'
    | 'unsupported'
    | 'header-only'
    | 'bad-date'
    | 'bad-header'
    | 'encoding-guessed'
    | 'mojibake-repaired'
    | 'sentences-separated'
    | 'missing'
    | 'html-sanitised'
    | 'document-repaired'
    | 'no-text-layer'
  message: string
}

/** Metadata shown in the library; user corrections are stored separately and merged on top. */
export interface ArticleMeta {
  title: string
  titleSource: TitleSource
  /** ISO 8601 date (YYYY-MM-DD) or date-time, when one could be read. */
  date?: string
  author?: string
  outlet?: string
  categories: string[]
  /** Header or front-matter keys Parallax does not interpret, kept verbatim. */
  extra: Record<string, string>
}

/** A block of the article text (paragraph, heading, list item, quotation) as offsets into `text`. */
export interface TextBlock {
  kind: 'p' | 'h' | 'li' | 'quote'
  start: number
  end: number
  level?: number
}

/** The readable content of an article file: the text every anchor refers to. */
export interface ParsedArticle {
  format: ArticleFormat
  meta: ArticleMeta
  /** Decoded, normalised body text; highlights are offsets into this string. */
  text: string
  blocks: TextBlock[]
  encoding: string
  /** Human-readable list of repairs made while decoding (mojibake, line endings). */
  repairs: string[]
  warnings: ArticleWarning[]
}
