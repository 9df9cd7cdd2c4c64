import type { ReactElement, RefObject } from 'react'

/** Find in the open article: matches are painted as highlights, Enter/Shift+Enter step through them. */
export function FindBar({
  query,
  count,
  current,
  inputRef,
  onQuery,
  onStep,
  onSelect,
  onClose,
}: {
  query: string
  count: number
  current: number
  inputRef: RefObject<HTMLInputElement | null>
  onQuery: (q: string) => void
  onStep: (d: 1 | -1) => void
  /** Makes the current match the selection (to highlight it). */
  onSelect: () => void
  onClose: () => void
}): ReactElement {
  return (
    <div className="find-bar" role="search" aria-label="Find in article">
      <input
        ref={inputRef}
        autoFocus
        aria-label="Find in article"
        placeholder="Find in article"
        value={query}
        onChange={(e) => onQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && e.altKey) {
            e.preventDefault()
            onSelect()
          } else if (e.key === 'Enter') {
            e.preventDefault()
            onStep(e.shiftKey ? -1 : 1)
          }
          if (e.key === 'Escape') onClose()
        }}
      />
      <span className="find-count" aria-live="polite">
        {query ? (count ? `${current + 1} of ${count}` : 'No matches') : ''}
      </span>
      <button type="button" aria-label="Previous match" onClick={() => onStep(-1)} disabled={!count}>
        ↑
      </button>
      <button type="button" aria-label="Next match" onClick={() => onStep(1)} disabled={!count}>
        ↓
      </button>
      <button type="button" title="Select this match, to highlight it (Alt+Enter)" onClick={onSelect} disabled={!count}>
        Select
      </button>
      <button type="button" aria-label="Close find" onClick={onClose}>
        ×
      </button>
    </div>
  )
}
