import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useRef, useState, type ReactElement, type RefObject } from 'react'
import type { AnchoredHighlight } from '@shared/types'
import { layoutFreeSizing } from './layout-free-sizing'

/** What a virtualised row needs on its element (to be measured); empty otherwise. */
export interface CardAttrs {
  ref?: (el: Element | null) => void
  index?: number
}

/** Above this many highlights the list renders only the cards near the viewport. */
const VIRTUAL_FROM = 80

/**
 * The sidebar's list of highlight cards. A long list (an article coded line by line can carry a
 * thousand highlights) is virtualised inside the sidebar's own scroll, so opening such an article
 * lays out a screenful of cards, not all of them; the active card is scrolled into view.
 */
export function AnnotationList(props: {
  items: AnchoredHighlight[]
  activeId: string | null
  scrollRef: RefObject<HTMLElement | null>
  render: (h: AnchoredHighlight, attrs: CardAttrs) => ReactElement
}): ReactElement {
  const { items, activeId, scrollRef, render } = props
  if (items.length < VIRTUAL_FROM) return <ol className="annotation-list">{items.map((h) => render(h, {}))}</ol>
  return <VirtualList items={items} activeId={activeId} scrollRef={scrollRef} render={render} />
}

/** Where the list last started inside the sidebar: the first guess for the next article's list. */
let lastMargin = 0

function VirtualList(props: Parameters<typeof AnnotationList>[0]): ReactElement {
  const { items, activeId, scrollRef, render } = props
  const spacerRef = useRef<HTMLDivElement>(null)
  const [margin, setMargin] = useState(lastMargin)
  // Where the list starts inside the scroller; it moves when the article's tags or note above it
  // grow. Read in ResizeObserver callbacks, right after a layout: read during the commit, it
  // forced a layout of the whole window each time an article opened.
  useEffect(() => {
    const spacer = spacerRef.current
    const scroller = scrollRef.current
    if (!spacer || !scroller) return
    const observer = new ResizeObserver(() => setMargin((lastMargin = spacer.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop)))
    for (const el of scroller.children) observer.observe(el)
    observer.observe(spacer)
    return () => observer.disconnect()
  }, [scrollRef])
  // The app is not built with the React Compiler; the virtualizer is a fresh read each render by design.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count: items.length, getScrollElement: () => scrollRef.current, overscan: 6, scrollMargin: margin, gap: 8, ...layoutFreeSizing<HTMLElement>(92) })
  const activeIndex = activeId ? items.findIndex((h) => h.id === activeId) : -1
  useEffect(() => {
    if (activeIndex >= 0) virtualizer.scrollToIndex(activeIndex, { align: 'auto' })
  }, [activeIndex, virtualizer])
  const rows = virtualizer.getVirtualItems()
  return (
    <div ref={spacerRef} style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
      <ol className="annotation-list" style={{ transform: `translateY(${rows[0] ? rows[0].start - margin : 0}px)` }}>
        {rows.map((row) => {
          const item = items[row.index]
          return item === undefined ? null : render(item, { ref: virtualizer.measureElement, index: row.index })
        })}
      </ol>
    </div>
  )
}
