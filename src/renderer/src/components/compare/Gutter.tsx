import { useCallback, useEffect, useRef, useState, type ReactElement } from 'react'
import type { ReaderHandle } from '../../reader/Reader'

export interface GutterLink {
  id: string
  left: { start: number; end: number }
  right: { start: number; end: number }
  /** 0–1: drawn as the connector's weight. */
  weight: number
  kind: 'suggested' | 'kept'
}

interface Path {
  id: string
  d: string
  width: number
  kind: GutterLink['kind']
}

/**
 * The strip between the two readers: one connector per link from its passage on the left to
 * its passage on the right, redrawn as either side scrolls. Hovering a connector lights both
 * ends; clicking it brings both passages into view. It is also the divider: drag it (or use
 * ←/→ when focused) to share the width differently.
 */
export function Gutter(props: {
  links: GutterLink[]
  leftReader: () => ReaderHandle | null
  rightReader: () => ReaderHandle | null
  /** Changes whenever a reader scrolled or the layout (font size, split) changed: redraw. */
  frame: string
  hovered: string | null
  current: string | null
  onHover: (id: string | null) => void
  onPick: (id: string) => void
  onResize: (deltaPx: number) => void
  /** The left reader's share of the width (0–1), announced as the divider's value. */
  position: number
}): ReactElement {
  const svgRef = useRef<SVGSVGElement>(null)
  const [paths, setPaths] = useState<Path[]>([])
  const { links, leftReader, rightReader, frame } = props

  const draw = useCallback(() => {
    const svg = svgRef.current
    if (!svg) return
    const box = svg.getBoundingClientRect()
    const next: Path[] = []
    for (const l of links) {
      const a = leftReader()?.passageRect(l.left.start, l.left.end)
      const b = rightReader()?.passageRect(l.right.start, l.right.end)
      if (!a || !b) continue
      const y1 = a.top + Math.min(a.height, 40) / 2 - box.top
      const y2 = b.top + Math.min(b.height, 40) / 2 - box.top
      if ((y1 < 0 && y2 < 0) || (y1 > box.height && y2 > box.height)) continue
      const w = box.width
      next.push({ id: l.id, d: `M0,${y1.toFixed(1)} C${w / 2},${y1.toFixed(1)} ${w / 2},${y2.toFixed(1)} ${w},${y2.toFixed(1)}`, width: 1 + l.weight * 5, kind: l.kind })
    }
    setPaths(next)
  }, [links, leftReader, rightReader])

  useEffect(() => {
    const id = requestAnimationFrame(draw)
    return () => cancelAnimationFrame(id)
  }, [draw, frame])

  const drag = useRef<number | null>(null)
  return (
    <div
      className="compare-gutter"
      role="separator"
      aria-orientation="vertical"
      aria-label="Links between the two reports; drag or use the arrow keys to resize"
      aria-valuenow={Math.round(props.position * 100)}
      aria-valuemin={20}
      aria-valuemax={80}
      aria-valuetext={`Left report ${Math.round(props.position * 100)}% of the width`}
      tabIndex={0}
      onKeyDown={(e) => {
        if (e.key === 'ArrowLeft') props.onResize(-32)
        if (e.key === 'ArrowRight') props.onResize(32)
      }}
      onPointerDown={(e) => {
        if ((e.target as Element).closest('path')) return
        drag.current = e.clientX
        e.currentTarget.setPointerCapture(e.pointerId)
      }}
      onPointerMove={(e) => {
        if (drag.current === null) return
        props.onResize(e.clientX - drag.current)
        drag.current = e.clientX
      }}
      onPointerUp={() => (drag.current = null)}
    >
      <svg ref={svgRef} className="compare-links" data-connectors={paths.length}>
        {paths.map((p) => (
          <path
            key={p.id}
            d={p.d}
            strokeWidth={p.width}
            data-link={p.id}
            className={`connector connector-${p.kind}${p.id === props.hovered ? ' is-hovered' : ''}${p.id === props.current ? ' is-current' : ''}`}
            onPointerEnter={() => props.onHover(p.id)}
            onPointerLeave={() => props.onHover(null)}
            onClick={() => props.onPick(p.id)}
          />
        ))}
      </svg>
    </div>
  )
}
