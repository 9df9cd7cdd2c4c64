import { lineBlocks } from './blocks'
import { separateGluedSentences } from './glued-sentences'
import { deriveTitle } from './title'
import type { ArticleFormat, ArticleWarning, ParsedArticle } from './types'

/** What a document reader (PDF, Word) found: the text as paragraphs, and the file's own properties. */
export interface ExtractedDocument {
  paragraphs: string[]
  meta: { title?: string; author?: string; date?: string }
  warnings: ArticleWarning[]
  /** Repairs the reader made (joined hyphenation, dropped running headers), said on the article. */
  repairs: string[]
}

/** An article from a document's extracted text: one block per paragraph, metadata from its properties. */
export function articleFromDocument(doc: ExtractedDocument, format: Extract<ArticleFormat, 'pdf' | 'docx' | 'epub'>, fileName: string): ParsedArticle {
  const repairs = [...doc.repairs]
  let text = doc.paragraphs
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n')
  const glued = separateGluedSentences(text)
  if (glued.count > 0) {
    text = glued.text
    repairs.push(`Separated ${glued.count} sentence${glued.count === 1 ? '' : 's'} glued together.`)
  }
  const title = doc.meta.title?.trim()
  const derived = title ? undefined : deriveTitle(text, fileName)
  return {
    format,
    meta: {
      title: title || derived!.title,
      titleSource: title ? 'header' : derived!.fromText ? 'derived' : 'file-name',
      author: doc.meta.author?.trim() || undefined,
      date: doc.meta.date,
      categories: [],
      extra: {},
    },
    text,
    blocks: lineBlocks(text),
    encoding: format === 'pdf' ? 'PDF text layer' : format === 'docx' ? 'Word document' : 'EPUB',
    repairs,
    warnings: [...doc.warnings, ...repairs.map((message) => ({ code: 'document-repaired' as const, message }))],
  }
}
