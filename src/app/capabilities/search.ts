import { parseSearch } from '@core/search/query'
import type { Handlers } from '@shared/contract'
import type { NotesIndexer } from '../notes-index'
import type { Workspace } from '../workspace'

type SearchHandlers = Pick<Handlers, 'search.query' | 'search.annotations'>

/** Full-text search of the library, and a search of the researcher's own quotes, notes and tags. */
export function searchHandlers(ws: Workspace, notes: NotesIndexer): SearchHandlers {
  return {
    'search.query': async ({ q, limit, asYouType }) => {
      const { tags } = parseSearch(q)
      return ws.search.query(q, limit, { asYouType, articleIds: tags.length ? articlesTagged(ws, tags) : undefined })
    },

    'search.annotations': async ({ q, asYouType }) => {
      if (notes.ready) {
        // Changes still being gathered are indexed first: a note just saved is found.
        await notes.settled()
        const out = []
        for (const d of await ws.search.queryNotes(q, 200, { asYouType })) {
          const entry = ws.library.get(d.articleId)
          if (entry) out.push({ articleId: d.articleId, articleTitle: ws.summarise(entry).title, highlightId: d.highlightId, quote: d.quote, note: d.note, tagNames: d.tags })
        }
        return out
      }
      // While the notes are first indexed: a plain reading of the store.
      const needle = q.trim().toLowerCase()
      if (!needle) return []
      const tags = new Map(ws.store.liveTags().map((t) => [t.id, t.name]))
      const out = []
      for (const a of ws.store.allAnnotations()) {
        if (a.kind === 'comparison') continue
        const articleId = a.kind === 'highlight' ? a.target.articleId : a.kind === 'link' ? a.source.articleId : a.articleId
        const entry = ws.library.get(articleId)
        if (!entry) continue
        // A link is found by either of its passages, its note and its tags.
        const quote = a.kind === 'highlight' ? a.target.quote.exact : a.kind === 'link' ? `${a.source.quote.exact} ↔ ${a.target.quote.exact}` : ''
        const tagNames = a.tagIds.map((t) => tags.get(t)).filter((n): n is string => !!n)
        if (![quote, a.note, ...tagNames].some((s) => s.toLowerCase().includes(needle))) continue
        out.push({ articleId, articleTitle: ws.summarise(entry).title, highlightId: a.kind === 'highlight' ? a.id : null, quote, note: a.note, tagNames })
        if (out.length >= 200) break
      }
      return out
    },
  }
}

/** Articles with a passage, note or link coded with any of these tags (by name, any case) or their sub-tags. */
function articlesTagged(ws: Workspace, names: string[]): string[] {
  const live = ws.store.liveTags()
  const wanted = new Set(live.filter((t) => names.some((n) => n.toLowerCase() === t.name.toLowerCase())).map((t) => t.id))
  for (let grew = wanted.size > 0; grew;) {
    grew = false
    for (const t of live) if (t.parentId && wanted.has(t.parentId) && !wanted.has(t.id)) grew = !!wanted.add(t.id)
  }
  const out = new Set<string>()
  for (const a of ws.store.allAnnotations()) {
    if (a.kind === 'comparison' || !a.tagIds.some((t) => wanted.has(t))) continue
    out.add(a.kind === 'highlight' ? a.target.articleId : a.kind === 'link' ? a.source.articleId : a.articleId)
  }
  return [...out]
}
