import type { ReactElement, RefObject } from 'react'

/** Find in the open article: matches are painted as highlights, Enter/Shift+Enter step through them. */
export function FindBar(props: {
  query: string
  count: number
  current: number
  inputRef: RefObject<HTMLInputElement | null>
  onQuery: (q: string) => void
  onStep: (d: 1 | -1) => void
  onClose: () => void
}): ReactElement {
  return (
    <div className="find-bar" role="search" aria-label="Find in article">
      <input
        ref={props.inputRef}
        autoFocus
        aria-label="Find in article"
        placeholder="Find in article"
        value={props.query}
        onChange={(e) => props.onQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault()
            props.onStep(e.shiftKey ? -1 : 1)
          }
          if (e.key === 'Escape') props.onClose()
        }}
      />
      <span className="find-count" aria-live="polite">
        {props.query ? (props.count ? `${props.current + 1} of ${props.count}` : 'No matches') : ''}
      </span>
      <button type="button" aria-label="Previous match" onClick={() => props.onStep(-1)} disabled={!props.count}>
        ↑
      </button>
      <button type="button" aria-label="Next match" onClick={() => props.onStep(1)} disabled={!props.count}>
        ↓
      </button>
      <button type="button" aria-label="Close find" onClick={props.onClose}>
        ×
      </button>
    </div>
  )
}
