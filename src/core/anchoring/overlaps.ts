/**
 * The stretches of text covered by two or more passages, merged and in order. The reader marks
 * them so overlapping highlights stay distinguishable (one background colour cannot show two).
 */
export function overlapSegments(passages: Array<{ start: number; end: number }>): Array<[number, number]> {
  const edges: Array<[number, number]> = []
  for (const p of passages) if (p.end > p.start) edges.push([p.start, 1], [p.end, -1])
  // Ends sort before starts at the same offset: touching passages do not overlap.
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1])
  const out: Array<[number, number]> = []
  let depth = 0
  let from = 0
  for (const [at, step] of edges) {
    if (step > 0 && depth === 1) from = at
    if (step < 0 && depth === 2 && at > from) {
      const last = out[out.length - 1]
      if (last && last[1] === from) last[1] = at
      else out.push([from, at])
    }
    depth += step
  }
  return out
}
