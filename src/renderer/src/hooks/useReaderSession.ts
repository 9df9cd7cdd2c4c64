import { useCallback, useEffect, useRef, useState } from 'react'
import type { HighlightColour } from '@core/annotations/model'
import type { AnchoredHighlight, ArticleView } from '@shared/types'
import type { SidebarActions } from '../components/AnnotationSidebar'
import type { ReaderHandle, TextSelectionInfo } from '../reader/Reader'
import { useApi } from './ApiContext'
import { useArticle, type ArticleState } from './useArticle'
import { usePersistentState } from './usePersistentState'
import type { Toaster } from './useToasts'

export interface ReaderSession {
  /** The article this reader shows (remembered across restarts under the session's key). */
  selectedId: string | null
  state: ArticleState
  article: ArticleView | null
  annotations: ReturnType<typeof useArticle>['annotations']
  /** Highlights of the article on screen (none while another article's are still loading). */
  highlights: AnchoredHighlight[]
  /** The callback ref that binds this session to its on-screen reader. */
  attachReader: (reader: ReaderHandle | null) => void
  /** The on-screen reader, for imperative calls from event handlers and effects. */
  reader: () => ReaderHandle | null
  activeHighlight: string | null
  editorFocus: 'tag' | 'note' | undefined
  selection: TextSelectionInfo | undefined
  pendingHighlight: { start: number; end: number; colour: HighlightColour } | null
  /** The part of the article on screen, so the sidebar can mark the highlights in view. */
  onScreen: [number, number] | undefined
  open: (id: string | null, at?: { start: number; end: number }, highlightId?: string) => void
  setSelection: (s: TextSelectionInfo | undefined) => void
  onVisibleRangeChange: (range: [number, number]) => void
  onHighlightClick: (ids: string[]) => void
  clearActive: () => void
  highlightSelection: (colour: HighlightColour, focus?: 'tag' | 'note') => Promise<void>
  /** A passage is selected in this reader now. */
  hasSelection: () => boolean
  actions: SidebarActions
}

/**
 * One reader's state and what the researcher does in it: which article is open, its
 * selection, the active highlight, highlighting and editing. A second reader (the comparison
 * view) is a second session with its own `key`, not a copy of this code.
 */
export function useReaderSession(key: string, { toast, fail }: Toaster, undo: () => void): ReaderSession {
  const api = useApi()
  const [selectedId, setSelectedId] = usePersistentState<string | null>(key, null)
  const { state, annotations, showSaved } = useArticle(selectedId)
  const article = state.status === 'ready' ? state.article : null
  const [activeHighlight, setActiveHighlight] = useState<string | null>(null)
  const [editorFocus, setEditorFocus] = useState<'tag' | 'note' | undefined>()
  const [selection, setSelection] = useState<TextSelectionInfo | undefined>()
  const [pendingHighlight, setPendingHighlight] = useState<ReaderSession['pendingHighlight']>(null)
  const [pendingScroll, setPendingScroll] = useState<{ articleId: string; at?: { start: number; end: number }; highlightId?: string } | null>(null)
  const [visible, setVisible] = useState<{ articleId: string; range: [number, number] } | null>(null)
  const readerRef = useRef<ReaderHandle>(null)
  const attachReader = useCallback((reader: ReaderHandle | null) => {
    readerRef.current = reader
  }, [])
  const reader = useCallback(() => readerRef.current, [])
  const articleId = article?.summary.id

  const onVisibleRangeChange = useCallback(
    (range: [number, number]) => {
      if (articleId) setVisible((v) => (v?.articleId === articleId && v.range[0] === range[0] && v.range[1] === range[1] ? v : { articleId, range }))
    },
    [articleId],
  )

  // After opening an article at a passage (search, codebook), scroll to it once it is rendered.
  const scrolledTo = useRef<typeof pendingScroll>(null)
  useEffect(() => {
    const target = pendingScroll
    // Wait until the requested article (not the one being replaced) and its annotations are shown.
    if (!article || !annotations || !target || article.summary.id !== target.articleId || annotations.articleId !== target.articleId) return
    if (scrolledTo.current === target) return
    scrolledTo.current = target
    requestAnimationFrame(() => {
      if (target.highlightId) {
        const h = annotations.highlights.find((x) => x.id === target.highlightId)
        if (h?.anchor.start !== undefined && h.anchor.end !== undefined) readerRef.current?.scrollToPassage(h.anchor.start, h.anchor.end, { flash: true })
        setActiveHighlight(target.highlightId)
      } else if (target.at) readerRef.current?.scrollToPassage(target.at.start, target.at.end, { flash: true })
    })
  }, [article, annotations, pendingScroll])

  const open = useCallback(
    (id: string | null, at?: { start: number; end: number }, highlightId?: string) => {
      setPendingScroll(id && (highlightId || at) ? { articleId: id, at, highlightId } : null)
      setActiveHighlight(null)
      setSelection(undefined)
      setSelectedId(id)
    },
    [setSelectedId],
  )

  const highlightSelection = useCallback(
    async (colour: HighlightColour, focus?: 'tag' | 'note') => {
      const sel = readerRef.current?.currentSelection() ?? selection
      if (!sel || !article) return
      // Paint at once; the card and the id follow when the host has saved it durably. The
      // selection is cleared now, not on the reply, so a passage selected meanwhile survives.
      setPendingHighlight({ start: sel.start, end: sel.end, colour })
      window.getSelection()?.removeAllRanges()
      setSelection(undefined)
      try {
        const h = await api.call('annotations.createHighlight', { articleId: article.summary.id, start: sel.start, end: sel.end, textHash: article.textHash, colour })
        setPendingHighlight(null)
        showSaved(h)
        setActiveHighlight(h.id)
        setEditorFocus(focus)
      } catch (e) {
        setPendingHighlight(null)
        fail(e)
      }
    },
    [api, article, selection, fail, showSaved],
  )

  const actions: SidebarActions = {
    select: (id) => {
      setActiveHighlight(id)
      setEditorFocus(undefined)
      const h = annotations?.highlights.find((x) => x.id === id)
      if (h?.anchor.start !== undefined && h.anchor.end !== undefined) readerRef.current?.scrollToPassage(h.anchor.start, h.anchor.end, { flash: true })
    },
    update: (id, patch) => void api.call('annotations.updateHighlight', { id, patch }).catch(fail),
    remove: (id) =>
      void api.call('annotations.deleteHighlight', { id }).then(() => {
        setActiveHighlight(null)
        toast('info', 'Highlight deleted.', { label: 'Undo', run: undo })
      }, fail),
    createTag: async (name) => {
      try {
        return (await api.call('codebook.create', { name })).id
      } catch (e) {
        fail(e)
        return undefined
      }
    },
    setArticleNote: (patch) => {
      if (article) void api.call('annotations.setArticleNote', { articleId: article.summary.id, ...patch }).catch(fail)
    },
  }

  return {
    selectedId,
    state,
    article,
    annotations,
    highlights: annotations && article && annotations.articleId === article.summary.id ? annotations.highlights : [],
    attachReader,
    reader,
    activeHighlight,
    editorFocus,
    selection,
    pendingHighlight,
    onScreen: visible && visible.articleId === articleId ? visible.range : undefined,
    open,
    setSelection,
    onVisibleRangeChange,
    onHighlightClick: (ids) => {
      setActiveHighlight(ids[0] ?? null)
      setEditorFocus(undefined)
    },
    clearActive: () => setActiveHighlight(null),
    highlightSelection,
    hasSelection: () => !!reader()?.currentSelection(),
    actions,
  }
}
