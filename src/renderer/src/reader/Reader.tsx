import { forwardRef, useCallback, useEffect, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState, type ReactElement } from 'react'
import type { AnchoredHighlight, ArticleView } from '@shared/types'
import { overlapSegments } from '@core/anchoring/overlaps'
import { ArticleHeader } from './ArticleHeader'
import { clearHighlightSlot, setHighlightSlot } from './highlight-registry'
import { TextOffsets } from './text-offsets'

export interface TextSelectionInfo {
  start: number
  end: number
  rect: DOMRect
}

/** Two titles that differ only in case, spacing or punctuation. */
const sameWords = (a: string, b: string): boolean =>
  a
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim() ===
  b
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()

/** Paragraphs past which a text is long enough to lay them out only as they come near (a book, not a report). */
const LONG_TEXT_BLOCKS = 400

/** Where each article was left, by reader and article, for this window's session. */
const readingPlaces = new Map<string, number>()

export interface ReaderHandle {
  /** Scrolls a passage into view and optionally flashes it (comparison links, search hits, sidebar). */
  scrollToPassage(start: number, end: number, options?: { flash?: boolean }): void
  /** Text offsets of the current selection inside the article, if any. */
  currentSelection(): TextSelectionInfo | undefined
  /** Where a passage is on screen now (for the comparison gutter); undefined when not laid out. */
  passageRect(start: number, end: number): DOMRect | undefined
  /** Selects a passage (keyboard selection, a find match) and brings it into view if it is not. */
  selectSpan(start: number, end: number): void
  /** The scrolling element, for linked scrolling. */
  scroller(): HTMLElement | null
}

export interface ReaderProps {
  /** Unique per reader on screen; two readers side by side need two ids. */
  instanceId: string
  article: ArticleView
  highlights: AnchoredHighlight[]
  activeHighlightId?: string | null
  fontSize: number
  /** A highlight being saved: painted at once, before the host acknowledges it. */
  pending?: { start: number; end: number; colour: string } | null
  findMatches?: Array<[number, number]>
  findCurrent?: number
  onSelectionChange?: (selection: TextSelectionInfo | undefined) => void
  onHighlightClick?: (highlightIds: string[], rect: DOMRect) => void
  /** Reports the text range currently on screen, for linked scrolling and "what is visible". */
  onVisibleRangeChange?: (range: [number, number]) => void
  onEditMetadata?: () => void
  /** Extra painted ranges by highlight name (the comparison view's links and "only here" tint). */
  marks?: Array<{ name: string; start: number; end: number }>
  onScroll?: () => void
}

/**
 * Shows one article: header, blocks of text, highlights and find matches painted with the CSS
 * Custom Highlight API. A component, not a page: the comparison view mounts two of them.
 */
export const Reader = forwardRef<ReaderHandle, ReaderProps>(function Reader(props, ref): ReactElement {
  const { instanceId, article, highlights, activeHighlightId, fontSize, findMatches, findCurrent, pending } = props
  const bodyRef = useRef<HTMLDivElement>(null)
  const scrollRef = useRef<HTMLDivElement>(null)
  const [flash, setFlash] = useState<{ start: number; end: number } | null>(null)
  const offsets = useMemo(() => {
    // Every block element found in one query, not one query per highlight end (2,000 for 1,000
    // highlights). Kept only once the body shows all the blocks.
    let elements: HTMLElement[] | undefined
    const elementOf = (i: number): HTMLElement | null => {
      if (!elements) {
        const found: HTMLElement[] = []
        for (const el of bodyRef.current?.querySelectorAll<HTMLElement>('[data-block]') ?? []) found[Number(el.dataset.block)] = el
        if (found.length !== article.blocks.length) return found[i] ?? null
        elements = found
      }
      return elements[i] ?? null
    }
    return new TextOffsets(article.blocks, elementOf)
  }, [article.blocks])

  // Paint highlights, the active one, find matches and the flash.
  useEffect(() => {
    const groups = new Map<string, AbstractRange[]>()
    const add = (name: string, start: number, end: number): void => {
      const range = offsets.toStaticRange(start, end)
      if (!range) return
      const group = groups.get(name)
      if (group) group.push(range)
      else groups.set(name, [range])
    }
    for (const h of highlights) {
      if (h.anchor.start === undefined || h.anchor.end === undefined) continue
      add(`pl-${h.colour}`, h.anchor.start, h.anchor.end)
      if (h.id === activeHighlightId) add('pl-active', h.anchor.start, h.anchor.end)
    }
    if (pending) add(`pl-${pending.colour}`, pending.start, pending.end)
    const placed = highlights.filter((h) => h.anchor.start !== undefined).map((h) => ({ start: h.anchor.start!, end: h.anchor.end! }))
    for (const [s, e] of overlapSegments(placed)) add('pl-overlap', s, e)
    findMatches?.forEach(([s, e], i) => add(i === findCurrent ? 'pl-find-current' : 'pl-find', s, e))
    if (flash) add('pl-flash', flash.start, flash.end)
    for (const m of props.marks ?? []) add(m.name, m.start, m.end)
    setHighlightSlot(instanceId, groups)
    // A User Timing mark lets performance traces (and `npm run bench`) see when highlights are on screen.
    performance.clearMarks('parallax:painted')
    performance.mark('parallax:painted', { detail: { reader: instanceId, articleId: article.summary.id, highlights: highlights.length + (pending ? 1 : 0) } })
  }, [instanceId, offsets, highlights, pending, activeHighlightId, findMatches, findCurrent, flash, article.text, article.summary.id, props.marks])
  useEffect(() => () => clearHighlightSlot(instanceId), [instanceId])

  // Each article opens at its top; coming back to one returns to where it was left (per reader).
  const placeKey = `${instanceId}:${article.summary.id}`
  useLayoutEffect(() => {
    const scroller = scrollRef.current
    if (scroller) scroller.scrollTop = readingPlaces.get(placeKey) ?? 0
  }, [placeKey])

  const scrollToPassage = useCallback(
    (start: number, end: number, options?: { flash?: boolean }) => {
      const range = offsets.toRange(start, Math.max(end, start + 1))
      const container = scrollRef.current
      if (!range || !container) return
      const el = bodyRef.current?.querySelector<HTMLElement>(`[data-block="${offsets.blockAt(start)}"]`)
      // content-visibility may leave the block unsized until it is near the viewport: jump to
      // the block first, then refine on the next frame with the exact range.
      el?.scrollIntoView({ block: 'center' })
      requestAnimationFrame(() => {
        const rect = range.getBoundingClientRect()
        const box = container.getBoundingClientRect()
        container.scrollTop += rect.top - box.top - box.height / 3
      })
      if (options?.flash) {
        setFlash({ start, end })
        window.setTimeout(() => setFlash((f) => (f && f.start === start && f.end === end ? null : f)), 1400)
      }
    },
    [offsets],
  )

  const currentSelection = useCallback((): TextSelectionInfo | undefined => {
    const sel = window.getSelection()
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed || !bodyRef.current) return undefined
    const range = sel.getRangeAt(0)
    if (!bodyRef.current.contains(range.commonAncestorContainer)) return undefined
    const start = offsets.fromPoint(range.startContainer, range.startOffset)
    const end = offsets.fromPoint(range.endContainer, range.endOffset)
    if (start === undefined || end === undefined || end <= start) return undefined
    // Trim whitespace so a double-click on a word does not swallow the following space.
    let s = start
    let e = end
    while (s < e && /\s/.test(article.text.charAt(s))) s++
    while (e > s && /\s/.test(article.text.charAt(e - 1))) e--
    if (e <= s) return undefined
    return { start: s, end: e, rect: range.getBoundingClientRect() }
  }, [offsets, article.text])

  const passageRect = useCallback(
    (start: number, end: number): DOMRect | undefined => {
      const rects = offsets.toRange(start, Math.max(end, start + 1))?.getClientRects()
      if (!rects || rects.length === 0) return undefined
      const first = rects[0]!
      const last = rects[rects.length - 1]!
      return new DOMRect(Math.min(first.left, last.left), first.top, Math.max(first.right, last.right) - Math.min(first.left, last.left), last.bottom - first.top)
    },
    [offsets],
  )

  const selectSpan = useCallback(
    (start: number, end: number) => {
      const range = offsets.toRange(start, end)
      const selection = window.getSelection()
      if (!range || !selection) return
      selection.removeAllRanges()
      selection.addRange(range)
      const rect = range.getBoundingClientRect()
      const box = scrollRef.current?.getBoundingClientRect()
      if (box && (rect.top < box.top || rect.bottom > box.bottom)) scrollToPassage(start, end)
    },
    [offsets, scrollToPassage],
  )

  useImperativeHandle(ref, () => ({ scrollToPassage, currentSelection, passageRect, selectSpan, scroller: () => scrollRef.current }), [scrollToPassage, currentSelection, passageRect, selectSpan])

  // Selection changes: report after the mouse/keyboard settles.
  const { onSelectionChange, onHighlightClick, onVisibleRangeChange } = props
  useEffect(() => {
    if (!onSelectionChange) return
    let timer = 0
    const handler = (): void => {
      window.clearTimeout(timer)
      timer = window.setTimeout(() => onSelectionChange(currentSelection()), 120)
    }
    document.addEventListener('selectionchange', handler)
    return () => {
      window.clearTimeout(timer)
      document.removeEventListener('selectionchange', handler)
    }
  }, [onSelectionChange, currentSelection])

  // Visible range: which blocks intersect the scroll viewport.
  useEffect(() => {
    if (!onVisibleRangeChange || !bodyRef.current || !scrollRef.current) return
    const visible = new Set<number>()
    const observer = new IntersectionObserver(
      (entries) => {
        for (const e of entries) {
          const i = Number((e.target as HTMLElement).dataset.block)
          if (e.isIntersecting) visible.add(i)
          else visible.delete(i)
        }
        if (visible.size === 0) return
        const first = Math.min(...visible)
        const last = Math.max(...visible)
        const [a, b] = [article.blocks[first], article.blocks[last]]
        if (a && b) onVisibleRangeChange([a.start, b.end])
      },
      { root: scrollRef.current },
    )
    bodyRef.current.querySelectorAll('[data-block]').forEach((el) => observer.observe(el))
    return () => observer.disconnect()
  }, [onVisibleRangeChange, article.blocks])

  const handleClick = (event: React.MouseEvent): void => {
    if (!onHighlightClick) return
    const sel = window.getSelection()
    if (sel && !sel.isCollapsed) return
    const caret = caretAt(event.clientX, event.clientY)
    if (!caret) return
    const offset = offsets.fromPoint(caret.node, caret.offset)
    if (offset === undefined) return
    const hits = highlights.filter((h) => h.anchor.start !== undefined && h.anchor.start <= offset && offset < h.anchor.end!)
    if (hits.length) {
      // Innermost (shortest) highlight first: that is the one the reader most likely meant.
      hits.sort((a, b) => a.anchor.end! - a.anchor.start! - (b.anchor.end! - b.anchor.start!))
      onHighlightClick(
        hits.map((h) => h.id),
        new DOMRect(event.clientX, event.clientY, 1, 1),
      )
    }
  }

  return (
    <div
      className="reader-scroll"
      ref={scrollRef}
      // A focusable region: Tab reaches the text, and the usual keys scroll it.
      tabIndex={0}
      role="region"
      aria-label="Article text"
      data-reader={instanceId}
      onScroll={(e) => {
        readingPlaces.set(placeKey, e.currentTarget.scrollTop)
        props.onScroll?.()
      }}
    >
      <article className="reader" style={{ fontSize: `${fontSize}px` }} aria-label={`Article: ${article.summary.title}`}>
        <ArticleHeader summary={article.summary} onEdit={props.onEditMetadata} />
        {/* Keyed by article: a paragraph element kept from the article before would keep its size
            until laid out again, and the text would settle a frame later (a jumping scrollbar). */}
        <div key={article.summary.id} className={`reader-body${article.blocks.length > LONG_TEXT_BLOCKS ? ' reader-body-long' : ''}`} ref={bodyRef} onClick={handleClick}>
          {article.blocks.map((b, i) => {
            const content = article.text.slice(b.start, b.end)
            // A first heading that repeats the title shown above (a Markdown file's "# Title") is
            // kept in the text, so offsets and highlights stay, but not shown twice.
            const repeatsTitle = i === 0 && b.kind === 'h' && sameWords(content, article.summary.title)
            const common = { 'data-block': i, 'data-start': b.start, key: i, className: `block block-${b.kind}${repeatsTitle ? ' block-repeats-title' : ''}` }
            if (b.kind === 'h')
              return (
                <h2 {...common} aria-level={Math.min(6, (b.level ?? 1) + 1)}>
                  {content}
                </h2>
              )
            if (b.kind === 'quote') return <blockquote {...common}>{content}</blockquote>
            if (b.kind === 'li')
              return (
                <p {...common} role="listitem">
                  {content}
                </p>
              )
            return <p {...common}>{content}</p>
          })}
          {article.blocks.length === 0 && <p className="empty-state">This article has no text.</p>}
        </div>
      </article>
    </div>
  )
})

function caretAt(x: number, y: number): { node: Node; offset: number } | undefined {
  const doc = document as Document & { caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null }
  if (doc.caretPositionFromPoint) {
    const p = doc.caretPositionFromPoint(x, y)
    return p ? { node: p.offsetNode, offset: p.offset } : undefined
  }
  const r = document.caretRangeFromPoint?.(x, y)
  return r ? { node: r.startContainer, offset: r.startOffset } : undefined
}
