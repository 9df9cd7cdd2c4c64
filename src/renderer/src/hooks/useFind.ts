import { useMemo, useState } from 'react'

/** Case-insensitive find in a text; matches as offset pairs and a current index. */
export function useFind(text: string): { query: string; setQuery: (q: string) => void; matches: Array<[number, number]>; current: number; step: (d: 1 | -1) => number | undefined } {
  const [query, setQueryState] = useState('')
  const [current, setCurrent] = useState(0)
  const matches = useMemo(() => {
    const q = query.toLowerCase()
    if (!q) return []
    const lower = text.toLowerCase()
    const out: Array<[number, number]> = []
    for (let i = lower.indexOf(q); i >= 0 && out.length < 5000; i = lower.indexOf(q, i + q.length)) out.push([i, i + q.length])
    return out
  }, [text, query])
  return {
    query,
    setQuery: (q) => (setQueryState(q), setCurrent(0)),
    matches,
    current: Math.min(current, Math.max(0, matches.length - 1)),
    step: (d) => {
      if (!matches.length) return undefined
      const next = (current + d + matches.length) % matches.length
      setCurrent(next)
      return next
    },
  }
}
