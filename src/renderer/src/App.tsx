import { useEffect, useRef, useState, type ReactElement } from 'react'
import { AnnotationSidebar } from './components/AnnotationSidebar'
import { CodebookPanel } from './components/CodebookPanel'
import { ExportDialog } from './components/ExportDialog'
import { HelpOverlay } from './components/HelpOverlay'
import { ARTICLE_DRAG_TYPE, LibraryPane } from './components/LibraryPane'
import { CompareView } from './components/compare/CompareView'
import { MetadataDialog } from './components/MetadataDialog'
import { ReaderPane } from './components/ReaderPane'
import { SearchPanel } from './components/SearchPanel'
import { StatusBar } from './components/StatusBar'
import { Toasts } from './components/Toasts'
import { chooseFilesToImport, TopBar } from './components/TopBar'
import { useApi } from './hooks/ApiContext'
import { useAppInfo } from './hooks/useAppInfo'
import { useCodebook } from './hooks/useCodebook'
import { useComparison } from './hooks/useComparison'
import { usePersistentState } from './hooks/usePersistentState'
import { useFind } from './hooks/useFind'
import { useImport } from './hooks/useImport'
import { useLibrary } from './hooks/useLibrary'
import { usePreferences } from './hooks/usePreferences'
import { useReaderSession } from './hooks/useReaderSession'
import { useShortcuts } from './hooks/useShortcuts'
import { useToasts } from './hooks/useToasts'
import { windowActions } from './window-actions'

/** The main window: library / search / codebook on the left, the reader, annotations on the right. */
export function App(): ReactElement {
  const api = useApi()
  const toaster = useToasts()
  const { info, history } = useAppInfo(toaster)
  const { articles, error: libraryError, byId } = useLibrary()
  const codebook = useCodebook()
  const prefs = usePreferences()
  const reader = useReaderSession('lastArticle', toaster, history.undo)
  // The comparison's right-hand report is a second reader session, not a copy of the first.
  const other = useReaderSession('compareArticle', toaster, history.undo)
  const [comparing, setComparing] = usePersistentState('comparing', false)
  const comparison = useComparison(comparing ? reader.selectedId : null, comparing ? other.selectedId : null)
  const find = useFind(reader.article?.text ?? '')
  // The search tab reopens after a reload; so does its query.
  const [query, setQuery] = usePersistentState('searchQuery', '')
  const [overlay, setOverlay] = useState<'help' | 'metadata' | 'export' | null>(null)
  const [findOpen, setFindOpen] = useState(false)
  const [dragging, setDragging] = useState(false)
  const searchRef = useRef<HTMLInputElement>(null)
  const findRef = useRef<HTMLInputElement>(null)
  const importFiles = useImport(toaster, articles, reader.open)

  const compareWith = (id: string): void => {
    if (id === reader.selectedId) return toaster.toast('info', 'Choose a different article to compare with the open one.')
    other.open(id)
    setComparing(true)
  }
  const toggleCompare = (): void => {
    if (comparing) return setComparing(false)
    // Reopen the last pair, or pair the open article with the newest other one.
    if (!other.selectedId || other.selectedId === reader.selectedId || !byId.has(other.selectedId)) {
      const candidate = articles?.filter((a) => a.id !== reader.selectedId && a.readable).sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''))[0]
      if (!candidate) return toaster.toast('info', 'Add a second article to the library to compare two reports.')
      other.open(candidate.id)
    }
    setComparing(true)
  }
  const swap = (): void => {
    const l = reader.selectedId
    reader.open(other.selectedId)
    other.open(l)
  }

  useEffect(() => {
    if (prefs.theme === 'system') delete document.documentElement.dataset.theme
    else document.documentElement.dataset.theme = prefs.theme
  }, [prefs.theme])

  // Once the library is first listed: open the last-open article, or the newest one if that file
  // is gone. A file removed later, while open, stays selected so the reader can say what happened.
  const libraryListed = useRef(false)
  useEffect(() => {
    if (!articles || libraryListed.current) return
    libraryListed.current = true
    if (reader.selectedId && byId.has(reader.selectedId)) return
    reader.open(articles.length ? articles.reduce((newest, a) => ((a.date ?? '') > (newest.date ?? '') ? a : newest)).id : null)
  }, [articles]) // eslint-disable-line react-hooks/exhaustive-deps

  useShortcuts(
    () =>
      windowActions({
        // Read at key time: a ref read while rendering could name the reader that had the selection before.
        reader: () => (comparing && other.hasSelection() ? other : reader),
        toggleCompare,
        showExport: () => setOverlay('export'),
        prefs,
        history,
        find,
        showHelp: () => setOverlay('help'),
        closeOverlays: () => setOverlay(null),
        openFind: () => setFindOpen(true),
        selectFind: () => findRef.current?.select(),
        focusSearch: () => searchRef.current?.focus(),
      }),
    () => reader.hasSelection() || (comparing && other.hasSelection()),
  )

  const activeSummary = reader.selectedId ? byId.get(reader.selectedId) : undefined
  const columns = [prefs.panes.left ? 'minmax(16rem, 22rem)' : '', 'minmax(0, 1fr)', prefs.panes.right ? (comparing ? 'minmax(18rem, 26rem)' : 'minmax(15rem, 21rem)') : ''].filter(Boolean).join(' ')

  return (
    <div
      className="app"
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes(ARTICLE_DRAG_TYPE)) e.preventDefault()
        else if (e.dataTransfer.types.includes('Files')) {
          e.preventDefault()
          setDragging(true)
        }
      }}
      onDragLeave={(e) => e.currentTarget === e.target && setDragging(false)}
      onDrop={(e) => {
        e.preventDefault()
        setDragging(false)
        const dragged = e.dataTransfer.getData(ARTICLE_DRAG_TYPE)
        if (dragged) compareWith(dragged)
        else if (e.dataTransfer.files.length) void importFiles([...e.dataTransfer.files], e.dataTransfer.items)
      }}
    >
      <TopBar
        prefs={prefs}
        history={history}
        comparing={comparing}
        onCompare={toggleCompare}
        onExport={() => setOverlay('export')}
        query={query}
        searchRef={searchRef}
        onQuery={(q) => (setQuery(q), prefs.showLeft('search'))}
        onImport={(files) => void importFiles(files)}
        onHelp={() => setOverlay('help')}
      />
      <main className="workspace" style={{ gridTemplateColumns: columns }}>
        <div className="left" hidden={!prefs.panes.left}>
          {prefs.leftTab === 'library' && (
            <LibraryPane
              articles={articles}
              error={libraryError}
              watch={info?.watch}
              tags={codebook.byId}
              selectedId={comparing ? other.selectedId : reader.selectedId}
              onOpen={(id) => (comparing ? id !== reader.selectedId && other.open(id) : reader.open(id))}
              onCompare={compareWith}
              onImport={chooseFilesToImport}
            />
          )}
          {prefs.leftTab === 'search' && (
            <section className="pane" aria-label="Search">
              <SearchPanel query={query} onOpen={reader.open} />
            </section>
          )}
          {prefs.leftTab === 'codebook' && (
            <CodebookPanel
              tags={codebook.tags}
              onError={(m) => toaster.toast('error', m)}
              onOpenPassage={(p) =>
                reader.open(
                  p.articleId,
                  p.highlightId ? undefined : p.anchor.start !== undefined && p.anchor.end !== undefined ? { start: p.anchor.start, end: p.anchor.end } : undefined,
                  p.highlightId ?? undefined,
                )
              }
            />
          )}
        </div>
        {comparing ? (
          <CompareView
            left={reader}
            right={other}
            comparison={comparison.state}
            fontSize={prefs.fontSize}
            showPanel={prefs.panes.right}
            toaster={toaster}
            codebook={codebook}
            onSwap={swap}
            onClose={(side) => {
              if (side === 'left') reader.open(other.selectedId)
              setComparing(false)
            }}
          />
        ) : (
          <>
            <ReaderPane
              session={reader}
              instanceId="main"
              label="Reader"
              fontSize={prefs.fontSize}
              hasArticles={!!articles?.length}
              find={{ open: findOpen, state: find, inputRef: findRef, close: () => (setFindOpen(false), find.setQuery('')) }}
              onEditMetadata={() => setOverlay('metadata')}
            />
            {reader.article && prefs.panes.right && (
              <AnnotationSidebar
                annotations={reader.annotations}
                onScreen={reader.onScreen}
                activeId={reader.activeHighlight}
                editorFocus={reader.editorFocus}
                tags={codebook.tags}
                tagsById={codebook.byId}
                actions={reader.actions}
              />
            )}
          </>
        )}
      </main>
      <StatusBar info={info} count={articles?.length} />
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          <p>Drop article files or folders to add them to the library</p>
        </div>
      )}
      {overlay === 'help' && <HelpOverlay onClose={() => setOverlay(null)} />}
      {overlay === 'export' && (
        <ExportDialog
          articleId={reader.selectedId}
          comparison={comparing && reader.selectedId && other.selectedId ? { leftId: reader.selectedId, rightId: other.selectedId } : null}
          tags={codebook.tags}
          toaster={toaster}
          onClose={() => setOverlay(null)}
        />
      )}
      {overlay === 'metadata' && activeSummary && (
        <MetadataDialog summary={activeSummary} onClose={() => setOverlay(null)} onSave={async (form) => void (await api.call('article.setMetadata', { id: activeSummary.id, override: form }))} />
      )}
      <Toasts toasts={toaster.toasts} dismiss={toaster.dismiss} />
    </div>
  )
}
