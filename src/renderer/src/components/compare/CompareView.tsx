import { useCallback, useEffect, useMemo, useRef, useState, type ReactElement } from 'react'
import type { Side } from '@core/compare/types'
import { useApi } from '../../hooks/ApiContext'
import type { ComparisonState } from '../../hooks/useComparison'
import { usePinnedSelection } from '../../hooks/usePinnedSelection'
import { usePersistentState } from '../../hooks/usePersistentState'
import type { ReaderSession } from '../../hooks/useReaderSession'
import type { Toaster } from '../../hooks/useToasts'
import { SessionReader } from '../../reader/SessionReader'
import { ComparisonPanel, type Codebook, type PanelActions } from './ComparisonPanel'
import { Gutter, type GutterLink } from './Gutter'

type Mark = { name: string; start: number; end: number }

/**
 * Two reports side by side: each side is a full reader (highlighting, tagging and notes work as
 * in the single reader), the gutter between them draws the links, and the panel beside them
 * lists links, differences, statements and the pair's note. `j`/`k` step through the links.
 */
export function CompareView(props: {
  left: ReaderSession
  right: ReaderSession
  comparison: ComparisonState
  fontSize: number
  showPanel: boolean
  toaster: Toaster
  codebook: Codebook
  onSwap: () => void
  onClose: (side: Side) => void
}): ReactElement {
  const api = useApi()
  const { left, right, comparison, toaster } = props
  const view = comparison.status === 'ready' && comparison.view.left.id === left.selectedId && comparison.view.right.id === right.selectedId ? comparison.view : null
  const [split, setSplit] = usePersistentState('compareSplit', 0.5)
  const [linkScroll, setLinkScroll] = usePersistentState('compareLinkScroll', true)
  const [tintOnly, setTintOnly] = usePersistentState('compareTintOnly', false)
  const [frame, setFrame] = useState(0)
  const [hovered, setHovered] = useState<string | null>(null)
  const [current, setCurrent] = useState<string | null>(null)
  const [pinnedLeft, clearLeft] = usePinnedSelection(left)
  const [pinnedRight, clearRight] = usePinnedSelection(right)
  const pinned = { left: pinnedLeft, right: pinnedRight }
  const panesRef = useRef<HTMLDivElement>(null)

  /** Everything the gutter draws: kept links, then open suggestions; in reading order on the left. */
  const links: GutterLink[] = useMemo(() => {
    if (!view) return []
    const kept = view.links.filter((l) => l.left && l.right).map((l): GutterLink => ({ id: l.id, left: l.left!, right: l.right!, weight: 1, kind: 'kept' }))
    const open = view.suggestions.filter((s) => s.state === 'suggested').map((s): GutterLink => ({ id: s.key, left: s.left, right: s.right, weight: s.score, kind: 'suggested' }))
    return [...kept, ...open].sort((a, b) => a.left.start - b.left.start)
  }, [view])

  const marks = useMemo(() => {
    const out: Record<Side, Mark[]> = { left: [], right: [] }
    if (!view) return out
    for (const l of links) {
      const name = l.id === hovered || l.id === current ? 'pl-link-hover' : 'pl-link'
      out.left.push({ name, start: l.left.start, end: l.left.end })
      out.right.push({ name, start: l.right.start, end: l.right.end })
    }
    if (tintOnly) {
      for (const s of view.onlyLeft) out.left.push({ name: 'pl-only', start: s.start, end: s.end })
      for (const s of view.onlyRight) out.right.push({ name: 'pl-only', start: s.start, end: s.end })
    }
    return out
  }, [view, links, hovered, current, tintOnly])

  const showLink = useCallback(
    (id: string) => {
      const l = links.find((x) => x.id === id)
      if (!l) return
      setCurrent(id)
      left.reader()?.scrollToPassage(l.left.start, l.left.end, { flash: true })
      right.reader()?.scrollToPassage(l.right.start, l.right.end, { flash: true })
    },
    [links, left, right],
  )

  // j / k: the next / previous link.
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.ctrlKey || e.metaKey || e.altKey || (e.target instanceof HTMLElement && (e.target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(e.target.tagName)))) return
      if ((e.key !== 'j' && e.key !== 'k') || links.length === 0) return
      if (e.target instanceof HTMLElement && e.target.closest('[role=listbox]')) return
      e.preventDefault()
      const i = links.findIndex((l) => l.id === current)
      const next = e.key === 'j' ? (i + 1) % links.length : (i <= 0 ? links.length : i) - 1
      showLink(links[next]!.id)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [links, current, showLink])

  // Linked scrolling follows the alignment: the other side brings the counterpart of the link
  // nearest the top of the scrolled side to the same height.
  const following = useRef<Side | null>(null)
  const onScroll = (side: Side) => (): void => {
    setFrame((f) => f + 1)
    if (!linkScroll || following.current === side) {
      if (following.current === side) following.current = null
      return
    }
    const me = side === 'left' ? left.reader() : right.reader()
    const other = side === 'left' ? right.reader() : left.reader()
    const box = me?.scroller()?.getBoundingClientRect()
    if (!me || !other || !box) return
    let best: { mine: DOMRect; theirs: DOMRect } | undefined
    for (const l of links) {
      const mine = me.passageRect(side === 'left' ? l.left.start : l.right.start, side === 'left' ? l.left.end : l.right.end)
      if (!mine || mine.bottom < box.top) continue
      const theirs = other.passageRect(side === 'left' ? l.right.start : l.left.start, side === 'left' ? l.right.end : l.left.end)
      if (!theirs) continue
      // The link the researcher chose stays the anchor while it is in view.
      if (l.id === current && mine.top < box.bottom) {
        best = { mine, theirs }
        break
      }
      if (!best || mine.top < best.mine.top) best = { mine, theirs }
    }
    const scroller = other.scroller()
    if (!best || !scroller) return
    const delta = best.theirs.top - best.mine.top
    if (Math.abs(delta) < 2) return
    following.current = side === 'left' ? 'right' : 'left'
    scroller.scrollTop += delta
  }

  useEffect(() => {
    const redraw = (): void => setFrame((f) => f + 1)
    window.addEventListener('resize', redraw)
    return () => window.removeEventListener('resize', redraw)
  }, [])

  const run = (p: Promise<unknown>, done?: string): void => void p.then(() => done && toaster.toast('info', done), toaster.fail)
  const actions: PanelActions | null = view && {
    confirm: (s, linkType) => run(api.call('compare.confirm', { leftId: view.left.id, rightId: view.right.id, key: s.key, linkType }), 'Link kept.'),
    reject: (s) => run(api.call('compare.reject', { leftId: view.left.id, rightId: view.right.id, key: s.key }), 'Suggestion rejected.'),
    updateLink: (id, patch) => run(api.call('compare.updateLink', { id, patch })),
    deleteLink: (id) => run(api.call('compare.deleteLink', { id }), 'Link deleted.'),
    linkByHand: (linkType, note) => {
      if (!pinned.left || !pinned.right) return
      run(
        api.call('compare.link', {
          leftId: view.left.id,
          rightId: view.right.id,
          left: { start: pinned.left.start, end: pinned.left.end, textHash: view.leftTextHash },
          right: { start: pinned.right.start, end: pinned.right.end, textHash: view.rightTextHash },
          linkType,
          note,
          tagIds: [],
        }),
        'Passages linked.',
      )
      clearLeft()
      clearRight()
    },
    setNote: (note) => run(api.call('compare.setNote', { leftId: view.left.id, rightId: view.right.id, note }), 'Comparison note saved.'),
    setPairTags: (tagIds) => run(api.call('compare.setNote', { leftId: view.left.id, rightId: view.right.id, tagIds })),
    createTag: async (name) => {
      try {
        return (await api.call('codebook.create', { name })).id
      } catch (e) {
        toaster.fail(e)
        return undefined
      }
    },
    show: (side, start, end) => (side === 'left' ? left : right).reader()?.scrollToPassage(start, end, { flash: true }),
    showLink,
  }

  const pane = (side: Side, session: ReaderSession): ReactElement => (
    <section className="compare-side" aria-label={side === 'left' ? 'Left report' : 'Right report'}>
      <div className="compare-side-bar">
        <span className="compare-side-title">{session.article?.summary.title ?? (session.state.status === 'loading' ? 'Opening…' : 'No article')}</span>
        <button type="button" className="icon-button" aria-label={`Close the ${side} report`} onClick={() => props.onClose(side)}>
          ×
        </button>
      </div>
      {session.state.status === 'error' && (
        <div className="error-state" role="alert">
          {session.state.message}
        </div>
      )}
      {session.state.status === 'gone' && (
        <div className="error-state" role="alert">
          This article's file was deleted or moved out of the library folder.
        </div>
      )}
      <SessionReader session={session} instanceId={side} fontSize={props.fontSize} marks={marks[side]} onScroll={onScroll(side)} />
    </section>
  )

  const fraction = Math.min(0.8, Math.max(0.2, split))
  return (
    <>
      <section className="compare" aria-label="Comparison of two reports">
        <div className="compare-toolbar" role="toolbar" aria-label="Comparison">
          <button type="button" onClick={props.onSwap}>
            ⇄ Swap sides
          </button>
          <label>
            <input type="checkbox" checked={linkScroll} onChange={(e) => setLinkScroll(e.target.checked)} /> Link scrolling
          </label>
          <label>
            <input type="checkbox" checked={tintOnly} onChange={(e) => setTintOnly(e.target.checked)} /> Only in this report
          </label>
          <span className="muted" aria-live="polite">
            {comparison.status === 'loading' && 'Aligning…'}
            {comparison.status === 'error' && comparison.message}
            {view && `${links.length} links · j / k to step through`}
          </span>
        </div>
        <div className="compare-panes" ref={panesRef} style={{ gridTemplateColumns: `minmax(0, ${fraction}fr) 3.5rem minmax(0, ${1 - fraction}fr)` }}>
          {pane('left', left)}
          <Gutter
            links={links}
            leftReader={left.reader}
            rightReader={right.reader}
            frame={`${frame}:${props.fontSize}:${split}`}
            position={split}
            hovered={hovered}
            current={current}
            onHover={setHovered}
            onPick={showLink}
            onResize={(dx) => setSplit((s) => Math.min(0.8, Math.max(0.2, s + dx / Math.max(1, panesRef.current?.clientWidth ?? 1000))))}
          />
          {pane('right', right)}
        </div>
      </section>
      {props.showPanel && view && actions && <ComparisonPanel codebook={props.codebook} view={view} current={current} hovered={hovered} pinned={pinned} onHover={setHovered} actions={actions} />}
    </>
  )
}
