import { colourOf, isTyping, SHORTCUTS } from './keymap'
import type { UndoState } from './hooks/useAppInfo'
import type { useFind } from './hooks/useFind'
import type { Preferences } from './hooks/usePreferences'
import type { ReaderSession } from './hooks/useReaderSession'
import type { ShortcutActions } from './hooks/useShortcuts'
import { stepSelection, type SelectionStep } from './reader/keyboard-selection'

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
  /** Moves or grows the selection in the reader from the keyboard (no mouse needed to highlight). */
  const select = (step: SelectionStep) => (e: KeyboardEvent) => {
    const reader = w.reader()
    const handle = reader.reader()
    const text = reader.article?.text
    if (!handle || !text) return
    e.preventDefault()
    const current = handle.currentSelection()
    const next = stepSelection(text, current && { start: current.start, end: current.end }, reader.onScreen?.[0] ?? 0, step)
    if (next) handle.selectSpan(next.start, next.end)
  }
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
    'select.next': select('sentence.next'),
    'select.previous': select('sentence.previous'),
    'select.extend': (e) => select(e.shiftKey ? 'sentence.shrink' : 'sentence.extend')(e),
    'select.word': (e) => select(e.shiftKey ? 'word.shrink' : 'word.extend')(e),
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
