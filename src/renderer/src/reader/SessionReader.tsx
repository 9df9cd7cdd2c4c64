import type { ReactElement } from 'react'
import { SelectionToolbar } from '../components/SelectionToolbar'
import type { ReaderSession } from '../hooks/useReaderSession'
import { Reader, type ReaderProps } from './Reader'

/**
 * A reader bound to a reader session: the article, its highlights, selection and active
 * highlight come from the session, and a selection offers the highlight toolbar. The single
 * reader and both sides of the comparison are this component.
 */
export function SessionReader(
  props: { session: ReaderSession; instanceId: string; fontSize: number } & Pick<ReaderProps, 'marks' | 'onScroll' | 'findMatches' | 'findCurrent' | 'onEditMetadata'>,
): ReactElement | null {
  const { session, instanceId, fontSize, ...extra } = props
  if (!session.article) return null
  return (
    <>
      <Reader
        ref={session.readerRef}
        instanceId={instanceId}
        article={session.article}
        highlights={session.highlights}
        pending={session.pendingHighlight}
        activeHighlightId={session.activeHighlight}
        fontSize={fontSize}
        onSelectionChange={session.setSelection}
        onVisibleRangeChange={session.onVisibleRangeChange}
        onHighlightClick={session.onHighlightClick}
        {...extra}
      />
      {session.selection && (
        <SelectionToolbar
          rect={session.selection.rect}
          onHighlight={(c) => void session.highlightSelection(c)}
          onTag={() => void session.highlightSelection('yellow', 'tag')}
          onNote={() => void session.highlightSelection('yellow', 'note')}
        />
      )}
    </>
  )
}
