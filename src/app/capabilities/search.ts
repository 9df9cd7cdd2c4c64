import type { Handlers } from '@shared/contract'
import type { Workspace } from '../workspace'

type SearchHandlers = Pick<Handlers, 'search.query' | 'search.annotations'>

/** Full-text search of the library, and a search of the researcher's own quotes, notes and tags. */
export function searchHandlers(ws: Workspace): SearchHandlers {
  return {
    'search.query': async ({ q, limit }) => ws.search.query(q, limit),

    'search.annotations': async ({ q }) => {
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
