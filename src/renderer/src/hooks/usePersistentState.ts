import { useEffect, useState } from 'react'
import { getPref, setPref } from '../prefs'

/** useState that survives restarts (layout, last-open article, theme, font size, sort order). */
export function usePersistentState<T>(key: string, initial: T): [T, (v: T | ((p: T) => T)) => void] {
  const [value, setValue] = useState<T>(() => getPref(key, initial))
  useEffect(() => setPref(key, value), [key, value])
  return [value, setValue]
}
