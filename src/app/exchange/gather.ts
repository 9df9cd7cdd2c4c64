import { anchorPassage } from '@core/anchoring/anchor'
import type { Annotation, ArticleNote, Highlight, PassageLink } from '@core/annotations/model'
import type { ExportArticle, ExportData, Place } from '@core/export/model'
import { ApiError } from '@shared/contract'
import type { ExportScope } from '@shared/types'
import type { Workspace } from '../workspace'
import { comparisonEngine } from '../capabilities/compare'

/** Gathers what a scope holds, from the store and the articles' current texts. */
export interface ExportRun {
  /** Told how many of the scope's articles have been read. */
  progress?: (done: number, total: number) => void
  /** Checked between articles; true stops the export. */
  cancelled?: () => boolean
  /** Only the first n articles (a preview). */
  previewArticles?: number
  /** Keep each article's whole text in the export data (the formats that print it: HTML, .qdpx). */
  keepTexts?: boolean
  /** Given each article's text as it is read, instead of keeping it (a file export parks the texts on disk). */
  keepText?: (articleId: string, text: string) => void
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
  const ids = [...articleIds].filter((id) => ws.library.get(id)).slice(0, run.previewArticles ?? Infinity)
  if (run.previewArticles) {
    // A preview covers its first articles and their annotations only.
    const kept = new Set(ids)
    const home = (a: Annotation): string => (a.kind === 'highlight' ? a.target.articleId : a.kind === 'link' ? a.source.articleId : a.kind === 'article-note' ? a.articleId : a.leftId)
    annotations = annotations.filter((a) => kept.has(home(a)))
  }
  // Each article's passages are placed as soon as its text is read; the text itself is kept only
  // when the format prints it (HTML, .qdpx) — so a library exported as CSV, Markdown or W3C
  // never holds every text at once.
  const keepTexts = run.keepTexts ?? true
  const targetsOf = new Map<string, Array<Highlight['target']>>()
  for (const a of annotations) {
    const targets = a.kind === 'highlight' ? [a.target] : a.kind === 'link' ? [a.source, a.target] : []
    for (const t of targets) {
      const list = targetsOf.get(t.articleId)
      if (list) list.push(t)
      else targetsOf.set(t.articleId, [t])
    }
  }
  const places = new Map<Highlight['target'], Place | undefined>()
  const loaded = new Map<string, { text: string; textHash: string }>()
  let done = 0
  // Read with several files in flight, so every parse worker is busy (one at a time left them idle).
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(32, ids.length) }, async () => {
      while (next < ids.length) {
        if (run.cancelled?.()) throw new ApiError('cancelled', 'Export cancelled.')
        const id = ids[next++]!
        const read = await ws.textOf(id)
        const text = read?.article.text
        for (const t of targetsOf.get(id) ?? []) {
          const a = text === undefined ? undefined : anchorPassage(text, t)
          places.set(t, a?.start !== undefined && a.end !== undefined ? { start: a.start, end: a.end, exact: text!.slice(a.start, a.end) } : undefined)
        }
        run.keepText?.(id, text ?? '')
        loaded.set(id, { text: keepTexts || scope.kind === 'comparison' ? (text ?? '') : '', textHash: read?.textHash ?? '' })
        if (++done % 200 === 0 || done === ids.length) run.progress?.(done, ids.length)
      }
    }),
  )
  for (const id of ids) {
    const entry = ws.library.get(id)!
    const s = ws.summarise(entry)
    articles.push({
      id,
      path: s.path,
      title: s.title,
      outlet: s.outlet,
      author: s.author,
      date: s.date,
      categories: s.categories,
      text: loaded.get(id)?.text ?? '',
      fileHash: entry.summary.hash,
      textHash: loaded.get(id)?.textHash ?? '',
    })
  }
  const place = (t: Highlight['target']): Place | undefined => places.get(t)
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
    const { compareTexts } = await comparisonEngine()
    const result = compareTexts(loaded.get(scope.leftId)?.text ?? '', loaded.get(scope.rightId)?.text ?? '')
    data.comparison = { leftId: scope.leftId, rightId: scope.rightId, onlyLeft: result.onlyLeft, onlyRight: result.onlyRight }
  }
  return data
}
