import { useCallback, useEffect, useRef, useState } from 'react'
import type { AnchoredHighlight, ArticleAnnotations, ArticleView } from '@shared/types'
import { useApi, useApiEvents } from './ApiContext'

export type ArticleState =
  { status: 'none' } | { status: 'loading' } | { status: 'error'; message: string } | { status: 'gone'; previous: ArticleView | null } | { status: 'ready'; article: ArticleView }

const NONE: ArticleState = { status: 'none' }
const LOADING: ArticleState = { status: 'loading' }

/**
 * An open article and its annotations. Reloads when the file changes on disk or annotations
 * change (in this window, another window, or another host on the same library).
 */
export function useArticle(id: string | null): { state: ArticleState; annotations: ArticleAnnotations | null; showSaved: (h: AnchoredHighlight) => void } {
  const api = useApi()
  // What was last loaded, and for which id. While another article loads, a ready one stays on
  // screen (no blank flash, one layout, one paint); anything else shows "loading".
  const [loaded, setLoaded] = useState<{ id: string; state: ArticleState } | null>(null)
  const [annotations, setAnnotations] = useState<ArticleAnnotations | null>(null)
  const state: ArticleState = !id ? NONE : loaded && (loaded.id === id || loaded.state.status === 'ready') ? loaded.state : LOADING
  const setStateOf = useCallback((of: string, next: (s: ArticleState) => ArticleState) => setLoaded((l) => ({ id: of, state: next(l?.id === of ? l.state : LOADING) })), [])

  /** Re-reads the open article after its file changed on disk (it stays on screen meanwhile). */
  const reloadText = useCallback(() => {
    if (!id) return
    api.call('article.open', { id }).then(
      (article) => setStateOf(id, () => ({ status: 'ready', article })),
      (e: Error) => setStateOf(id, () => ({ status: 'error', message: e.message })),
    )
  }, [api, id, setStateOf])
  const reloadAnnotations = useCallback(() => {
    if (id) api.call('annotations.list', { articleId: id }).then(setAnnotations, () => undefined)
  }, [api, id])

  // Opening another article: fetch text and annotations together and show them in one render.
  const opening = useRef<string | null>(null)
  useEffect(() => {
    opening.current = id
    if (!id) return
    const annotationsLoaded = api.call('annotations.list', { articleId: id }).catch(() => null)
    api.call('article.open', { id }).then(
      async (article) => {
        const a = await annotationsLoaded
        if (opening.current !== id) return
        setLoaded({ id, state: { status: 'ready', article } })
        setAnnotations(a)
      },
      (e: Error) => {
        if (opening.current !== id) return
        setLoaded({ id, state: { status: 'error', message: e.message } })
        setAnnotations(null)
      },
    )
  }, [api, id])

  useApiEvents((event) => {
    if (!id) return
    if (event.type === 'library.changed') {
      if (event.removed.includes(id)) setStateOf(id, (s) => ({ status: 'gone', previous: s.status === 'ready' ? s.article : null }))
      else if (event.changed.some((a) => a.id === id)) {
        const changed = event.changed.find((a) => a.id === id)!
        // Only re-read the text when the file changed, not when a highlight count did.
        if (state.status === 'ready' && state.article.summary.id === id && state.article.summary.mtimeMs === changed.mtimeMs && state.article.summary.size === changed.size) {
          setStateOf(id, () => ({ status: 'ready', article: { ...state.article, summary: changed } }))
        } else reloadText()
      }
    }
    if (event.type === 'annotations.changed' && event.articleIds.includes(id)) reloadAnnotations()
  })
  /**
   * Shows a highlight the host has just saved without waiting for the list to be re-read (the
   * `annotations.changed` event re-reads it anyway): a new highlight appears within a frame.
   */
  const showSaved = useCallback((h: AnchoredHighlight) => {
    setAnnotations((a) => {
      if (!a || a.articleId !== h.target.articleId) return a
      const rest = a.highlights.filter((x) => x.id !== h.id)
      const at = rest.findIndex((x) => (x.anchor.start ?? Infinity) > (h.anchor.start ?? Infinity))
      return { ...a, highlights: at < 0 ? [...rest, h] : [...rest.slice(0, at), h, ...rest.slice(at)] }
    })
  }, [])
  return { state, annotations: id ? annotations : null, showSaved }
}
