import { strFromU8, unzipSync } from 'fflate/browser'
import { DOMParser } from 'linkedom'
import { anchorPassage, describePassage } from '../../core/anchoring/anchor'
import type { Annotation, ArticleNote, Highlight, PassageLink, Tag } from '../../core/annotations/model'
import { createRecord } from '../../core/annotations/records'
import { compareTexts } from '../../core/compare/compare'
import { csvChunks, toCsv } from '../../core/export/csv'
import { htmlChunks, toHtml } from '../../core/export/html'
import { markdownChunks, toMarkdown } from '../../core/export/markdown'
import type { ExportArticle, ExportData } from '../../core/export/model'
import { qdpxChunks, toQdpx } from '../../core/export/qdpx'
import { fromW3C, toW3C, w3cChunks, type W3CImport } from '../../core/export/w3c'
import { writeAtomically } from '../../node/atomic-write'
import { ApiError, type Handlers } from '../../shared/contract'
import type { ExportFile, ExportFormat, ExportScope, ImportSummary } from '../../shared/types'
import { nextTagColour } from '../tag-colours'
import type { Change, Workspace } from '../workspace'

type ExchangeHandlers = Pick<Handlers, 'export.run' | 'export.cancel' | 'import.run'>

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

/** Gathers what a scope holds, from the store and the articles' current texts. */
export interface ExportRun {
  /** Told how many of the scope's articles have been read. */
  progress?: (done: number, total: number) => void
  /** Checked between articles; true stops the export. */
  cancelled?: () => boolean
  /** Only the first n articles (a preview). */
  previewArticles?: number
}

export async function exportData(ws: Workspace, scope: ExportScope, generator: string, run: ExportRun = {}): Promise<ExportData> {
  const articleIds = new Set<string>()
  let label: string
  if (scope.kind === 'article') {
    label = ws.summarise(ws.requireEntry(scope.articleId)).title
    articleIds.add(scope.articleId)
  } else if (scope.kind === 'comparison') {
    label = `${ws.summarise(ws.requireEntry(scope.leftId)).title} — ${ws.summarise(ws.requireEntry(scope.rightId)).title}`
    articleIds.add(scope.leftId).add(scope.rightId)
  } else if (scope.kind === 'tag') {
    label = `Tag: ${ws.requireTag(scope.tagId).name}`
  } else {
    label = 'Library'
    for (const e of ws.library.list()) articleIds.add(e.id)
  }
  // A tag's scope is every passage coded with it or its sub-codes, wherever it is.
  const wanted = new Set<string>()
  if (scope.kind === 'tag') {
    wanted.add(scope.tagId)
    for (let grew = true; grew;) {
      grew = false
      for (const t of ws.store.liveTags()) if (t.parentId && wanted.has(t.parentId) && !wanted.has(t.id)) grew = !!wanted.add(t.id)
    }
  }
  const inScope = (a: Annotation): boolean => {
    if (a.kind === 'comparison') return scope.kind === 'comparison' && ((a.leftId === scope.leftId && a.rightId === scope.rightId) || (a.leftId === scope.rightId && a.rightId === scope.leftId))
    if (scope.kind === 'tag') return a.tagIds.some((t) => wanted.has(t))
    if (a.kind === 'link') return scope.kind === 'comparison' ? articleIds.has(a.source.articleId) && articleIds.has(a.target.articleId) : articleIds.has(a.source.articleId)
    return articleIds.has(a.kind === 'highlight' ? a.target.articleId : a.articleId)
  }
  let annotations: Annotation[] = []
  for (const a of ws.store.allAnnotations()) if (inScope(a)) annotations.push(a)
  if (scope.kind === 'tag')
    for (const a of annotations) articleIds.add(a.kind === 'highlight' ? a.target.articleId : a.kind === 'link' ? a.source.articleId : a.kind === 'article-note' ? a.articleId : a.leftId)
  if (scope.kind === 'tag') for (const a of annotations) if (a.kind === 'link') articleIds.add(a.target.articleId)

  const articles: ExportArticle[] = []
  const texts = new Map<string, string>()
  const ids = [...articleIds].filter((id) => ws.library.get(id)).slice(0, run.previewArticles ?? Infinity)
  if (run.previewArticles) {
    // A preview covers its first articles and their annotations only.
    const kept = new Set(ids)
    const home = (a: Annotation): string => (a.kind === 'highlight' ? a.target.articleId : a.kind === 'link' ? a.source.articleId : a.kind === 'article-note' ? a.articleId : a.leftId)
    annotations = annotations.filter((a) => kept.has(home(a)))
  }
  let done = 0
  const loaded = new Map<string, Awaited<ReturnType<Workspace['textOf']>>>()
  // Read with several files in flight, so every parse worker is busy (one at a time left them idle).
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(32, ids.length) }, async () => {
      while (next < ids.length) {
        if (run.cancelled?.()) throw new ApiError('cancelled', 'Export cancelled.')
        const id = ids[next++]!
        loaded.set(id, await ws.textOf(id))
        if (++done % 200 === 0 || done === ids.length) run.progress?.(done, ids.length)
      }
    }),
  )
  for (const id of ids) {
    const entry = ws.library.get(id)!
    const s = ws.summarise(entry)
    const text = loaded.get(id)?.article.text ?? ''
    texts.set(id, text)
    articles.push({
      id,
      path: s.path,
      title: s.title,
      outlet: s.outlet,
      author: s.author,
      date: s.date,
      categories: s.categories,
      text,
      fileHash: entry.summary.hash,
      textHash: loaded.get(id)?.textHash ?? '',
    })
  }
  const place = (t: Highlight['target']) => {
    const text = texts.get(t.articleId)
    const a = text === undefined ? undefined : anchorPassage(text, t)
    return a?.start !== undefined && a.end !== undefined ? { start: a.start, end: a.end } : undefined
  }
  const highlights = annotations
    .filter((a): a is Highlight => a.kind === 'highlight')
    .map((record) => ({ record, place: place(record.target) }))
    .sort((x, y) => x.record.target.articleId.localeCompare(y.record.target.articleId) || (x.place?.start ?? Infinity) - (y.place?.start ?? Infinity))
  const data: ExportData = {
    generatedAt: ws.ctx.now().toISOString(),
    generator,
    scope: { kind: scope.kind, label },
    articles,
    tags: ws.store.liveTags(),
    highlights,
    articleNotes: annotations.filter((a): a is ArticleNote => a.kind === 'article-note'),
    links: annotations.filter((a): a is PassageLink => a.kind === 'link').map((record) => ({ record, source: place(record.source), target: place(record.target) })),
    comparisons: annotations.filter((a) => a.kind === 'comparison'),
  }
  if (scope.kind === 'comparison') {
    const result = compareTexts(texts.get(scope.leftId) ?? '', texts.get(scope.rightId) ?? '')
    data.comparison = { leftId: scope.leftId, rightId: scope.rightId, onlyLeft: result.onlyLeft, onlyRight: result.onlyRight }
  }
  return data
}

/** One export as a file: its name, type and content (text, or base64 for the zipped .qdpx). */
export function render(data: ExportData, format: ExportFormat): ExportFile {
  const { ext, mime } = FORMATS[format]
  const fileName = `${slug(data.scope.label)}.${ext}`
  const counts = { articles: data.articles.length, highlights: data.highlights.length, notes: data.articleNotes.length, links: data.links.length }
  if (format === 'qdpx') return { fileName, mimeType: mime, encoding: 'base64', content: Buffer.from(toQdpx(data)).toString('base64'), counts }
  const content = format === 'w3c' ? JSON.stringify(toW3C(data), null, 2) : format === 'csv' ? toCsv(data) : format === 'markdown' ? toMarkdown(data) : toHtml(data)
  return { fileName, mimeType: mime, encoding: 'utf8', content, counts }
}

/** The part of the DOM that reading QDA-XML needs (linkedom's XML document provides it). */
interface XmlElement {
  localName: string
  children: ArrayLike<XmlElement> & Iterable<XmlElement>
  parentElement: XmlElement | null
  textContent: string | null
  getAttribute(name: string): string | null
  getElementsByTagName(name: string): ArrayLike<XmlElement> & Iterable<XmlElement>
}

/** A format's output piece by piece (text or zip bytes), so a library export never sits in memory whole. */
export function renderChunks(data: ExportData, format: ExportFormat): Iterable<string | Uint8Array> {
  return format === 'w3c' ? w3cChunks(data) : format === 'csv' ? csvChunks(data) : format === 'markdown' ? markdownChunks(data) : format === 'html' ? htmlChunks(data) : qdpxChunks(data)
}

/**
 * Writes an export to a file as it is produced: through a temp file renamed at the end, so a
 * failed export leaves nothing half-written. Returns what it holds.
 */
export async function exportToFile(ws: Workspace, scope: ExportScope, format: ExportFormat, path: string, generator: string): Promise<ExportFile['counts']> {
  const data = await exportData(ws, scope, generator)
  await writeAtomically(
    path,
    async (handle) => {
      for (const chunk of renderChunks(data, format)) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk
        // write() may write less than asked on a nearly full disk: go on until all is written.
        for (let done = 0; done < bytes.length;) done += (await handle.write(bytes, done, bytes.length - done)).bytesWritten
      }
    },
    { durable: true },
  )
  return { articles: data.articles.length, highlights: data.highlights.length, notes: data.articleNotes.length, links: data.links.length }
}

/** Reads a `.qdpx` into the same shape as a W3C import: codes, and coded selections by source. */
function fromQdpx(bytes: Uint8Array): W3CImport & { sources: Array<{ name: string; text: string; guid: string }> } {
  const zip = unzipSync(bytes)
  const qde = zip['project.qde']
  if (!qde) throw new ApiError('invalid-argument', 'This .qdpx file has no project.qde inside.')
  const doc = new DOMParser().parseFromString(strFromU8(qde), 'text/xml') as unknown as XmlElement
  const out: ReturnType<typeof fromQdpx> = { articles: [], codebook: [], highlights: [], articleNotes: [], links: [], comparisons: [], skipped: [], sources: [] }
  const codeName = new Map<string, string>()
  const walk = (el: XmlElement, parentId: string | null): void => {
    for (const code of [...el.children].filter((c) => c.localName === 'Code')) {
      const id = (code.getAttribute('guid') ?? '').toLowerCase()
      const name = code.getAttribute('name') ?? 'Code'
      codeName.set(id, name)
      const description = [...code.children].find((c) => c.localName === 'Description')?.textContent ?? undefined
      out.codebook.push({ id, name, parentId, colour: code.getAttribute('color') ?? undefined, description })
      walk(code, id)
    }
  }
  const codes = doc.getElementsByTagName('Codes')[0]
  if (codes) walk(codes, null)
  const notes = new Map<string, string>()
  for (const n of [...doc.getElementsByTagName('Note')]) notes.set((n.getAttribute('guid') ?? '').toLowerCase(), [...n.children].find((c) => c.localName === 'PlainTextContent')?.textContent ?? '')
  // Selections that are only the ends of <Link>s become links, not highlights.
  const linkEnds = new Set<string>()
  const linkElements = [...doc.getElementsByTagName('Link')]
  for (const l of linkElements) for (const a of ['originGUID', 'targetGUID']) linkEnds.add((l.getAttribute(a) ?? '').toLowerCase())
  const ends = new Map<string, { articleId: string; quote: W3CImport['highlights'][number]['quote']; position: W3CImport['highlights'][number]['position'] }>()
  for (const source of [...doc.getElementsByTagName('TextSource')]) {
    if (source.parentElement?.localName === 'Notes') continue
    const guid = (source.getAttribute('guid') ?? '').toLowerCase()
    const path = (source.getAttribute('plainTextPath') ?? '').replace(/^internal:\/\//, 'sources/')
    const inline = [...source.children].find((c) => c.localName === 'PlainTextContent')?.textContent
    const file = Object.keys(zip).find((k) => k.toLowerCase() === path.toLowerCase())
    const text = inline ?? (file ? strFromU8(zip[file]!) : '')
    out.sources.push({ name: source.getAttribute('name') ?? '', text, guid })
    // QDA-XML positions count code points; the reader's offsets count UTF-16 units. One table per source.
    const utf16At: number[] = [0]
    for (const ch of text) utf16At.push(utf16At[utf16At.length - 1]! + ch.length)
    const toUtf16 = (cp: number): number => utf16At[Math.min(Math.max(0, cp), utf16At.length - 1)]!
    for (const sel of [...source.children].filter((c) => c.localName === 'PlainTextSelection')) {
      const start = toUtf16(Number(sel.getAttribute('startPosition') ?? 0))
      const end = toUtf16(Number(sel.getAttribute('endPosition') ?? 0))
      const tags = [...sel.children]
        .filter((c) => c.localName === 'Coding')
        .map((c) => codeName.get((c.getElementsByTagName('CodeRef')[0]?.getAttribute('targetGUID') ?? '').toLowerCase()) ?? '')
        .filter(Boolean)
      const note = [...sel.children]
        .filter((c) => c.localName === 'NoteRef')
        .map((r) => notes.get((r.getAttribute('targetGUID') ?? '').toLowerCase()) ?? '')
        .join('\n\n')
      const exact = text.slice(start, end)
      if (!exact.trim()) {
        out.skipped.push(`A selection in “${source.getAttribute('name') ?? guid}” is empty or outside its text.`)
        continue
      }
      const when = sel.getAttribute('creationDateTime') ?? new Date(0).toISOString()
      const selId = (sel.getAttribute('guid') ?? '').toLowerCase()
      const quote = { type: 'TextQuoteSelector' as const, exact, prefix: text.slice(Math.max(0, start - 32), start), suffix: text.slice(end, end + 32) }
      if (linkEnds.has(selId)) ends.set(selId, { articleId: guid, quote, position: { type: 'TextPositionSelector', start, end } })
      if (linkEnds.has(selId) && tags.length === 0 && !note) continue
      out.highlights.push({
        id: (sel.getAttribute('guid') ?? '').toLowerCase(),
        articleId: guid,
        quote: { type: 'TextQuoteSelector', exact, prefix: text.slice(Math.max(0, start - 32), start), suffix: text.slice(end, end + 32) },
        position: { type: 'TextPositionSelector', start, end },
        colour: 'yellow',
        tags,
        note,
        created: when,
        modified: sel.getAttribute('modifiedDateTime') ?? when,
        creator: 'QDA import',
      })
    }
  }
  const LINK_TYPES = ['same-fact', 'paraphrase', 'adds-detail', 'contradicts', 'different-framing']
  for (const l of linkElements) {
    const [from, to] = [ends.get((l.getAttribute('originGUID') ?? '').toLowerCase()), ends.get((l.getAttribute('targetGUID') ?? '').toLowerCase())]
    if (!from || !to) {
      out.skipped.push(`A link “${l.getAttribute('name') ?? ''}” that does not join two text selections.`)
      continue
    }
    const name = l.getAttribute('name') ?? ''
    const note = [...l.children]
      .filter((c) => c.localName === 'NoteRef')
      .map((r) => notes.get((r.getAttribute('targetGUID') ?? '').toLowerCase()) ?? '')
      .join('\n\n')
    out.links.push({
      id: (l.getAttribute('guid') ?? '').toLowerCase(),
      source: from,
      target: to,
      linkType: (LINK_TYPES.includes(name) ? name : 'same-fact') as PassageLink['linkType'],
      tags: [],
      note,
      created: new Date(0).toISOString(),
      modified: new Date(0).toISOString(),
      creator: 'QDA import',
    })
  }
  return out
}

/** Annotations of an export (Parallax W3C, another tool's W3C, or a .qdpx) merged into this library. */
async function importInto(ws: Workspace, data: W3CImport & { sources?: Array<{ name: string; text: string; guid: string }> }): Promise<ImportSummary> {
  const summary: ImportSummary = { highlights: 0, notes: 0, links: 0, tags: 0, duplicates: 0, unmatched: [...data.skipped] }
  // Articles: the same id (this library), else the same file bytes, else the same path, else (QDA) the same title or text.
  const entries = ws.library.list()
  const articleFor = new Map<string, string>()
  for (const a of data.articles) {
    const match = ws.library.get(a.id) ?? entries.find((e) => a.fileHash && e.summary.hash === a.fileHash) ?? entries.find((e) => e.summary.path === a.path)
    if (match) articleFor.set(a.id, match.id)
  }
  for (const s of data.sources ?? []) {
    const byTitle = entries.find((e) => ws.summarise(e).title === s.name)
    let match = byTitle
    if (!match) {
      for (const e of entries) {
        const loaded = await ws.textOf(e.id)
        if (loaded && loaded.article.text.trim() === s.text.trim()) {
          match = e
          break
        }
      }
    }
    if (match) articleFor.set(s.guid, match.id)
  }
  const resolve = (id: string): string | undefined => articleFor.get(id) ?? (ws.library.get(id) ? id : undefined)

  // Tags by name (case-insensitive), created with their hierarchy when missing.
  const changes: Change[] = []
  const tagByName = new Map(ws.store.liveTags().map((t) => [t.name.toLowerCase(), t]))
  const importedTagId = new Map<string, string>()
  const ensureTag = (name: string, parentName?: string, colour?: string, description?: string): string => {
    const known = tagByName.get(name.toLowerCase())
    if (known) return known.id
    const parentId = parentName ? ensureTag(parentName) : null
    const tag = createRecord<Tag>(ws.ctx, {
      kind: 'tag',
      name: name.slice(0, 200),
      colour: colour && /^#[0-9a-f]{6}$/i.test(colour) ? colour : nextTagColour([...tagByName.values()].map((t) => t.colour)),
      description: (description ?? '').slice(0, 10_000),
      parentId,
    })
    tagByName.set(name.toLowerCase(), tag)
    changes.push({ before: null, after: tag })
    summary.tags++
    return tag.id
  }
  const codebookById = new Map(data.codebook.map((c) => [c.id, c]))
  for (const c of data.codebook) importedTagId.set(c.id, ensureTag(c.name, c.parentId ? codebookById.get(c.parentId)?.name : undefined, c.colour, c.description))
  const tagIds = (names: string[]): string[] => [...new Set(names.filter(Boolean).map((n) => ensureTag(n)))]

  const existing = (id: string): boolean => !!id && !!ws.store.findById(id)
  const uuid = (id: string): string | undefined => (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id) ? id.toLowerCase() : undefined)
  const reanchor = async (articleId: string, quote: Highlight['target']['quote'], position: Highlight['target']['position']) => {
    const loaded = await ws.textOf(articleId)
    if (!loaded) return undefined
    const a = anchorPassage(loaded.article.text, { articleId, quote, position, textHash: '' })
    if (a.start === undefined || a.end === undefined) return undefined
    return describePassage(articleId, loaded.article.text, loaded.textHash, a.start, a.end)
  }
  const stamp = <R extends Annotation>(record: R, src: { id: string; created: string; modified: string; creator: string }): R => ({
    ...record,
    id: uuid(src.id) ?? record.id,
    createdAt: src.created,
    updatedAt: src.modified,
    creator: src.creator,
  })

  for (const h of data.highlights) {
    if (existing(uuid(h.id) ?? '')) {
      summary.duplicates++
      continue
    }
    const articleId = resolve(h.articleId)
    const target = articleId ? await reanchor(articleId, h.quote, h.position) : undefined
    if (!articleId || !target) {
      summary.unmatched.push(`Highlight “${h.quote.exact.slice(0, 60)}”: ${articleId ? 'the passage is no longer in the article' : 'its article is not in this library'}.`)
      continue
    }
    changes.push({ before: null, after: stamp(createRecord<Highlight>(ws.ctx, { kind: 'highlight', target, colour: h.colour, tagIds: tagIds(h.tags), note: h.note.slice(0, 100_000) }), h) })
    summary.highlights++
  }
  for (const n of data.articleNotes) {
    const articleId = resolve(n.articleId)
    if (!articleId) {
      summary.unmatched.push(`An article note: its article is not in this library.`)
      continue
    }
    const current = (await ws.store.annotationsOf(articleId)).find((a): a is ArticleNote => a.kind === 'article-note')
    if (existing(uuid(n.id) ?? '') || (current && current.note === n.note)) {
      summary.duplicates++
      continue
    }
    if (current) {
      // Kept beside the note already there, never over it.
      changes.push({
        before: current,
        after: {
          ...current,
          note: `${current.note}\n\n${n.note}`.trim(),
          tagIds: [...new Set([...current.tagIds, ...tagIds(n.tags)])],
          version: current.version + 1,
          updatedAt: ws.ctx.now().toISOString(),
        },
      })
    } else changes.push({ before: null, after: stamp(createRecord<ArticleNote>(ws.ctx, { kind: 'article-note', articleId, tagIds: tagIds(n.tags), note: n.note }), n) })
    summary.notes++
  }
  for (const l of data.links) {
    if (existing(uuid(l.id) ?? '')) {
      summary.duplicates++
      continue
    }
    const [s, t] = [resolve(l.source.articleId), resolve(l.target.articleId)]
    const source = s ? await reanchor(s, l.source.quote, l.source.position) : undefined
    const target = t ? await reanchor(t, l.target.quote, l.target.position) : undefined
    if (!source || !target) {
      summary.unmatched.push(`Link “${l.source.quote.exact.slice(0, 40)}” ↔ “${l.target.quote.exact.slice(0, 40)}”: a passage or article is not in this library.`)
      continue
    }
    changes.push({ before: null, after: stamp(createRecord<PassageLink>(ws.ctx, { kind: 'link', source, target, linkType: l.linkType, origin: 'manual', note: l.note, tagIds: tagIds(l.tags) }), l) })
    summary.links++
  }
  if (changes.length) await ws.commit('Import annotations', changes)
  return summary
}

/** Exports in five formats and imports W3C and REFI-QDA files back. */
export function exchangeHandlers(ws: Workspace): ExchangeHandlers {
  const cancelled = new Set<string>()
  return {
    'export.run': async ({ scope, format, exportId, previewArticles }) => {
      try {
        const data = await exportData(ws, scope, `Parallax ${ws.options.version}`, {
          previewArticles,
          cancelled: () => !!exportId && cancelled.has(exportId),
          progress: exportId ? (done, total) => ws.emit({ type: 'export.progress', exportId, done, total }) : undefined,
        })
        return render(data, format)
      } finally {
        if (exportId) cancelled.delete(exportId)
      }
    },

    'export.cancel': async ({ exportId }) => {
      cancelled.add(exportId)
      return { ok: true as const }
    },

    'import.run': async ({ fileName, base64 }) => {
      const bytes = Buffer.from(base64, 'base64')
      if (/\.qdpx$/i.test(fileName)) {
        try {
          return await importInto(ws, fromQdpx(new Uint8Array(bytes)))
        } catch (error) {
          if (error instanceof ApiError) throw error
          throw new ApiError('invalid-argument', `This .qdpx file cannot be read: ${(error as Error).message}`)
        }
      }
      let json: unknown
      try {
        json = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''))
      } catch {
        throw new ApiError('invalid-argument', 'This file is neither a W3C Web Annotation JSON(-LD) file nor a .qdpx project.')
      }
      return importInto(ws, fromW3C(json))
    },
  }
}
