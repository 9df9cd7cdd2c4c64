import { createHash } from 'node:crypto'
import { closeSync, fstatSync, openSync, readSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { basename } from 'node:path'
import { DEFAULT_MAX_BYTES, formatOfName, parseArticle, tooLarge, unsupported } from '../article/parse'
import type { ArticleFormat, ArticleMeta, ArticleWarning, ParsedArticle } from '../article/types'

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
}

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex')
}

/** The bytes of a file and its stat, or the reason the file is not read. */
type Loaded = { bytes: Uint8Array; size: number; mtimeMs: number } | { tooLarge: { size: number; mtimeMs: number } }

async function loadAsync(file: string, maxBytes: number): Promise<Loaded> {
  const handle = await open(file, 'r')
  try {
    const s = await handle.stat()
    if (s.size > maxBytes) return { tooLarge: { size: s.size, mtimeMs: s.mtimeMs } }
    return { bytes: new Uint8Array(await handle.readFile()), size: s.size, mtimeMs: s.mtimeMs }
  } finally {
    await handle.close()
  }
}

function loadSync(file: string, maxBytes: number): Loaded {
  const fd = openSync(file, 'r')
  try {
    const s = fstatSync(fd)
    if (s.size > maxBytes) return { tooLarge: { size: s.size, mtimeMs: s.mtimeMs } }
    // Read to the end even if the file grew since the stat (a copy still being written).
    const chunks: Buffer[] = []
    let total = 0
    for (let chunk = Buffer.allocUnsafe(Math.max(s.size, 4096) + 1); ; chunk = Buffer.allocUnsafe(65536)) {
      const n = readSync(fd, chunk, 0, chunk.length, null)
      if (n === 0) break
      chunks.push(chunk.subarray(0, n))
      total += n
      if (total > maxBytes) return { tooLarge: { size: total, mtimeMs: s.mtimeMs } }
    }
    const bytes = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total)
    return { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), size: s.size, mtimeMs: s.mtimeMs }
  } finally {
    closeSync(fd)
  }
}

/**
 * Reads and parses one article file. Never throws for a bad file: every failure becomes a
 * summary with a warning, so one broken file cannot stop a library from loading.
 */
export async function readArticleFile(root: string, path: string, maxBytes = DEFAULT_MAX_BYTES): Promise<ReadResult> {
  let loaded: Loaded | Error | undefined
  if (formatOfName(basename(path))) {
    try {
      loaded = await loadAsync(`${root}/${path}`, maxBytes)
    } catch (error) {
      loaded = error as Error
    }
  }
  return summarise(path, maxBytes, () => {
    if (loaded instanceof Error || loaded === undefined) throw loaded
    return loaded
  })
}

/**
 * The same, with blocking reads: for a worker thread that does nothing else, where six
 * promise round trips through the thread pool per file cost more than reading it.
 */
export function readArticleFileSync(root: string, path: string, maxBytes = DEFAULT_MAX_BYTES): ReadResult {
  return summarise(path, maxBytes, () => loadSync(`${root}/${path}`, maxBytes))
}

function summarise(path: string, maxBytes: number, load: () => Loaded): ReadResult {
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
    const loaded = load()
    if ('tooLarge' in loaded) return failed(tooLarge(loaded.tooLarge.size, maxBytes), loaded.tooLarge.size, loaded.tooLarge.mtimeMs)
    ;({ bytes, size, mtimeMs } = loaded)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return failed({ code: 'missing', message: 'This file was deleted or moved.' })
    if (code === 'EACCES' || code === 'EPERM') return failed({ code: 'unreadable', message: 'Parallax is not allowed to read this file (check its permissions).' })
    if (code === 'EISDIR') return failed({ code: 'unreadable', message: 'This is a folder, not a file.' })
    return failed({ code: 'unreadable', message: `This file could not be read (${code ?? String(error)}).` })
  }
  const hash = sha256(bytes)
  const outcome = parseArticle(bytes, name, maxBytes)
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
      meta: article.meta,
      encoding: article.encoding,
      repairs: article.repairs,
      warnings: article.warnings,
      characters: article.text.length,
      textHash: sha256(article.text),
    },
    article,
  }
}
