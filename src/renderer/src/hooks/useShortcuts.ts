import { useEffect, useRef } from 'react'
import { shortcutFor } from '../keymap'

/** What each shortcut id does in this window; an id without an action is left alone. */
export type ShortcutActions = Partial<Record<string, (e: KeyboardEvent) => void>>

/**
 * Binds the window's keys to the keymap: window-wide shortcuts always, selection shortcuts
 * when `hasSelection()` says a passage is selected. Actions are read at key time, so callers
 * may pass a fresh object every render.
 */
export function useShortcuts(actions: ShortcutActions, hasSelection: () => boolean): void {
  const current = useRef({ actions, hasSelection })
  current.current = { actions, hasSelection }
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const { actions: run, hasSelection: selected } = current.current
      const shortcut = shortcutFor(e, selected() ? ['window', 'selection'] : ['window'])
      const action = shortcut && run[shortcut.id]
      if (action) action(e)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}
