import { strFromU8, unzipSync } from 'fflate'
import type { ExtractedDocument } from '@core/article/document'
import type { ArticleWarning } from '@core/article/types'

/** A document that has no text to read, with the reason. */
export type Extraction = { doc: ExtractedDocument } | { unreadable: ArticleWarning }

interface Line {
  text: string
  y: number
  height: number
}

/** "Page 3", "3", "3 of 12", "- 3 -": a page number on its own. */
const PAGE_NUMBER = /^[\s\-–—]*(page\s*)?\d{1,4}(\s*(of|\/)\s*\d{1,4})?[\s\-–—]*$/i
/** Top and bottom bands of a page where running headers and footers sit. */
const MARGIN_BAND = 0.09

/**
 * The text of a PDF's text layer (Mozilla's pdf.js), in reading order: lines rebuilt from
 * positioned text runs, paragraphs from the gaps between lines, words hyphenated at a line
 * end joined, running headers, footers and page numbers dropped. A PDF without a text layer
 * (a scan) gets a reason instead.
 */
export async function extractPdf(bytes: Uint8Array): Promise<Extraction> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs')
  // pdf.js runs its worker code on this thread (we are already off the UI thread, in a parse
  // worker); handing it the module directly also works once bundled, where its own
  // import('./pdf.worker.mjs') would find nothing.
  const holder = globalThis as { pdfjsWorker?: unknown }
  holder.pdfjsWorker ??= await import('pdfjs-dist/legacy/build/pdf.worker.mjs')
  let pdf
  try {
    pdf = await getDocument({ data: bytes.slice(), isEvalSupported: false, useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise
  } catch (error) {
    const message = (error as Error).message
    return { unreadable: { code: 'unreadable', message: /password/i.test(message) ? 'This PDF is protected by a password.' : `This PDF could not be read (${message}).` } }
  }
  try {
    const pages: Array<{ lines: Line[]; height: number }> = []
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n)
      const height = page.getViewport({ scale: 1 }).height
      const content = await page.getTextContent()
      const runs = content.items
        .filter((i): i is Extract<typeof i, { str: string }> => 'str' in i && i.str.trim() !== '')
        .map((i) => ({ text: i.str, x: i.transform[4] as number, y: i.transform[5] as number, size: Math.abs(i.transform[3] as number) || i.height || 10 }))
      pages.push({ lines: linesOf(runs), height })
      page.cleanup()
    }
    const info = ((await pdf.getMetadata().catch(() => undefined))?.info ?? {}) as Record<string, unknown>
    return { doc: pdfDocument(pages, info) }
  } finally {
    await pdf.destroy()
  }
}

/** Text runs grouped into lines (runs on the same baseline), top to bottom, left to right. */
function linesOf(runs: Array<{ text: string; x: number; y: number; size: number }>): Line[] {
  const sorted = [...runs].sort((a, b) => b.y - a.y || a.x - b.x)
  const lines: Array<{ y: number; height: number; runs: typeof runs }> = []
  for (const r of sorted) {
    const line = lines.find((l) => Math.abs(l.y - r.y) < Math.max(2, r.size * 0.4))
    if (line) line.runs.push(r)
    else lines.push({ y: r.y, height: r.size, runs: [r] })
  }
  return lines
    .sort((a, b) => b.y - a.y)
    .map((l) => ({
      y: l.y,
      height: l.height,
      text: l.runs
        .sort((a, b) => a.x - b.x)
        .map((r) => r.text)
        .join(' ')
        .replace(/\s+/g, ' ')
        .trim(),
    }))
}

function pdfDocument(pages: Array<{ lines: Line[]; height: number }>, info: Record<string, unknown>): ExtractedDocument {
  const warnings: ArticleWarning[] = []
  const repairs: string[] = []
  const total = pages.reduce((n, p) => n + p.lines.length, 0)
  // A line in a page's margin band that recurs (digits aside) on half the pages is a running header or footer.
  const key = (t: string): string => t.toLowerCase().replace(/\d+/g, '#')
  const inBand = (l: Line, height: number): boolean => l.y > height * (1 - MARGIN_BAND) || l.y < height * MARGIN_BAND
  const recurring = new Map<string, number>()
  for (const p of pages) for (const k of new Set(p.lines.filter((l) => inBand(l, p.height)).map((l) => key(l.text)))) recurring.set(k, (recurring.get(k) ?? 0) + 1)
  let dropped = 0
  const paragraphs: string[] = []
  let joined = 0
  for (const p of pages) {
    const kept = p.lines.filter((l) => {
      const drop = inBand(l, p.height) && (PAGE_NUMBER.test(l.text) || (pages.length > 1 && (recurring.get(key(l.text)) ?? 0) >= Math.max(2, pages.length / 2)))
      if (drop) dropped++
      return !drop
    })
    const gaps = kept.slice(1).map((l, i) => kept[i]!.y - l.y)
    const usual = gaps.length ? [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)]! : 0
    kept.forEach((line, i) => {
      const previous = paragraphs[paragraphs.length - 1]
      const gap = i === 0 ? 0 : kept[i - 1]!.y - line.y
      // A paragraph goes on across a page break when the last one did not end a sentence.
      const continues = previous !== undefined && (i === 0 ? !/[.!?:"”’)]$/.test(previous) && /^[\p{Ll}\d]/u.test(line.text) : gap <= usual * 1.35 + 0.5)
      if (!continues) return void paragraphs.push(line.text)
      if (/\p{L}-$/u.test(previous) && /^\p{Ll}/u.test(line.text)) {
        joined++
        paragraphs[paragraphs.length - 1] = previous.slice(0, -1) + line.text
      } else paragraphs[paragraphs.length - 1] = `${previous} ${line.text}`
    })
  }
  if (joined) repairs.push(`Joined ${joined} word${joined === 1 ? '' : 's'} hyphenated at a line end.`)
  if (dropped) repairs.push(`Left out ${dropped} running header${dropped === 1 ? '' : 's'}, footer${dropped === 1 ? '' : 's'} or page number${dropped === 1 ? '' : 's'}.`)
  if (total === 0) warnings.push({ code: 'no-text-layer', message: 'This PDF has no text layer (it is probably a scan): run text recognition (OCR) on it, then add it again.' })
  return { paragraphs, meta: { title: str(info.Title), author: str(info.Author), date: pdfDate(str(info.CreationDate)) }, warnings, repairs }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined)

/** `D:20241022093000+02'00'` → `2024-10-22`. */
function pdfDate(value: string | undefined): string | undefined {
  const m = value && /^D?:?(\d{4})(\d{2})?(\d{2})?/.exec(value)
  return m ? [m[1], m[2] ?? '01', m[3] ?? '01'].join('-') : undefined
}

/**
 * The text of a Word document (mammoth: one paragraph per Word paragraph) and its core
 * properties (title, author, created).
 */
export async function extractDocx(bytes: Uint8Array): Promise<Extraction> {
  const mammoth = await import('mammoth')
  let text: string
  try {
    text = (await mammoth.default.extractRawText({ buffer: Buffer.from(bytes) })).value
  } catch (error) {
    return { unreadable: { code: 'unreadable', message: `This Word document could not be read (${(error as Error).message}).` } }
  }
  const meta: ExtractedDocument['meta'] = {}
  try {
    const core = unzipSync(bytes, { filter: (f) => f.name === 'docProps/core.xml' })['docProps/core.xml']
    const xml = core ? strFromU8(core) : ''
    const tag = (name: string): string | undefined => str(new RegExp(`<${name}[^>]*>([^<]*)</${name}>`).exec(xml)?.[1]?.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>'))
    meta.title = tag('dc:title')
    meta.author = tag('dc:creator')
    meta.date = tag('dcterms:created')?.slice(0, 10)
  } catch {
    // no properties: the title is taken from the text
  }
  return { doc: { paragraphs: text.split(/\n\s*\n|\n/), meta, warnings: text.trim() ? [] : [{ code: 'empty', message: 'This Word document has no text.' }], repairs: [] } }
}

/** Elements whose text is one paragraph of a book or saved chapter. */
const EPUB_BLOCKS = 'h1, h2, h3, h4, h5, h6, p, li, blockquote, pre, dt, dd, figcaption, td'

/**
 * The text of an EPUB: its chapters in reading (spine) order, a paragraph per block element
 * (linkedom, which never runs scripts or loads resources), and the package's Dublin Core
 * title, creator and date.
 */
export async function extractEpub(bytes: Uint8Array): Promise<Extraction> {
  const { DOMParser } = await import('linkedom')
  let files: Record<string, Uint8Array>
  try {
    files = unzipSync(bytes)
  } catch (error) {
    return { unreadable: { code: 'unreadable', message: `This EPUB could not be read (${(error as Error).message}).` } }
  }
  const text = (name: string): string | undefined => (files[name] ? strFromU8(files[name]!) : undefined)
  const container = text('META-INF/container.xml')
  const opfPath = container && /full-path="([^"]+)"/.exec(container)?.[1]
  const opf = opfPath ? text(opfPath) : undefined
  if (!opfPath || !opf) return { unreadable: { code: 'unreadable', message: 'This EPUB has no package file (META-INF/container.xml → .opf); it cannot be read.' } }
  const base = opfPath.includes('/') ? opfPath.slice(0, opfPath.lastIndexOf('/') + 1) : ''
  const pkg = new DOMParser().parseFromString(opf, 'text/xml')
  const hrefs = new Map([...pkg.querySelectorAll('manifest > item')].map((i) => [i.getAttribute('id') ?? '', i.getAttribute('href') ?? '']))
  const spine = [...pkg.querySelectorAll('spine > itemref')].map((r) => hrefs.get(r.getAttribute('idref') ?? '')).filter((h): h is string => !!h)
  const paragraphs: string[] = []
  for (const href of spine) {
    const xhtml = text(base + decodeURIComponent(href))
    if (!xhtml) continue
    const doc = new DOMParser().parseFromString(xhtml, 'text/html')
    for (const el of doc.querySelectorAll(EPUB_BLOCKS)) {
      // Only the innermost blocks: a <li> holding <p>s is read through its paragraphs.
      if (el.querySelector(EPUB_BLOCKS)) continue
      const t = (el.textContent ?? '').replace(/\s+/g, ' ').trim()
      if (t) paragraphs.push(t)
    }
  }
  const dc = (name: string): string | undefined => str(pkg.getElementsByTagName(`dc:${name}`)[0]?.textContent)
  const date = dc('date')
  return {
    doc: {
      paragraphs,
      meta: { title: dc('title'), author: dc('creator'), date: date && /^\d{4}(-\d{2}(-\d{2})?)?/.exec(date)?.[0] },
      warnings: paragraphs.length ? [] : [{ code: 'empty', message: 'This EPUB has no text in its chapters.' }],
      repairs: [],
    },
  }
}

/**
 * A web page saved as a single file (`.mhtml`, "Save page as… single file"): the page's HTML
 * part, decoded by postal-mime (a maintained MIME parser), then read like any saved page.
 */
export async function extractMhtml(bytes: Uint8Array): Promise<{ html: string; date?: string; url?: string } | { unreadable: ArticleWarning }> {
  const { default: PostalMime } = await import('postal-mime')
  try {
    const page = await PostalMime.parse(bytes)
    if (!page.html?.trim()) return { unreadable: { code: 'unreadable', message: 'This saved page (.mhtml) holds no HTML page.' } }
    const location = page.headers.find((h) => h.key === 'snapshot-content-location')?.value
    return { html: page.html, date: page.date?.slice(0, 10), url: location }
  } catch (error) {
    return { unreadable: { code: 'unreadable', message: `This saved page (.mhtml) could not be read (${(error as Error).message}).` } }
  }
}
