import { startTransition, useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { ApiEvent, ArticleSummary } from '@shared/types'
import { keysOf } from '../library-keys'
import { useApi, useApiEvents } from './ApiContext'

const PAGE = 2_000

/** Applies one `library.changed` event to a list: removals, changes, additions. */
function applyEvent(current: ArticleSummary[], event: ApiEvent): ArticleSummary[] {
  if (event.type !== 'library.changed') return current
  const removed = new Set(event.removed)
  const changed = new Map([...event.changed, ...event.added].map((a) => [a.id, a]))
  const next = current.filter((a) => !removed.has(a.id)).map((a) => changed.get(a.id) ?? a)
  const known = new Set(next.map((a) => a.id))
  for (const a of event.added) if (!known.has(a.id)) next.push(a)
  return next
}

/** The library list, kept live by `library.changed` events (no reloads). */
export function useLibrary(): { articles: ArticleSummary[] | null; error: string | null; byId: Map<string, ArticleSummary> } {
  const api = useApi()
  const [articles, setArticles] = useState<ArticleSummary[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  // Events that arrive while the pages are still loading are applied once the list is whole.
  const pending = useRef<ApiEvent[] | null>(null)
  const load = useCallback(() => {
    pending.current = []
    void (async () => {
      // Listen before listing: a file added between the list and the subscription is not lost.
      await api.whenSubscribed()
      const all: ArticleSummary[] = []
      for (let after: string | undefined; ;) {
        const page = await api.call('library.list', { after, limit: PAGE })
        // Sort and filter keys are computed here, a page per task, not in one render of 10,000.
        for (const a of page) keysOf(a)
        all.push(...page)
        const last = page[page.length - 1]
        if (page.length < PAGE || !last) break
        after = last.id
      }
      const events = pending.current ?? []
      pending.current = null
      // A low-priority update: React renders the big list in slices instead of one long task.
      startTransition(() => setArticles(events.reduce(applyEvent, all)))
    })().catch((e: Error) => {
      pending.current = null
      setError(e.message)
    })
  }, [api])
  useEffect(load, [load])
  // After a dropped connection to the host, changes may have been missed: list again.
  useEffect(() => api.onResync(load), [api, load])
  useApiEvents((event) => {
    if (event.type !== 'library.changed') return
    if (pending.current) pending.current.push(event)
    else setArticles((current) => current && applyEvent(current, event))
  })
  const byId = useMemo(() => new Map((articles ?? []).map((a) => [a.id, a])), [articles])
  return { articles, error, byId }
}
