import { useState } from 'react'
import type { Span } from '@core/compare/types'
import type { ReaderSession } from './useReaderSession'

/**
 * The passage last selected in a reader, kept after the browser's one selection moves to the
 * other pane (so "Link by hand" can use a passage from each side). Forgotten when the reader
 * opens another article, or when `clear` is called.
 */
export function usePinnedSelection(session: ReaderSession): [Span | undefined, () => void] {
  const [pinned, setPinned] = useState<{ articleId: string; span: Span } | null>(null)
  const [seen, setSeen] = useState(session.selection)
  // Adjusting state while rendering (React's pattern for state derived from a changing value).
  if (seen !== session.selection) {
    setSeen(session.selection)
    const s = session.selection
    if (s && session.article) setPinned({ articleId: session.article.summary.id, span: { start: s.start, end: s.end, text: session.article.text.slice(s.start, s.end) } })
  }
  const span = pinned && pinned.articleId === session.selectedId ? pinned.span : undefined
  return [span, () => setPinned(null)]
}
