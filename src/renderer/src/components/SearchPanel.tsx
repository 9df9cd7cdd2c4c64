import { useEffect, useState, type ReactElement } from 'react'
import type { AnnotationHit, SearchResults } from '@shared/types'
import { useApi } from '../hooks/ApiContext'
import { NoteText } from './NoteText'

/** Full-text search over the library (SQLite FTS5 on the host) and over annotations, as the researcher types. */
export function SearchPanel(props: { query: string; onOpen: (articleId: string, at?: { start: number; end: number }, highlightId?: string) => void }): ReactElement {
  const api = useApi()
  const [results, setResults] = useState<SearchResults | null>(null)
  const [notes, setNotes] = useState<AnnotationHit[]>([])
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    // The trailing space is kept: it tells the host the last word is finished (no longer a prefix).
    const q = props.query.trimStart()
    if (!q.trim()) return
    let cancelled = false
    const timer = window.setTimeout(() => {
      Promise.all([api.call('search.query', { q, limit: 50, asYouType: true }), api.call('search.annotations', { q, asYouType: true })]).then(
        ([r, n]) => {
          if (cancelled) return
          setResults(r)
          setNotes(n)
          setError(null)
        },
        (e: Error) => !cancelled && setError(e.message),
      )
    }, 120)
    return () => {
      cancelled = true
      window.clearTimeout(timer)
    }
  }, [api, props.query])

  if (!props.query.trim()) return <p className="empty-state">Type in the search box to search every article and annotation. Use "quotes" for an exact phrase.</p>
  if (error) return <p className="error-state">{error}</p>
  if (!results) return <p className="pane-count">Searching…</p>
  return (
    <div className="search-results" role="region" aria-label="Search results">
      <p className="pane-count" aria-live="polite">
        {results.hits.length === 0 ? 'No articles match.' : `${results.total.toLocaleString()} article${results.total === 1 ? '' : 's'}`}
        {!results.indexReady && ' (the index is still being built)'}
      </p>
      <ol className="hit-list">
        {results.hits.map((hit) => (
          <li key={hit.articleId}>
            <button
              type="button"
              className="hit"
              onClick={() => props.onOpen(hit.articleId, hit.firstMatch !== undefined ? { start: hit.firstMatch, end: hit.firstMatch + (hit.terms[0]?.length ?? 1) } : undefined)}
            >
              <span className="hit-title">{hit.title}</span>
              <span className="hit-snippet">{renderMarked(hit.snippet.text, hit.snippet.marks)}</span>
            </button>
          </li>
        ))}
      </ol>
      {notes.length > 0 && (
        <>
          <h2 className="section-title">In annotations ({notes.length})</h2>
          <ol className="hit-list">
            {notes.map((n, i) => (
              <li key={`${n.highlightId ?? n.articleId}-${i}`}>
                <button type="button" className="hit" onClick={() => props.onOpen(n.articleId, undefined, n.highlightId ?? undefined)}>
                  <span className="hit-title">{n.articleTitle}</span>
                  {n.quote && <span className="hit-snippet">“{n.quote}”</span>}
                  {n.note && <NoteText text={n.note} />}
                  {n.tagNames.length > 0 && <span className="muted small">{n.tagNames.join(', ')}</span>}
                </button>
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  )
}

function renderMarked(text: string, marks: Array<[number, number]>): ReactElement[] {
  const out: ReactElement[] = []
  let at = 0
  marks.forEach(([s, e], i) => {
    if (s < at) return
    out.push(<span key={`t${i}`}>{text.slice(at, s)}</span>, <mark key={`m${i}`}>{text.slice(s, e)}</mark>)
    at = e
  })
  out.push(<span key="rest">{text.slice(at)}</span>)
  return out
}
