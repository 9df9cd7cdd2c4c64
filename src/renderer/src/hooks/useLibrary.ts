import { useCallback, useEffect, useState } from 'react'
import type { ArticleSummary } from '../../../shared/types'
import { useApi, useApiEvents } from './ApiContext'

/** The library list, kept live by `library.changed` events (no reloads). */
export function useLibrary(): { articles: ArticleSummary[] | null; error: string | null; byId: Map<string, ArticleSummary> } {
  const api = useApi()
  const [articles, setArticles] = useState<ArticleSummary[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const load = useCallback(() => {
    api.call('library.list', {}).then(setArticles, (e: Error) => setError(e.message))
  }, [api])
  useEffect(load, [load])
  useApiEvents((event) => {
    if (event.type !== 'library.changed') return
    setArticles((current) => {
      if (!current) return current
      const removed = new Set(event.removed)
      const changed = new Map([...event.changed, ...event.added].map((a) => [a.id, a]))
      const next = current.filter((a) => !removed.has(a.id)).map((a) => changed.get(a.id) ?? a)
      const known = new Set(next.map((a) => a.id))
      for (const a of event.added) if (!known.has(a.id)) next.push(a)
      return next
    })
  })
  const byId = new Map((articles ?? []).map((a) => [a.id, a]))
  return { articles, error, byId }
}
