import { colourOf, isTyping, SHORTCUTS } from './keymap'
import type { UndoState } from './hooks/useAppInfo'
import type { useFind } from './hooks/useFind'
import type { Preferences } from './hooks/usePreferences'
import type { ReaderSession } from './hooks/useReaderSession'
import type { ShortcutActions } from './hooks/useShortcuts'

/** What each window and selection shortcut of the keymap does in the main window. */
export function windowActions(w: {
  /** The reader a key acts on, decided when the key is pressed (the one holding the selection). */
  reader: () => ReaderSession
  toggleCompare: () => void
  showExport: () => void
  prefs: Preferences
  history: UndoState
  find: ReturnType<typeof useFind>
  showHelp: () => void
  closeOverlays: () => void
  openFind: () => void
  /** Focuses the find box (once it is on screen) and selects its text. */
  selectFind: () => void
  /** Focuses the global search box. */
  focusSearch: () => void
}): ShortcutActions {
  const { prefs, history } = w
  const actions: ShortcutActions = {
    search: (e) => {
      // "/" typed into a field is a slash; Ctrl/⌘+K searches from anywhere.
      if (e.key === '/' && isTyping(e.target)) return
      e.preventDefault()
      prefs.showLeft('search')
      requestAnimationFrame(w.focusSearch)
    },
    find: (e) => {
      e.preventDefault()
      w.openFind()
      requestAnimationFrame(w.selectFind)
    },
    escape: (e) => {
      w.closeOverlays()
      w.reader().clearActive()
      if (!isTyping(e.target)) window.getSelection()?.removeAllRanges()
    },
    undo: (e) => (e.preventDefault(), history.undo()),
    redo: (e) => (e.preventDefault(), history.redo()),
    help: () => w.showHelp(),
    'compare.toggle': () => w.toggleCompare(),
    export: () => w.showExport(),
    'pane.left': () => prefs.togglePane('left'),
    'pane.right': () => prefs.togglePane('right'),
    'text.larger': () => prefs.stepFontSize(1),
    'text.smaller': () => prefs.stepFontSize(-1),
    highlight: () => void w.reader().highlightSelection('yellow'),
    'highlight.tag': (e) => (e.preventDefault(), void w.reader().highlightSelection('yellow', 'tag')),
    'highlight.note': (e) => (e.preventDefault(), void w.reader().highlightSelection('yellow', 'note')),
    'highlight.delete': () => {
      const reader = w.reader()
      if (reader.activeHighlight) reader.actions.remove(reader.activeHighlight)
    },
  }
  for (const s of SHORTCUTS) {
    const colour = colourOf(s.id)
    if (colour) actions[s.id] = () => void w.reader().highlightSelection(colour)
  }
  return actions
}
