import { useEffect, useState } from 'react'

/** useState that survives restarts (layout, last-open article, theme, font size). */
export function usePersistentState<T>(key: string, initial: T): [T, (v: T | ((p: T) => T)) => void] {
  const [value, setValue] = useState<T>(() => {
    try {
      const raw = localStorage.getItem(`parallax.${key}`)
      return raw === null ? initial : (JSON.parse(raw) as T)
    } catch {
      return initial
    }
  })
  useEffect(() => {
    try {
      localStorage.setItem(`parallax.${key}`, JSON.stringify(value))
    } catch {
      // storage full or disabled: the app still works, it just forgets
    }
  }, [key, value])
  return [value, setValue]
}
