import type { Highlight, PassageLink, TextPositionSelector, TextQuoteSelector } from '../annotations/model'
import { articleOf, HIGHLIGHT_HEX, tagNames, type ExportData, type Place } from './model'

const CONTEXT = 'http://www.w3.org/ns/anno.jsonld'
const ARTICLE_URN = 'urn:parallax:article:'
const urn = (id: string): string => (/^[0-9a-f-]{36}$/i.test(id) ? `urn:uuid:${id}` : `urn:parallax:${encodeURIComponent(id)}`)

interface W3CTarget {
  type: 'SpecificResource'
  source: string
  styleClass?: string
  selector: [TextQuoteSelector, TextPositionSelector]
}

function target(data: ExportData, t: Highlight['target'], styleClass?: string, place?: Place): W3CTarget {
  const article = articleOf(data, t.articleId)
  // Positions refer to the text as it is now; the quote (with its context) re-anchors anywhere.
  const position: TextPositionSelector = { type: 'TextPositionSelector', start: place?.start ?? t.position.start, end: place?.end ?? t.position.end }
  const exact = place?.exact ?? (article?.text ? article.text.slice(place?.start ?? 0, place?.end ?? 0) : undefined)
  const quote: TextQuoteSelector = place && exact ? { type: 'TextQuoteSelector', exact, prefix: t.quote.prefix, suffix: t.quote.suffix } : t.quote
  return { type: 'SpecificResource', source: `${ARTICLE_URN}${t.articleId}`, ...(styleClass ? { styleClass } : {}), selector: [quote, position] }
}

const bodies = (data: ExportData, tagIds: string[], note: string, extra: object[] = []): object[] => [
  ...tagNames(data, tagIds).map((value) => ({ type: 'TextualBody', purpose: 'tagging', value })),
  ...(note.trim() ? [{ type: 'TextualBody', purpose: 'commenting', value: note, format: 'text/markdown' }] : []),
  ...extra,
]

const agent = (name: string): object => ({ type: 'Person', name: name || 'Unknown' })

/**
 * The export as a W3C Web Annotation `AnnotationCollection` (JSON-LD): a highlight is an
 * annotation whose target carries a TextQuoteSelector and a TextPositionSelector, tags are
 * `tagging` bodies, notes `commenting` bodies, colours a CSS style class; a comparison link is
 * a `linking` annotation targeting both passages. Article notes annotate the whole article.
 * The articles (path, title, file hash) travel in `parallax:articles` so an import into another
 * library finds them.
 */
export function toW3C(data: ExportData): object {
  return { ...collectionHeader(data), first: { type: 'AnnotationPage', startIndex: 0, items: [...w3cItems(data)] } }
}

/** The same collection as text, an annotation at a time: a library's export never sits in memory whole. */
export function* w3cChunks(data: ExportData): Generator<string> {
  const head = JSON.stringify({ ...collectionHeader(data), first: { type: 'AnnotationPage', startIndex: 0, items: [] } }, null, 2)
  const open = head.lastIndexOf('[]')
  yield `${head.slice(0, open)}[\n`
  let first = true
  for (const item of w3cItems(data)) {
    yield `${first ? '' : ',\n'}${JSON.stringify(item)}`
    first = false
  }
  yield `\n]${head.slice(open + 2)}\n`
}

function collectionHeader(data: ExportData): object {
  return {
    '@context': CONTEXT,
    id: `urn:parallax:export:${data.scope.kind}:${encodeURIComponent(data.scope.label)}:${data.generatedAt}`,
    type: 'AnnotationCollection',
    label: `Parallax — ${data.scope.label}`,
    total: data.highlights.length + data.articleNotes.length + data.links.length,
    generated: data.generatedAt,
    generator: { type: 'Software', name: data.generator },
    'parallax:articles': data.articles.map((a) => ({ id: a.id, path: a.path, title: a.title, fileHash: a.fileHash, textHash: a.textHash })),
    'parallax:codebook': data.tags.map((t) => ({ id: t.id, name: t.name, parentId: t.parentId, colour: t.colour, description: t.description })),
    'parallax:comparisons': data.comparisons.map((c) => ({ leftId: c.leftId, rightId: c.rightId, note: c.note, tags: tagNames(data, c.tagIds) })),
  }
}

function* w3cItems(data: ExportData): Generator<object> {
  for (const { record: h, place } of data.highlights) {
    const tagged = h.tagIds.length > 0
    yield {
      '@context': CONTEXT,
      id: urn(h.id),
      type: 'Annotation',
      motivation: h.note.trim() ? 'commenting' : tagged ? 'tagging' : 'highlighting',
      created: h.createdAt,
      modified: h.updatedAt,
      creator: agent(h.creator),
      ...(h.note.trim() || tagged ? { body: bodies(data, h.tagIds, h.note) } : {}),
      // The colour as the model's style class, defined by the annotation's own stylesheet.
      stylesheet: { type: 'CssStylesheet', value: `.pl-${h.colour} { background-color: ${HIGHLIGHT_HEX[h.colour]}; }` },
      target: target(data, h.target, `pl-${h.colour}`, place),
    }
  }
  for (const n of data.articleNotes) {
    yield {
      '@context': CONTEXT,
      id: urn(n.id),
      type: 'Annotation',
      motivation: 'commenting',
      created: n.createdAt,
      modified: n.updatedAt,
      creator: agent(n.creator),
      body: bodies(data, n.tagIds, n.note),
      target: `${ARTICLE_URN}${n.articleId}`,
    }
  }
  for (const { record: l, source, target: to } of data.links) {
    yield {
      '@context': CONTEXT,
      id: urn(l.id),
      type: 'Annotation',
      motivation: 'linking',
      created: l.createdAt,
      modified: l.updatedAt,
      creator: agent(l.creator),
      body: bodies(data, l.tagIds, l.note, [{ type: 'TextualBody', purpose: 'classifying', value: l.linkType }]),
      target: [target(data, l.source, undefined, source), target(data, l.target, undefined, to)],
    }
  }
}

/** What an import of a W3C file brings, before it is matched to a library. */
export interface W3CImport {
  articles: Array<{ id: string; path: string; title: string; fileHash: string; textHash: string }>
  codebook: Array<{ id: string; name: string; parentId: string | null; colour?: string; description?: string }>
  highlights: Array<{
    id: string
    articleId: string
    quote: TextQuoteSelector
    position: TextPositionSelector
    colour: Highlight['colour']
    tags: string[]
    note: string
    created: string
    modified: string
    creator: string
  }>
  articleNotes: Array<{ id: string; articleId: string; tags: string[]; note: string; created: string; modified: string; creator: string }>
  links: Array<{
    id: string
    source: { articleId: string; quote: TextQuoteSelector; position: TextPositionSelector }
    target: { articleId: string; quote: TextQuoteSelector; position: TextPositionSelector }
    linkType: PassageLink['linkType']
    tags: string[]
    note: string
    created: string
    modified: string
    creator: string
  }>
  comparisons: Array<{ leftId: string; rightId: string; note: string; tags: string[] }>
  /** Annotations that could not be read, with why. */
  skipped: string[]
}

type Json = Record<string, unknown>
const idOf = (value: unknown): string =>
  String(value ?? '')
    .replace(/^urn:uuid:/, '')
    .replace(/^urn:parallax:/, '')
const LINK_TYPES = new Set(['same-fact', 'paraphrase', 'adds-detail', 'contradicts', 'different-framing'])
const COLOURS = new Set(Object.keys(HIGHLIGHT_HEX))

/** Reads a W3C Web Annotation collection (Parallax's or another tool's) into import records. */
export function fromW3C(json: unknown): W3CImport {
  const root = (json ?? {}) as Json
  const out: W3CImport = { articles: [], codebook: [], highlights: [], articleNotes: [], links: [], comparisons: [], skipped: [] }
  out.articles = ((root['parallax:articles'] as Json[] | undefined) ?? []).map((a) => ({
    id: String(a.id),
    path: String(a.path ?? ''),
    title: String(a.title ?? ''),
    fileHash: String(a.fileHash ?? ''),
    textHash: String(a.textHash ?? ''),
  }))
  out.codebook = ((root['parallax:codebook'] as Json[] | undefined) ?? []).map((t) => ({
    id: String(t.id),
    name: String(t.name),
    parentId: t.parentId ? String(t.parentId) : null,
    colour: t.colour ? String(t.colour) : undefined,
    description: t.description ? String(t.description) : undefined,
  }))
  out.comparisons = ((root['parallax:comparisons'] as Json[] | undefined) ?? []).map((c) => ({
    leftId: String(c.leftId),
    rightId: String(c.rightId),
    note: String(c.note ?? ''),
    tags: ((c.tags as unknown[]) ?? []).map(String),
  }))
  const page = (root.first ?? {}) as Json
  const items = (root.type === 'Annotation' ? [root] : ((page.items as Json[] | undefined) ?? (root.items as Json[] | undefined) ?? [])) as Json[]
  for (const a of items) {
    const body = ([] as Json[]).concat((a.body as Json | Json[] | undefined) ?? [])
    const tags = body.filter((b) => b.purpose === 'tagging').map((b) => String(b.value ?? ''))
    const note = body
      .filter((b) => b.purpose === 'commenting' || (!b.purpose && b.type === 'TextualBody'))
      .map((b) => String(b.value ?? ''))
      .join('\n\n')
    const base = {
      id: idOf(a.id),
      tags,
      note,
      created: String(a.created ?? new Date(0).toISOString()),
      modified: String(a.modified ?? a.created ?? new Date(0).toISOString()),
      creator: String(((a.creator as Json | undefined)?.name as string | undefined) ?? 'import'),
    }
    const spec = (t: unknown): { articleId: string; quote: TextQuoteSelector; position: TextPositionSelector } | undefined => {
      const s = t as Json
      const selectors = ([] as Json[]).concat((s?.selector as Json | Json[] | undefined) ?? [])
      const q = selectors.find((x) => x.type === 'TextQuoteSelector')
      if (!q || typeof q.exact !== 'string' || !q.exact) return undefined
      const p = selectors.find((x) => x.type === 'TextPositionSelector')
      return {
        articleId: idOf(String(s.source ?? '').replace(ARTICLE_URN, '')),
        quote: { type: 'TextQuoteSelector', exact: q.exact, prefix: String(q.prefix ?? ''), suffix: String(q.suffix ?? '') },
        position: { type: 'TextPositionSelector', start: Number(p?.start ?? 0), end: Number(p?.end ?? 0) },
      }
    }
    if (a.motivation === 'linking' && Array.isArray(a.target) && a.target.length === 2) {
      const [s, t] = [spec(a.target[0]), spec(a.target[1])]
      const type = String(body.find((b) => b.purpose === 'classifying')?.value ?? 'same-fact')
      if (s && t) out.links.push({ ...base, source: s, target: t, linkType: (LINK_TYPES.has(type) ? type : 'same-fact') as PassageLink['linkType'] })
      else out.skipped.push(`${base.id}: a link without a quoted passage at each end`)
    } else if (typeof a.target === 'string') {
      out.articleNotes.push({ ...base, articleId: idOf(a.target.replace(ARTICLE_URN, '')) })
    } else {
      const s = spec(a.target)
      const colour = String((a.target as Json | undefined)?.styleClass ?? '').replace(/^pl-/, '')
      if (s) out.highlights.push({ ...base, articleId: s.articleId, quote: s.quote, position: s.position, colour: (COLOURS.has(colour) ? colour : 'yellow') as Highlight['colour'] })
      else out.skipped.push(`${base.id || 'an annotation'}: no TextQuoteSelector to find its passage by`)
    }
  }
  return out
}
