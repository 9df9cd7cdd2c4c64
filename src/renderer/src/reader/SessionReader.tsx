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
  const { attachReader, article, selection, highlightSelection } = session
  if (!article) return null
  return (
    <>
      <Reader
        ref={attachReader}
        instanceId={instanceId}
        article={article}
        highlights={session.highlights}
        pending={session.pendingHighlight}
        activeHighlightId={session.activeHighlight}
        fontSize={fontSize}
        onSelectionChange={session.setSelection}
        onVisibleRangeChange={session.onVisibleRangeChange}
        onHighlightClick={session.onHighlightClick}
        {...extra}
      />
      {selection && (
        <SelectionToolbar
          rect={selection.rect}
          onHighlight={(c) => void highlightSelection(c)}
          onTag={() => void highlightSelection('yellow', 'tag')}
          onNote={() => void highlightSelection('yellow', 'note')}
        />
      )}
    </>
  )
}
