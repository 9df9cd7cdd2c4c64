import { csvChunks, toCsv } from '@core/export/csv'
import { htmlChunks, toHtml } from '@core/export/html'
import { markdownChunks, toMarkdown } from '@core/export/markdown'
import type { ExportData } from '@core/export/model'
import { qdpxChunks, toQdpx } from '@core/export/qdpx'
import { toW3C, w3cChunks } from '@core/export/w3c'
import { writeAtomically } from '../../node/atomic-write'
import { nativeDeflate } from '../../node/native-deflate'
import { TextSpool } from '../../node/text-spool'
import type { ExportFile, ExportFormat, ExportScope } from '@shared/types'
import { exportData } from './gather'
import type { Workspace } from '../workspace'

const FORMATS: Record<ExportFormat, { ext: string; mime: string }> = {
  w3c: { ext: 'jsonld', mime: 'application/ld+json' },
  csv: { ext: 'csv', mime: 'text/csv;charset=utf-8' },
  markdown: { ext: 'md', mime: 'text/markdown;charset=utf-8' },
  html: { ext: 'html', mime: 'text/html;charset=utf-8' },
  qdpx: { ext: 'qdpx', mime: 'application/zip' },
}

const slug = (s: string): string =>
  s
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'parallax'

/** One export as a file: its name, type and content (text, or base64 for the zipped .qdpx). */
export function render(data: ExportData, format: ExportFormat): ExportFile {
  const { ext, mime } = FORMATS[format]
  const fileName = `${slug(data.scope.label)}.${ext}`
  const counts = { articles: data.articles.length, highlights: data.highlights.length, notes: data.articleNotes.length, links: data.links.length }
  if (format === 'qdpx') return { fileName, mimeType: mime, encoding: 'base64', content: Buffer.from(toQdpx(data, nativeDeflate)).toString('base64'), counts }
  const content = format === 'w3c' ? JSON.stringify(toW3C(data), null, 2) : format === 'csv' ? toCsv(data) : format === 'markdown' ? toMarkdown(data) : toHtml(data)
  return { fileName, mimeType: mime, encoding: 'utf8', content, counts }
}

/** Whether a format prints the articles' whole texts (the others quote passages only). */
export const printsTexts = (format: ExportFormat): boolean => format === 'html' || format === 'qdpx'

/** Bytes gathered before each write of an export to its file. */
const WRITE_BATCH_BYTES = 1 << 20

/** A format's output piece by piece (text or zip bytes), so a library export never sits in memory whole. */
export function renderChunks(data: ExportData, format: ExportFormat): Iterable<string | Uint8Array> {
  return format === 'w3c' ? w3cChunks(data) : format === 'csv' ? csvChunks(data) : format === 'markdown' ? markdownChunks(data) : format === 'html' ? htmlChunks(data) : qdpxChunks(data, nativeDeflate)
}

/**
 * Writes an export to a file as it is produced: through a temp file renamed at the end, so a
 * failed export leaves nothing half-written. Returns what it holds.
 */
export async function exportToFile(ws: Workspace, scope: ExportScope, format: ExportFormat, path: string, generator: string): Promise<ExportFile['counts']> {
  // The formats that print whole texts read them back from disk one at a time, not from memory.
  const spool = printsTexts(format) ? new TextSpool() : undefined
  try {
    const data = await exportData(ws, scope, generator, { keepTexts: false, keepText: spool && ((id, text) => spool.put(id, text)) })
    if (spool) data.textOf = (article) => spool.get(article.id)
    await writeChunks(path, renderChunks(data, format))
    return { articles: data.articles.length, highlights: data.highlights.length, notes: data.articleNotes.length, links: data.links.length }
  } finally {
    spool?.dispose()
  }
}

async function writeChunks(path: string, chunks: Iterable<string | Uint8Array>): Promise<void> {
  await writeAtomically(
    path,
    async (handle) => {
      // Chunks are small (one annotation each): they are gathered into large writes, since
      // 100,000 awaited writes cost more than producing the export.
      const writeAll = async (bytes: Uint8Array): Promise<void> => {
        // write() may write less than asked on a nearly full disk: go on until all is written.
        for (let done = 0; done < bytes.length;) done += (await handle.write(bytes, done, bytes.length - done)).bytesWritten
      }
      let batch: Uint8Array[] = []
      let batched = 0
      for (const chunk of chunks) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk
        batch.push(bytes)
        batched += bytes.length
        if (batched >= WRITE_BATCH_BYTES) {
          await writeAll(Buffer.concat(batch))
          batch = []
          batched = 0
        }
      }
      if (batched) await writeAll(Buffer.concat(batch))
    },
    { durable: true },
  )
}
