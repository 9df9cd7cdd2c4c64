import type { Rect, Virtualizer } from '@tanstack/react-virtual'

/*
 * Options for @tanstack/react-virtual that never read layout during React's commit. By default
 * the virtualiser reads the scroller's size and each new row's height synchronously, forcing
 * the browser to lay out the whole window inside the commit (20–50 ms when a 10,000-row library
 * or a 1,000-card sidebar first renders). Here both come from ResizeObserver, which reports
 * right after the browser's own layout. Rows must sit in normal flow inside one translated
 * block (not each absolutely placed), so a row not yet measured cannot overlap its neighbours.
 */
export function layoutFreeSizing<S extends Element>(
  estimate: number,
): {
  estimateSize: () => number
  initialRect: Rect
  observeElementRect: (instance: Virtualizer<S, Element>, cb: (rect: Rect) => void) => () => void
  measureElement: (element: Element, entry: ResizeObserverEntry | undefined, instance: Virtualizer<S, Element>) => number
} {
  return {
    estimateSize: () => estimate,
    initialRect: { width: 0, height: window.innerHeight },
    observeElementRect: (instance, cb) => {
      const observer = new ResizeObserver(([entry]) => entry && cb({ width: Math.round(entry.contentRect.width), height: Math.round(entry.contentRect.height) }))
      if (instance.scrollElement) observer.observe(instance.scrollElement)
      return () => observer.disconnect()
    },
    measureElement: (element, entry, instance) => {
      const box = entry?.borderBoxSize?.[0]
      if (box) return Math.round(box.blockSize)
      // Called as a row mounts: keep the size known so far; the observer reports the real one.
      return instance.measurementsCache[instance.indexFromElement(element)]?.size ?? estimate
    },
  }
}
