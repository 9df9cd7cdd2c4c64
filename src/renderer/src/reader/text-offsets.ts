import type { TextBlock } from '@core/article/types'

/**
 * Maps between offsets in the article text and DOM positions. Every block renders as one
 * element whose only child is one text node holding `text.slice(block.start, block.end)`,
 * which keeps the mapping exact and cheap.
 */
export class TextOffsets {
  constructor(
    private readonly blocks: TextBlock[],
    private readonly elementOf: (index: number) => HTMLElement | null,
  ) {}

  /** Index of the block containing `offset`, or the nearest one after it. */
  blockAt(offset: number): number {
    let lo = 0
    let hi = this.blocks.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (this.blocks[mid]!.end <= offset) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  private point(offset: number, preferEnd: boolean): { node: Node; offset: number } | undefined {
    if (this.blocks.length === 0) return undefined
    let i = this.blockAt(offset)
    // An offset in the gap between blocks belongs to the end of the previous block when it ends a range.
    if (preferEnd && i > 0 && offset <= this.blocks[i]!.start) i--
    const block = this.blocks[i]
    if (!block) return undefined
    const el = this.elementOf(i)
    const node = el?.firstChild
    if (!node) return undefined
    const local = Math.max(0, Math.min(block.end - block.start, offset - block.start))
    return { node, offset: local }
  }

  /** The DOM boundaries of a text span, or undefined when it is empty or not rendered. */
  private bounds(start: number, end: number): StaticRangeInit | undefined {
    const a = this.point(start, false)
    const b = this.point(end, true)
    if (!a || !b) return undefined
    if (a.node === b.node && a.offset >= b.offset) return undefined
    return { startContainer: a.node, startOffset: a.offset, endContainer: b.node, endOffset: b.offset }
  }

  toRange(start: number, end: number): Range | undefined {
    const at = this.bounds(start, end)
    if (!at) return undefined
    const range = document.createRange()
    range.setStart(at.startContainer, at.startOffset)
    range.setEnd(at.endContainer, at.endOffset)
    return range.collapsed ? undefined : range
  }

  /**
   * The same span as a StaticRange, for painting: the browser need not keep a thousand live
   * Ranges up to date with the DOM (the text of an open article does not change under them).
   */
  toStaticRange(start: number, end: number): StaticRange | undefined {
    const at = this.bounds(start, end)
    return at && new StaticRange(at)
  }

  /** Text offset of a DOM position inside the reader body, or undefined outside any block. */
  fromPoint(node: Node, offset: number): number | undefined {
    const el = (node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element))?.closest<HTMLElement>('[data-block]')
    if (!el) return undefined
    const block = this.blocks[Number(el.dataset.block)]
    if (!block) return undefined
    if (node.nodeType === Node.TEXT_NODE) return block.start + Math.min(offset, block.end - block.start)
    return offset === 0 ? block.start : block.end
  }
}
