import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useLayoutEffect, useRef, useState, type ReactElement, type RefObject } from 'react'
import type { AnchoredHighlight } from '../../../shared/types'

/** What a virtualised row needs on its element (measuring and positioning); empty otherwise. */
export interface CardAttrs {
  ref?: (el: Element | null) => void
  index?: number
  style?: React.CSSProperties
}

/** Above this many highlights the list renders only the cards near the viewport. */
const VIRTUAL_FROM = 80

/**
 * The sidebar's list of highlight cards. A long list (an article coded line by line can carry a
 * thousand highlights) is virtualised inside the sidebar's own scroll, so opening such an article
 * lays out a screenful of cards, not all of them; the active card is scrolled into view.
 */
export function AnnotationList(props: { items: AnchoredHighlight[]; activeId: string | null; scrollRef: RefObject<HTMLElement | null>; render: (h: AnchoredHighlight, attrs: CardAttrs) => ReactElement }): ReactElement {
  const { items, activeId, scrollRef, render } = props
  if (items.length < VIRTUAL_FROM) return <ol className="annotation-list">{items.map((h) => render(h, {}))}</ol>
  return <VirtualList items={items} activeId={activeId} scrollRef={scrollRef} render={render} />
}

function VirtualList(props: Parameters<typeof AnnotationList>[0]): ReactElement {
  const { items, activeId, scrollRef, render } = props
  const listRef = useRef<HTMLOListElement>(null)
  const [margin, setMargin] = useState(0)
  // Where the list starts inside the scroller; it moves when the article's tags or note above it grow.
  useLayoutEffect(() => {
    const list = listRef.current
    const scroller = scrollRef.current
    if (!list || !scroller) return
    const measure = (): void => setMargin(list.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop)
    measure()
    const observer = new ResizeObserver(measure)
    for (const el of scroller.children) if (!el.contains(list)) observer.observe(el)
    return () => observer.disconnect()
  }, [scrollRef])
  const virtualizer = useVirtualizer({ count: items.length, getScrollElement: () => scrollRef.current, estimateSize: () => 92, overscan: 6, scrollMargin: margin, gap: 8 })
  const activeIndex = activeId ? items.findIndex((h) => h.id === activeId) : -1
  useEffect(() => {
    if (activeIndex >= 0) virtualizer.scrollToIndex(activeIndex, { align: 'auto' })
  }, [activeIndex, virtualizer])
  return (
    <ol className="annotation-list is-virtual" ref={listRef} style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
      {virtualizer.getVirtualItems().map((row) =>
        render(items[row.index], {
          ref: virtualizer.measureElement,
          index: row.index,
          style: { position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${row.start - margin}px)` },
        }),
      )}
    </ol>
  )
}
