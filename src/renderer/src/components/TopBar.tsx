import { useRef, type ReactElement, type RefObject } from 'react'
import type { UndoState } from '../hooks/useAppInfo'
import type { LeftTab, Preferences, Theme } from '../hooks/usePreferences'

const TABS: Array<[LeftTab, string]> = [
  ['library', 'Library'],
  ['search', 'Search'],
  ['codebook', 'Codebook'],
]

/** The window's top bar: panels, global search, import, undo/redo, layout and theme. */
export function TopBar({
  prefs,
  history,
  comparing,
  onCompare,
  onExport,
  query,
  searchRef,
  onQuery,
  onImport,
  onHelp,
}: {
  prefs: Preferences
  history: UndoState
  comparing: boolean
  onCompare: () => void
  onExport: () => void
  query: string
  searchRef: RefObject<HTMLInputElement | null>
  onQuery: (q: string) => void
  onImport: (files: File[]) => void
  onHelp: () => void
}): ReactElement {
  const fileInputRef = useRef<HTMLInputElement>(null)
  return (
    <header className="topbar">
      <span className="brand" aria-label="Parallax">
        Parallax
      </span>
      <nav className="tabs" role="tablist" aria-label="Left panel">
        {TABS.map(([t, label]) => (
          <button key={t} type="button" role="tab" aria-selected={prefs.leftTab === t} className={prefs.leftTab === t ? 'is-on' : ''} onClick={() => prefs.showLeft(t)}>
            {label}
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
        onChange={(e) => onQuery(e.target.value)}
      />
      <div className="topbar-actions">
        <button type="button" aria-pressed={comparing} title="Compare two reports side by side ( \\ )" onClick={onCompare}>
          {comparing ? 'Close comparison' : 'Compare…'}
        </button>
        <button type="button" onClick={() => fileInputRef.current?.click()}>
          Import files…
        </button>
        <button type="button" title="Export annotated notes, or import annotations ( E )" onClick={onExport}>
          Export…
        </button>
        <input
          ref={fileInputRef}
          id="import-files-input"
          type="file"
          multiple
          hidden
          accept=".txt,.md,.markdown,.html,.htm"
          aria-label="Choose files to import"
          onChange={(e) => {
            if (e.target.files) onImport([...e.target.files])
            e.target.value = ''
          }}
        />
        <button
          type="button"
          aria-label={history.canUndo ? `Undo ${history.canUndo}` : 'Undo'}
          title={history.canUndo ? `Undo ${history.canUndo} (Ctrl+Z)` : 'Nothing to undo'}
          disabled={!history.canUndo}
          onClick={history.undo}
        >
          ↶
        </button>
        <button
          type="button"
          aria-label={history.canRedo ? `Redo ${history.canRedo}` : 'Redo'}
          title={history.canRedo ? `Redo ${history.canRedo} (Ctrl+Shift+Z)` : 'Nothing to redo'}
          disabled={!history.canRedo}
          onClick={history.redo}
        >
          ↷
        </button>
        <button type="button" aria-label="Show the left panel" aria-pressed={prefs.panes.left} title="Left panel ( [ )" onClick={() => prefs.togglePane('left')}>
          ◧
        </button>
        <button type="button" aria-label="Show the annotations panel" aria-pressed={prefs.panes.right} title="Annotations panel ( ] )" onClick={() => prefs.togglePane('right')}>
          ◨
        </button>
        <button type="button" aria-label="Smaller text" onClick={() => prefs.stepFontSize(-1)}>
          A−
        </button>
        <button type="button" aria-label="Larger text" onClick={() => prefs.stepFontSize(1)}>
          A+
        </button>
        <select aria-label="Theme" value={prefs.theme} onChange={(e) => prefs.setTheme(e.target.value as Theme)}>
          <option value="system">System theme</option>
          <option value="light">Light</option>
          <option value="dark">Dark</option>
        </select>
        <button type="button" aria-label="Keyboard shortcuts" onClick={onHelp}>
          ?
        </button>
      </div>
    </header>
  )
}

/** Opens the hidden file chooser of the top bar (the library's empty state offers it too). */
export function chooseFilesToImport(): void {
  document.getElementById('import-files-input')?.click()
}
