import { useCallback } from 'react'
import { usePersistentState } from './usePersistentState'

export type LeftTab = 'library' | 'search' | 'codebook'
export type Theme = 'system' | 'light' | 'dark'

export interface Preferences {
  leftTab: LeftTab
  fontSize: number
  theme: Theme
  panes: { left: boolean; right: boolean }
  showLeft: (tab: LeftTab) => void
  togglePane: (side: 'left' | 'right') => void
  setTheme: (theme: Theme) => void
  /** +1 larger, −1 smaller, within 13–28 px. */
  stepFontSize: (step: 1 | -1) => void
}

/** The window's layout and reading preferences, remembered across restarts. */
export function usePreferences(): Preferences {
  const [leftTab, setLeftTab] = usePersistentState<LeftTab>('leftTab', 'library')
  const [fontSize, setFontSize] = usePersistentState('fontSize', 18)
  const [theme, setTheme] = usePersistentState<Theme>('theme', 'system')
  // Either side pane can be hidden to read with the whole window.
  const [panes, setPanes] = usePersistentState<{ left: boolean; right: boolean }>('panes', { left: true, right: true })
  const showLeft = useCallback(
    (tab: LeftTab) => {
      setLeftTab(tab)
      setPanes((p) => (p.left ? p : { ...p, left: true }))
    },
    [setLeftTab, setPanes],
  )
  const togglePane = useCallback((side: 'left' | 'right') => setPanes((p) => ({ ...p, [side]: !p[side] })), [setPanes])
  const stepFontSize = useCallback((step: 1 | -1) => setFontSize((s) => Math.min(28, Math.max(13, s + step))), [setFontSize])
  return { leftTab, fontSize, theme, panes, showLeft, togglePane, setTheme, stepFontSize }
}
