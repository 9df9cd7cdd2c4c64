import { decodeText } from './decode'
import { separateGluedSentences } from './glued-sentences'
import { parseTextArticle } from './parse-text'
import type { ArticleFormat, ArticleWarning, ParsedArticle } from './types'

/** Default ceiling for a single article file; larger files are listed with a warning, not read. */
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024

const FORMATS: Record<string, ArticleFormat> = {
  '.txt': 'text',
  '.text': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.pdf': 'pdf',
  '.docx': 'docx',
  '.epub': 'epub',
  '.mhtml': 'mhtml',
  '.mht': 'mhtml',
}

/** The format Parallax would read a file name as, or undefined when unsupported. */
export function formatOfName(name: string): ArticleFormat | undefined {
  const dot = name.lastIndexOf('.')
  return dot < 0 ? undefined : FORMATS[name.slice(dot).toLowerCase()]
}

export type ParseOutcome = { readable: true; article: ParsedArticle } | { readable: false; warning: ArticleWarning }

/**
 * Turns a file's bytes into an article, or into one clear reason why it cannot be read. The HTML
 * and Markdown readers (with their libraries: a DOM, Readability, a Markdown lexer, YAML) load
 * when a file of theirs first comes: a library of plain-text reports never loads them, and a
 * parse worker starts in a third of the time.
 */
export async function parseArticle(bytes: Uint8Array, fileName: string, maxBytes = DEFAULT_MAX_BYTES): Promise<ParseOutcome> {
  const format = formatOfName(fileName)
  if (!format) return { readable: false, warning: unsupported(fileName) }
  // Documents are read by the Node layer's document readers (src/node/library/document-text.ts).
  if (format === 'pdf' || format === 'docx' || format === 'epub')
    return { readable: false, warning: { code: 'unreadable', message: `This ${format.toUpperCase()} file is read by the document reader, not as text.` } }
  if (bytes.length > maxBytes) return { readable: false, warning: tooLarge(bytes.length, maxBytes) }
  if (bytes.length === 0) return { readable: false, warning: { code: 'empty', message: 'This file is empty.' } }
  const decoded = decodeText(bytes)
  if (decoded.binary) {
    return { readable: false, warning: { code: 'binary', message: `This file contains binary data, not text, although its name ends in ${extensionOf(fileName)}.` } }
  }
  if (decoded.text.trim() === '') return { readable: false, warning: { code: 'empty', message: 'This file contains only blank space.' } }
  if (format !== 'html') {
    // Plain text and Markdown only: in HTML source a dot before a capital may be markup or a URL.
    const glued = separateGluedSentences(decoded.text)
    if (glued.count > 0) {
      decoded.text = glued.text
      decoded.repairs.push(`Separated ${glued.count} sentence${glued.count === 1 ? '' : 's'} glued together.`)
    }
  }
  const article =
    format === 'markdown'
      ? (await import('./parse-markdown')).parseMarkdownArticle(decoded, fileName)
      : format === 'html'
        ? (await import('./parse-html')).parseHtmlArticle(decoded, fileName)
        : parseTextArticle(decoded, fileName)
  if (decoded.guessed) {
    article.warnings.push({ code: 'encoding-guessed', message: `The text encoding was not declared; it was read as ${decoded.encoding}. Check accented characters.` })
  }
  if (decoded.repairs.some((r) => r.startsWith('Repaired'))) {
    article.warnings.push({ code: 'mojibake-repaired', message: decoded.repairs.find((r) => r.startsWith('Repaired'))! })
  }
  const separated = decoded.repairs.find((r) => r.startsWith('Separated'))
  if (separated) article.warnings.push({ code: 'sentences-separated', message: separated })
  return { readable: true, article }
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.')
  return dot < 0 ? 'no extension' : name.slice(dot)
}

/** Word processors' own formats, which no maintained library reads: the word processor can save them as .docx. */
const WORD_PROCESSOR_FORMATS = new Set(['.rtf', '.doc', '.odt', '.pages', '.wpd'])

export function unsupported(fileName: string): ArticleWarning {
  const extension = extensionOf(fileName)
  const formats = 'it reads .txt, .md, .html, .mhtml, .pdf, .docx and .epub articles'
  if (WORD_PROCESSOR_FORMATS.has(extension.toLowerCase()))
    return { code: 'unsupported', message: `Parallax cannot read ${extension} files yet: save it as .docx or .txt from your word processor (${formats}).` }
  return { code: 'unsupported', message: `Parallax cannot read ${extension} files; ${formats}.` }
}

export function tooLarge(size: number, maxBytes: number): ArticleWarning {
  const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MB`
  return { code: 'too-large', message: `This file is ${mb(size)}, over the ${mb(maxBytes)} limit for one article.` }
}
