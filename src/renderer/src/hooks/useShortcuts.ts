import { useEffect, useEffectEvent } from 'react'
import { shortcutFor } from '../keymap'

/** What each shortcut id does in this window; an id without an action is left alone. */
export type ShortcutActions = Partial<Record<string, (e: KeyboardEvent) => void>>

/**
 * Binds the window's keys to the keymap: window-wide shortcuts always, selection shortcuts
 * when `hasSelection()` says a passage is selected. Actions are made at key time (they may
 * read refs), from the latest render's closure.
 */
export function useShortcuts(actions: () => ShortcutActions, hasSelection: () => boolean): void {
  const onKey = useEffectEvent((e: KeyboardEvent): void => {
    const shortcut = shortcutFor(e, hasSelection() ? ['window', 'selection'] : ['window'])
    const action = shortcut && actions()[shortcut.id]
    if (action) action(e)
  })
  useEffect(() => {
    const listener = (e: KeyboardEvent): void => onKey(e)
    window.addEventListener('keydown', listener)
    return () => window.removeEventListener('keydown', listener)
  }, [])
}
