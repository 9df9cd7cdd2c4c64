/** Walks of the tag hierarchy that stay finite whatever the stored `parentId`s say. */

interface TreeNode {
  id: string
  parentId: string | null
  updatedAt: string
}

/** The ancestors of a tag, nearest first; stops at a repeat, so a cycle cannot loop forever. */
export function ancestorsOf<T extends TreeNode>(start: string | null, byId: ReadonlyMap<string, T> | Readonly<Record<string, T | undefined>>): string[] {
  const get = (id: string): T | undefined => (byId instanceof Map ? byId.get(id) : (byId as Record<string, T | undefined>)[id])
  const out: string[] = []
  const seen = new Set<string>()
  for (let p = start; p && !seen.has(p); p = get(p)?.parentId ?? null) {
    seen.add(p)
    out.push(p)
  }
  return out
}

/** Would nesting `id` under `parentId` make `id` its own ancestor? */
export function wouldCycle<T extends TreeNode>(id: string, parentId: string | null, byId: ReadonlyMap<string, T> | Readonly<Record<string, T | undefined>>): boolean {
  return parentId !== null && ancestorsOf(parentId, byId).includes(id)
}

/**
 * Tags whose parent link must be cut so that no cycle remains: in each cycle, the tag changed
 * last (the change that closed the loop).
 */
export function cycleBreaks<T extends TreeNode>(tags: T[]): string[] {
  const byId = new Map(tags.map((t) => [t.id, t]))
  const done = new Set<string>()
  const breaks: string[] = []
  for (const tag of tags) {
    const path: string[] = []
    const onPath = new Set<string>()
    let p: string | null = tag.id
    while (p && byId.has(p) && !done.has(p) && !onPath.has(p)) {
      path.push(p)
      onPath.add(p)
      p = byId.get(p)!.parentId
    }
    if (p && onPath.has(p)) {
      const cycle = path.slice(path.indexOf(p)).map((id) => byId.get(id)!)
      const last = cycle.reduce((a, b) => (b.updatedAt > a.updatedAt ? b : a))
      breaks.push(last.id)
      byId.set(last.id, { ...last, parentId: null })
    }
    for (const id of path) done.add(id)
  }
  return breaks
}
