import { createHash } from 'node:crypto'
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { isMainThread } from 'node:worker_threads'
import { basename } from 'node:path'
import { articleFromDocument } from '@core/article/document'
import { DEFAULT_MAX_BYTES, formatOfName, parseArticle, tooLarge, unsupported, type ParseOutcome } from '@core/article/parse'
import { extractDocx, extractEpub, extractMhtml, extractPdf } from './document-text'
import type { ArticleFormat, ArticleMeta, ArticleWarning, ParsedArticle } from '@core/article/types'

/** What the library keeps about a file without its text: enough to list, sort and filter it. */
export interface FileSummary {
  path: string
  size: number
  mtimeMs: number
  /** SHA-256 of the bytes; identifies the article across renames. */
  hash: string
  readable: boolean
  format?: ArticleFormat
  meta: ArticleMeta
  encoding?: string
  repairs: string[]
  warnings: ArticleWarning[]
  characters: number
  /** SHA-256 of the decoded text; anchors record it to know when to re-anchor. */
  textHash?: string
}

export interface ReadResult {
  summary: FileSummary
  article?: ParsedArticle
  /**
   * The article's text as UTF-8, instead of `article`, when a scan asks for it for the search
   * index: bytes move between threads without a copy and never enter the host's JavaScript heap.
   */
  textBytes?: Uint8Array
}

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex')
}

/**
 * A file's bytes (none when it is over `maxBytes`), its size and modification time. In a worker
 * thread the calls block only that thread, and four synchronous calls cost a fraction of four
 * promise round trips through the thread pool (they were a third of a parse worker's time); on
 * the main thread (tests, the fallback without workers) the reads stay asynchronous.
 */
async function readWhole(file: string, maxBytes: number): Promise<{ bytes?: Uint8Array; size: number; mtimeMs: number }> {
  if (!isMainThread) {
    const fd = openSync(file, 'r')
    try {
      const s = fstatSync(fd)
      return { size: s.size, mtimeMs: s.mtimeMs, bytes: s.size > maxBytes ? undefined : new Uint8Array(readFileSync(fd)) }
    } finally {
      closeSync(fd)
    }
  }
  const handle = await open(file, 'r')
  try {
    const s = await handle.stat()
    return { size: s.size, mtimeMs: s.mtimeMs, bytes: s.size > maxBytes ? undefined : new Uint8Array(await handle.readFile()) }
  } finally {
    await handle.close()
  }
}

/**
 * Reads and parses one article file. Never throws for a bad file: every failure becomes a
 * summary with a warning, so one broken file cannot stop a library from loading.
 */
export async function readArticleFile(root: string, path: string, maxBytes = DEFAULT_MAX_BYTES): Promise<ReadResult> {
  const name = basename(path)
  const fallbackMeta: ArticleMeta = { title: name, titleSource: 'file-name', categories: [], extra: {} }
  const failed = (warning: ArticleWarning, size = 0, mtimeMs = 0, hash = ''): ReadResult => ({
    summary: { path, size, mtimeMs, hash, readable: false, format: formatOfName(name), meta: fallbackMeta, repairs: [], warnings: [warning], characters: 0 },
  })
  if (!formatOfName(name)) return failed(unsupported(name))
  let bytes: Uint8Array
  let size: number
  let mtimeMs: number
  try {
    const read = await readWhole(`${root}/${path}`, maxBytes)
    size = read.size
    mtimeMs = read.mtimeMs
    if (!read.bytes) return failed(tooLarge(size, maxBytes), size, mtimeMs)
    bytes = read.bytes
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return failed({ code: 'missing', message: 'This file was deleted or moved.' })
    if (code === 'EACCES' || code === 'EPERM') return failed({ code: 'unreadable', message: 'Parallax is not allowed to read this file (check its permissions).' })
    if (code === 'EISDIR') return failed({ code: 'unreadable', message: 'This is a folder, not a file.' })
    return failed({ code: 'unreadable', message: `This file could not be read (${code ?? String(error)}).` })
  }
  const hash = sha256(bytes)
  const format = formatOfName(name)
  const outcome =
    format === 'pdf' || format === 'docx' || format === 'epub'
      ? await readDocument(bytes, format, name)
      : format === 'mhtml'
        ? await readSavedPage(bytes, name, maxBytes)
        : await parseArticle(bytes, name, maxBytes)
  if (!outcome.readable) return failed(outcome.warning, size, mtimeMs, hash)
  const { article } = outcome
  return {
    summary: {
      path,
      size,
      mtimeMs,
      hash,
      readable: true,
      format: article.format,
      // Copied: a title cut from the text is a V8 slice that would keep the whole text alive as
      // long as the library lists the article (70 MB for 10,000 articles).
      meta: structuredClone(article.meta),
      encoding: article.encoding,
      repairs: structuredClone(article.repairs),
      warnings: structuredClone(article.warnings),
      characters: article.text.length,
      textHash: sha256(article.text),
    },
    article,
  }
}

/** A PDF or Word file through its document reader; no text at all is a reason, not an empty article. */
async function readDocument(bytes: Uint8Array, format: 'pdf' | 'docx' | 'epub', name: string): Promise<ParseOutcome> {
  if (bytes.length === 0) return { readable: false, warning: { code: 'empty', message: 'This file is empty.' } }
  const extraction = format === 'pdf' ? await extractPdf(bytes) : format === 'docx' ? await extractDocx(bytes) : await extractEpub(bytes)
  if ('unreadable' in extraction) return { readable: false, warning: extraction.unreadable }
  const article = articleFromDocument(extraction.doc, format, name)
  if (article.text.trim() === '') return { readable: false, warning: extraction.doc.warnings[0] ?? { code: 'empty', message: 'This document has no text.' } }
  return { readable: true, article }
}

/** A single-file saved page: its HTML part through the HTML reader, dated by the snapshot when the page gives no date. */
async function readSavedPage(bytes: Uint8Array, name: string, maxBytes: number): Promise<ParseOutcome> {
  const page = await extractMhtml(bytes)
  if ('unreadable' in page) return { readable: false, warning: page.unreadable }
  const outcome = await parseArticle(new TextEncoder().encode(page.html), name.replace(/\.mht(ml)?$/i, '.html'), maxBytes)
  if (!outcome.readable) return outcome
  const { article } = outcome
  return {
    readable: true,
    article: { ...article, format: 'mhtml', meta: { ...article.meta, date: article.meta.date ?? page.date, extra: page.url ? { ...article.meta.extra, url: page.url } : article.meta.extra } },
  }
}
