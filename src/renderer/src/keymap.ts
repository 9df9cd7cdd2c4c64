import type { HighlightColour } from '@core/annotations/model'
import { COLOURS } from './components/colours'

const MOD = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform) ? '⌘' : 'Ctrl'

/** Where a shortcut acts: anywhere in the window, on a text selection, or in the library list. */
export type ShortcutScope = 'window' | 'selection' | 'list'

export interface Shortcut {
  id: string
  /** As shown in the help overlay. */
  keys: string
  description: string
  scope: ShortcutScope
  /** Also while typing in a field (find and search still work from the search box). */
  whileTyping?: boolean
  match: (e: KeyboardEvent) => boolean
}

const mod = (e: KeyboardEvent): boolean => e.ctrlKey || e.metaKey
const plain = (e: KeyboardEvent): boolean => !mod(e) && !e.altKey
const key =
  (...keys: string[]) =>
  (e: KeyboardEvent): boolean =>
    plain(e) && keys.includes(e.key)
const modKey =
  (k: string, shift = false) =>
  (e: KeyboardEvent): boolean =>
    mod(e) && !e.altKey && e.shiftKey === shift && e.key.toLowerCase() === k

/**
 * Every keyboard shortcut, once. The window's key handler and the list's are driven by this
 * table, and the help overlay (`?`) is generated from it, so help shows exactly what works.
 */
export const SHORTCUTS: Shortcut[] = [
  { id: 'search', keys: `/ or ${MOD}+K`, description: 'Search the library', scope: 'window', whileTyping: true, match: (e) => modKey('k')(e) || key('/')(e) },
  { id: 'find', keys: `${MOD}+F`, description: 'Find in this article', scope: 'window', whileTyping: true, match: modKey('f') },
  { id: 'list.next', keys: '↓ or J', description: 'Next article (in the list)', scope: 'list', match: key('ArrowDown', 'j') },
  { id: 'list.previous', keys: '↑ or K', description: 'Previous article (in the list)', scope: 'list', match: key('ArrowUp', 'k') },
  { id: 'list.pageDown', keys: 'PgDn', description: 'A page down (in the list)', scope: 'list', match: key('PageDown') },
  { id: 'list.pageUp', keys: 'PgUp', description: 'A page up (in the list)', scope: 'list', match: key('PageUp') },
  { id: 'list.first', keys: 'Home', description: 'First article (in the list)', scope: 'list', match: key('Home') },
  { id: 'list.last', keys: 'End', description: 'Last article (in the list)', scope: 'list', match: key('End') },
  ...COLOURS.map((colour, i): Shortcut => ({ id: `highlight.${colour}`, keys: String(i + 1), description: `Highlight the selection ${colour}`, scope: 'selection', match: key(String(i + 1)) })),
  { id: 'highlight', keys: 'H', description: 'Highlight the selection (yellow)', scope: 'selection', match: key('h') },
  { id: 'highlight.tag', keys: 'T', description: 'Highlight and tag the selection', scope: 'selection', match: key('t') },
  { id: 'highlight.note', keys: 'N', description: 'Highlight and add a note', scope: 'selection', match: key('n') },
  { id: 'select.next', keys: 'S', description: 'Select the next sentence (the first in view when nothing is selected)', scope: 'window', match: key('s') },
  { id: 'select.previous', keys: 'Shift+S', description: 'Select the previous sentence', scope: 'window', match: key('S') },
  { id: 'select.extend', keys: 'X / Shift+X', description: 'Grow / shrink the selection by a sentence', scope: 'window', match: key('x', 'X') },
  { id: 'select.word', keys: 'W / Shift+W', description: 'Grow / shrink the selection by a word', scope: 'window', match: key('w', 'W') },
  { id: 'highlight.delete', keys: 'Delete', description: 'Delete the selected highlight', scope: 'window', match: key('Delete', 'Backspace') },
  { id: 'undo', keys: `${MOD}+Z`, description: 'Undo', scope: 'window', match: modKey('z') },
  { id: 'redo', keys: `${MOD}+Shift+Z or ${MOD}+Y`, description: 'Redo', scope: 'window', match: (e) => modKey('z', true)(e) || modKey('y')(e) },
  { id: 'text.larger', keys: '+', description: 'Larger text', scope: 'window', match: key('+', '=') },
  { id: 'text.smaller', keys: '−', description: 'Smaller text', scope: 'window', match: key('-') },
  { id: 'pane.left', keys: '[', description: 'Hide or show the left panel', scope: 'window', match: key('[') },
  { id: 'pane.right', keys: ']', description: 'Hide or show the annotations panel', scope: 'window', match: key(']') },
  { id: 'compare.toggle', keys: '\\', description: 'Compare side by side (reopens the last pair; the list then picks the right-hand report)', scope: 'window', match: key('\\') },
  { id: 'export', keys: 'E', description: 'Export annotated notes (or import annotations)', scope: 'window', match: key('e') },
  { id: 'escape', keys: 'Esc', description: 'Close panels, clear the selection', scope: 'window', whileTyping: true, match: (e) => e.key === 'Escape' },
  { id: 'help', keys: '?', description: 'Show this help', scope: 'window', match: (e) => !mod(e) && e.key === '?' },
]

/** Shortcuts of the find bar, shown in help; the find field handles them itself. */
export const FIND_KEYS: Array<[string, string]> = [
  ['Enter / Shift+Enter', 'Next / previous match (in find)'],
  ['Alt+Enter', 'Select the current match, to highlight it (in find)'],
  ['Tab to the article, then ↑ ↓ PgUp PgDn Space', 'Scroll the article from the keyboard'],
  ['Shift+click or drag a row onto the reader', 'Compare that article with the open one'],
  ['J / K (comparing)', 'Next / previous link between the two reports'],
]

/** The colour a `highlight.<colour>` shortcut applies. */
export function colourOf(id: string): HighlightColour | undefined {
  const c = id.startsWith('highlight.') ? id.slice('highlight.'.length) : ''
  return (COLOURS as readonly string[]).includes(c) ? (c as HighlightColour) : undefined
}

export const isTyping = (t: EventTarget | null): boolean => t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName))

/** The shortcut of `scopes` a key press means, if any. */
export function shortcutFor(e: KeyboardEvent, scopes: ShortcutScope[]): Shortcut | undefined {
  const typing = isTyping(e.target)
  return SHORTCUTS.find((s) => scopes.includes(s.scope) && (!typing || s.whileTyping) && s.match(e))
}
