import type { ReactElement, RefObject } from 'react'
import type { useFind } from '../hooks/useFind'
import type { ReaderSession } from '../hooks/useReaderSession'
import { SessionReader } from '../reader/SessionReader'
import { FindBar } from './FindBar'

/** One reader with its find bar, empty and error states, and the selection toolbar. */
export function ReaderPane(props: {
  session: ReaderSession
  instanceId: string
  label: string
  fontSize: number
  hasArticles: boolean
  find?: { open: boolean; state: ReturnType<typeof useFind>; inputRef: RefObject<HTMLInputElement | null>; close: () => void }
  onEditMetadata: () => void
}): ReactElement {
  const { session, find } = props
  const { state, article } = session
  return (
    <section className="center" aria-label={props.label}>
      {find?.open && article && (
        <FindBar
          query={find.state.query}
          count={find.state.matches.length}
          current={find.state.current}
          inputRef={find.inputRef}
          onQuery={(q) => find.state.setQuery(q)}
          onStep={(d) => {
            const i = find.state.step(d)
            const m = i === undefined ? undefined : find.state.matches[i]
            if (m) session.reader()?.scrollToPassage(m[0], m[1])
          }}
          onSelect={() => {
            const m = find.state.matches[find.state.current]
            const reader = session.reader()
            if (!m || !reader) return
            // The match becomes the selection; the find bar closes so the highlight keys act on it.
            find.close()
            reader.scroller()?.focus()
            reader.selectSpan(m[0], m[1])
          }}
          onClose={find.close}
        />
      )}
      {state.status === 'none' && <div className="empty-state center-empty">{props.hasArticles ? 'Choose an article from the library.' : 'No article open.'}</div>}
      {state.status === 'loading' && <div className="empty-state center-empty">Opening…</div>}
      {state.status === 'error' && (
        <div className="error-state center-empty" role="alert">
          <p>{state.message}</p>
        </div>
      )}
      {state.status === 'gone' && (
        <div className="error-state center-empty" role="alert">
          <p>This article's file was deleted or moved out of the library folder.</p>
          <p className="muted">Its highlights and notes are kept: put the file back (or a renamed copy) and they return.</p>
        </div>
      )}
      <SessionReader
        session={session}
        instanceId={props.instanceId}
        fontSize={props.fontSize}
        findMatches={find?.open ? find.state.matches : undefined}
        findCurrent={find?.state.current ?? 0}
        onEditMetadata={props.onEditMetadata}
      />
    </section>
  )
}
