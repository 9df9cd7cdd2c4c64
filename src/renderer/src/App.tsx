import { useCallback, useEffect, useRef, useState, type ReactElement } from 'react'
import type { HighlightColour } from '../../core/annotations/model'
import type { AnchoredHighlight, AppInfo } from '../../shared/types'
import { AnnotationSidebar, type SidebarActions } from './components/AnnotationSidebar'
import { CodebookPanel } from './components/CodebookPanel'
import { COLOURS } from './components/colours'
import { FindBar } from './components/FindBar'
import { HelpOverlay } from './components/HelpOverlay'
import { LibraryPane } from './components/LibraryPane'
import { MetadataDialog } from './components/MetadataDialog'
import { SearchPanel } from './components/SearchPanel'
import { SelectionToolbar } from './components/SelectionToolbar'
import { Toasts, type Toast } from './components/Toasts'
import { importDropped, summariseImport } from './drop-files'
import { useApi, useApiEvents } from './hooks/ApiContext'
import { useArticle } from './hooks/useArticle'
import { useCodebook } from './hooks/useCodebook'
import { useFind } from './hooks/useFind'
import { useLibrary } from './hooks/useLibrary'
import { usePersistentState } from './hooks/usePersistentState'
import { Reader, type ReaderHandle, type TextSelectionInfo } from './reader/Reader'

type LeftTab = 'library' | 'search' | 'codebook'
type Theme = 'system' | 'light' | 'dark'

const isTyping = (t: EventTarget | null): boolean => t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName))

/** The main window: library / search / codebook on the left, the reader, annotations on the right. */
export function App(): ReactElement {
  const api = useApi()
  const { articles, error: libraryError, byId } = useLibrary()
  const codebook = useCodebook()
  const [selectedId, setSelectedId] = usePersistentState<string | null>('lastArticle', null)
  const [leftTab, setLeftTab] = usePersistentState<LeftTab>('leftTab', 'library')
  const [fontSize, setFontSize] = usePersistentState('fontSize', 18)
  const [theme, setTheme] = usePersistentState<Theme>('theme', 'system')
  // Either side pane can be hidden to read with the whole window; remembered like the rest.
  const [panes, setPanes] = usePersistentState<{ left: boolean; right: boolean }>('panes', { left: true, right: true })
  const showLeft = useCallback(
    (tab: LeftTab) => {
      setLeftTab(tab)
      setPanes((p) => (p.left ? p : { ...p, left: true }))
    },
    [setLeftTab, setPanes],
  )
  const togglePane = useCallback((side: 'left' | 'right') => setPanes((p) => ({ ...p, [side]: !p[side] })), [setPanes])
  const [query, setQuery] = useState('')
  const [info, setInfo] = useState<AppInfo | null>(null)
  const { state, annotations, showSaved } = useArticle(selectedId)
  const [activeHighlight, setActiveHighlight] = useState<string | null>(null)
  const [editorFocus, setEditorFocus] = useState<'tag' | 'note' | undefined>()
  const [selection, setSelection] = useState<TextSelectionInfo | undefined>()
  const [toasts, setToasts] = useState<Toast[]>([])
  const [showHelp, setShowHelp] = useState(false)
  const [showMeta, setShowMeta] = useState(false)
  const [findOpen, setFindOpen] = useState(false)
  const [dragging, setDragging] = useState(false)
  const readerRef = useRef<ReaderHandle>(null)
  const searchRef = useRef<HTMLInputElement>(null)
  const findRef = useRef<HTMLInputElement>(null)
  const fileInputRef = useRef<HTMLInputElement>(null)
  const [pendingScroll, setPendingScroll] = useState<{ articleId: string; at?: { start: number; end: number }; highlightId?: string } | null>(null)
  const article = state.status === 'ready' ? state.article : null
  // The part of the open article on screen, so the sidebar can mark the highlights in view.
  const [onScreen, setOnScreen] = useState<{ articleId: string; range: [number, number] } | null>(null)
  const articleId = article?.summary.id
  const onVisibleRangeChange = useCallback(
    (range: [number, number]) => {
      if (articleId) setOnScreen((v) => (v?.articleId === articleId && v.range[0] === range[0] && v.range[1] === range[1] ? v : { articleId, range }))
    },
    [articleId],
  )
  const find = useFind(article?.text ?? '')

  const toast = useCallback((level: Toast['level'], message: string, action?: Toast['action']) => {
    const id = Date.now() + Math.random()
    setToasts((t) => [...t.slice(-3), { id, level, message, action }])
    window.setTimeout(() => setToasts((t) => t.filter((x) => x.id !== id)), level === 'error' ? 12000 : 6000)
  }, [])
  const fail = useCallback((e: unknown) => toast('error', e instanceof Error ? e.message : String(e)), [toast])

  useEffect(() => {
    api.call('app.info', {}).then((i) => {
      setInfo(i)
      for (const n of i.notices) toast('warning', n)
    }, fail)
  }, [api, toast, fail])
  useApiEvents((e) => {
    if (e.type === 'notice') toast(e.level, e.message)
    if (e.type === 'watch.changed') setInfo((i) => (i ? { ...i, watch: e.status } : i))
  })

  useEffect(() => {
    if (theme === 'system') delete document.documentElement.dataset.theme
    else document.documentElement.dataset.theme = theme
  }, [theme])

  // Once the library is first listed: open the last-open article, or the newest one if that file
  // is gone. A file removed later, while open, stays selected so the reader can say what happened.
  const libraryListed = useRef(false)
  useEffect(() => {
    if (!articles || libraryListed.current) return
    libraryListed.current = true
    if (selectedId && byId.has(selectedId)) return
    setSelectedId(articles.length ? articles.reduce((newest, a) => ((a.date ?? '') > (newest.date ?? '') ? a : newest)).id : null)
  }, [articles]) // eslint-disable-line react-hooks/exhaustive-deps

  // After opening an article from search or codebook, scroll to the passage once it is rendered.
  useEffect(() => {
    const target = pendingScroll
    // Wait until the requested article (not the one being replaced) and its annotations are shown.
    if (!article || !annotations || !target || article.summary.id !== target.articleId || annotations.articleId !== target.articleId) return
    setPendingScroll(null)
    requestAnimationFrame(() => {
      if (target.highlightId) {
        const h = annotations.highlights.find((x) => x.id === target.highlightId)
        if (h?.anchor.start !== undefined) readerRef.current?.scrollToPassage(h.anchor.start, h.anchor.end!, { flash: true })
        setActiveHighlight(target.highlightId)
      } else if (target.at) readerRef.current?.scrollToPassage(target.at.start, target.at.end, { flash: true })
    })
  }, [article, annotations, pendingScroll])

  const openArticle = useCallback(
    (id: string, at?: { start: number; end: number }, highlightId?: string) => {
      setPendingScroll(highlightId || at ? { articleId: id, at, highlightId } : null)
      setActiveHighlight(null)
      setSelection(undefined)
      setSelectedId(id)
    },
    [setSelectedId],
  )

  const createTag = useCallback(
    async (name: string): Promise<string | undefined> => {
      try {
        return (await api.call('codebook.create', { name })).id
      } catch (e) {
        fail(e)
        return undefined
      }
    },
    [api, fail],
  )

  const [pendingHighlight, setPendingHighlight] = useState<{ start: number; end: number; colour: HighlightColour } | null>(null)
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

  const undoRedo = useCallback(
    async (direction: 'undo' | 'redo') => {
      try {
        const r = await api.call(direction === 'undo' ? 'history.undo' : 'history.redo', {})
        toast('info', r.label ? `${direction === 'undo' ? 'Undone' : 'Redone'}: ${r.label}` : `Nothing to ${direction}.`)
      } catch (e) {
        fail(e)
      }
    },
    [api, toast, fail],
  )

  const actions: SidebarActions = {
    select: (id) => {
      setActiveHighlight(id)
      setEditorFocus(undefined)
      const h = annotations?.highlights.find((x) => x.id === id)
      if (h?.anchor.start !== undefined) readerRef.current?.scrollToPassage(h.anchor.start, h.anchor.end!, { flash: true })
    },
    update: (id, patch) => void api.call('annotations.updateHighlight', { id, patch }).catch(fail),
    remove: (id) =>
      void api.call('annotations.deleteHighlight', { id }).then(() => {
        setActiveHighlight(null)
        toast('info', 'Highlight deleted.', { label: 'Undo', run: () => void undoRedo('undo') })
      }, fail),
    createTag,
    setArticleNote: (patch) => article && void api.call('annotations.setArticleNote', { articleId: article.summary.id, ...patch }).catch(fail),
  }

  const importFiles = useCallback(
    async (files: File[], items?: DataTransferItemList) => {
      try {
        const report = await importDropped(api, files, items)
        const s = summariseImport(report)
        toast(s.level, s.message)
        // A single imported article opens as soon as the watcher lists it.
        if (report.imported.length === 1) setOpenWhenListed(report.imported[0].path)
      } catch (e) {
        fail(e)
      }
    },
    [api, toast, fail],
  )
  const [openWhenListed, setOpenWhenListed] = useState<string | null>(null)
  useEffect(() => {
    const found = openWhenListed ? articles?.find((a) => a.path === openWhenListed) : undefined
    if (found) {
      setOpenWhenListed(null)
      openArticle(found.id)
    }
  }, [articles, openWhenListed, openArticle])

  // Keyboard shortcuts (listed in the help overlay).
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const mod = e.ctrlKey || e.metaKey
      if (mod && e.key.toLowerCase() === 'f') {
        e.preventDefault()
        setFindOpen(true)
        requestAnimationFrame(() => findRef.current?.select())
        return
      }
      if ((mod && e.key.toLowerCase() === 'k') || (e.key === '/' && !isTyping(e.target))) {
        e.preventDefault()
        showLeft('search')
        requestAnimationFrame(() => searchRef.current?.focus())
        return
      }
      if (e.key === 'Escape') {
        setShowHelp(false)
        setActiveHighlight(null)
        if (!isTyping(e.target)) window.getSelection()?.removeAllRanges()
        return
      }
      if (isTyping(e.target)) return
      if (mod && e.key.toLowerCase() === 'z') {
        e.preventDefault()
        void undoRedo(e.shiftKey ? 'redo' : 'undo')
        return
      }
      if (mod && e.key.toLowerCase() === 'y') {
        e.preventDefault()
        void undoRedo('redo')
        return
      }
      if (mod || e.altKey) return
      if (e.key === '?') return setShowHelp(true)
      if (e.key === '[') return togglePane('left')
      if (e.key === ']') return togglePane('right')
      if (e.key === '+' || e.key === '=') return setFontSize((s) => Math.min(28, s + 1))
      if (e.key === '-') return setFontSize((s) => Math.max(13, s - 1))
      const sel = readerRef.current?.currentSelection()
      if (sel) {
        const n = Number(e.key)
        if (n >= 1 && n <= COLOURS.length) return void highlightSelection(COLOURS[n - 1])
        if (e.key === 'h') return void highlightSelection('yellow')
        if (e.key === 't') return (e.preventDefault(), void highlightSelection('yellow', 'tag'))
        if (e.key === 'n') return (e.preventDefault(), void highlightSelection('yellow', 'note'))
      }
      if ((e.key === 'Delete' || e.key === 'Backspace') && activeHighlight) actions.remove(activeHighlight)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  })

  const onDrop = (e: React.DragEvent): void => {
    e.preventDefault()
    setDragging(false)
    if (e.dataTransfer.files.length) void importFiles([...e.dataTransfer.files], e.dataTransfer.items)
  }

  const activeSummary = selectedId ? byId.get(selectedId) : undefined
  const highlights: AnchoredHighlight[] = annotations && article && annotations.articleId === article.summary.id ? annotations.highlights : []

  return (
    <div
      className="app"
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes('Files')) {
          e.preventDefault()
          setDragging(true)
        }
      }}
      onDragLeave={(e) => e.currentTarget === e.target && setDragging(false)}
      onDrop={onDrop}
    >
      <header className="topbar">
        <span className="brand" aria-label="Parallax">
          Parallax
        </span>
        <nav className="tabs" role="tablist" aria-label="Left panel">
          {(['library', 'search', 'codebook'] as const).map((t) => (
            <button key={t} type="button" role="tab" aria-selected={leftTab === t} className={leftTab === t ? 'is-on' : ''} onClick={() => showLeft(t)}>
              {t === 'library' ? 'Library' : t === 'search' ? 'Search' : 'Codebook'}
            </button>
          ))}
        </nav>
        <input
          ref={searchRef}
          type="search"
          className="global-search"
          placeholder="Search all articles and notes  ( / )"
          aria-label="Search all articles"
          value={query}
          onChange={(e) => (setQuery(e.target.value), showLeft('search'))}
        />
        <div className="topbar-actions">
          <button type="button" onClick={() => fileInputRef.current?.click()}>
            Import files…
          </button>
          <input ref={fileInputRef} type="file" multiple hidden accept=".txt,.md,.markdown,.html,.htm" aria-label="Choose files to import" onChange={(e) => (e.target.files && void importFiles([...e.target.files]), (e.target.value = ''))} />
          <button type="button" aria-label="Undo" title="Undo (Ctrl+Z)" onClick={() => void undoRedo('undo')}>
            ↶
          </button>
          <button type="button" aria-label="Redo" title="Redo (Ctrl+Shift+Z)" onClick={() => void undoRedo('redo')}>
            ↷
          </button>
          <button type="button" aria-label="Show the left panel" aria-pressed={panes.left} title="Left panel ( [ )" onClick={() => togglePane('left')}>
            ◧
          </button>
          <button type="button" aria-label="Show the annotations panel" aria-pressed={panes.right} title="Annotations panel ( ] )" onClick={() => togglePane('right')}>
            ◨
          </button>
          <button type="button" aria-label="Smaller text" onClick={() => setFontSize((s) => Math.max(13, s - 1))}>
            A−
          </button>
          <button type="button" aria-label="Larger text" onClick={() => setFontSize((s) => Math.min(28, s + 1))}>
            A+
          </button>
          <select aria-label="Theme" value={theme} onChange={(e) => setTheme(e.target.value as Theme)}>
            <option value="system">System theme</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
          <button type="button" aria-label="Keyboard shortcuts" onClick={() => setShowHelp(true)}>
            ?
          </button>
        </div>
      </header>
      <main className="workspace" style={{ gridTemplateColumns: [panes.left ? 'minmax(16rem, 22rem)' : '', 'minmax(0, 1fr)', panes.right ? 'minmax(15rem, 21rem)' : ''].filter(Boolean).join(' ') }}>
        <div className="left" hidden={!panes.left}>
          {leftTab === 'library' && <LibraryPane articles={articles} error={libraryError} watch={info?.watch} tags={codebook.byId} selectedId={selectedId} onOpen={(id) => openArticle(id)} onImport={() => fileInputRef.current?.click()} />}
          {leftTab === 'search' && (
            <section className="pane" aria-label="Search">
              <SearchPanel query={query} onOpen={openArticle} />
            </section>
          )}
          {leftTab === 'codebook' && <CodebookPanel tags={codebook.tags} onError={(m) => toast('error', m)} onOpenPassage={(p) => openArticle(p.articleId, undefined, p.highlightId)} />}
        </div>
        <section className="center" aria-label="Reader">
          {findOpen && article && (
            <FindBar
              query={find.query}
              count={find.matches.length}
              current={find.current}
              inputRef={findRef}
              onQuery={(q) => {
                find.setQuery(q)
              }}
              onStep={(d) => {
                const i = find.step(d)
                if (i !== undefined) readerRef.current?.scrollToPassage(find.matches[i][0], find.matches[i][1])
              }}
              onClose={() => (setFindOpen(false), find.setQuery(''))}
            />
          )}
          {state.status === 'none' && <div className="empty-state center-empty">{articles?.length ? 'Choose an article from the library.' : 'No article open.'}</div>}
          {state.status === 'loading' && <div className="empty-state center-empty">Opening…</div>}
          {state.status === 'error' && (
            <div className="error-state center-empty" role="alert">
              <p>{state.message}</p>
            </div>
          )}
          {state.status === 'gone' && (
            <div className="error-state center-empty" role="alert">
              <p>This article's file was deleted or moved out of the library folder.</p>
              <p className="muted">Its highlights and notes are kept: put the file back (or a renamed copy) and they return.</p>
            </div>
          )}
          {article && (
            <Reader
              ref={readerRef}
              instanceId="main"
              article={article}
              highlights={highlights}
              pending={pendingHighlight}
              activeHighlightId={activeHighlight}
              fontSize={fontSize}
              findMatches={findOpen ? find.matches : undefined}
              findCurrent={find.current}
              onSelectionChange={setSelection}
              onVisibleRangeChange={onVisibleRangeChange}
              onHighlightClick={(ids) => {
                setActiveHighlight(ids[0])
                setEditorFocus(undefined)
              }}
              onEditMetadata={() => setShowMeta(true)}
            />
          )}
          {selection && article && <SelectionToolbar rect={selection.rect} onHighlight={(c) => void highlightSelection(c)} onTag={() => void highlightSelection('yellow', 'tag')} onNote={() => void highlightSelection('yellow', 'note')} />}
        </section>
        {article && panes.right && <AnnotationSidebar annotations={annotations} onScreen={onScreen && onScreen.articleId === articleId ? onScreen.range : undefined} activeId={activeHighlight} editorFocus={editorFocus} tags={codebook.tags} tagsById={codebook.byId} actions={actions} />}
      </main>
      <footer className="statusbar">
        <span>{info ? `${info.libraryFolder}` : ''}</span>
        <span>{articles ? `${articles.length} articles` : ''}</span>
        <span>{info?.host === 'http' ? 'Browser host' : info ? 'Desktop' : ''}</span>
      </footer>
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          <p>Drop article files or folders to add them to the library</p>
        </div>
      )}
      {showHelp && <HelpOverlay onClose={() => setShowHelp(false)} />}
      {showMeta && activeSummary && (
        <MetadataDialog
          summary={activeSummary}
          onClose={() => setShowMeta(false)}
          onSave={async (form) => {
            await api.call('article.setMetadata', { id: activeSummary.id, override: form })
          }}
        />
      )}
      <Toasts toasts={toasts} dismiss={(id) => setToasts((t) => t.filter((x) => x.id !== id))} />
    </div>
  )
}
