/**
 * Draws highlights with the CSS Custom Highlight API: ranges are registered by name and
 * painted by `::highlight(name)` rules, so the article's text nodes are never split into
 * spans (selection, copy and find keep working, and 1,000 highlights cost no DOM nodes).
 * Two readers side by side each own a slot; a name's ranges are the union of all slots.
 */
const slots = new Map<string, Map<string, AbstractRange[]>>()

export const supportsCustomHighlights = typeof CSS !== 'undefined' && 'highlights' in CSS

export function setHighlightSlot(slot: string, groups: Map<string, AbstractRange[]>): void {
  const previous = slots.get(slot)
  slots.set(slot, groups)
  repaint(new Set([...(previous?.keys() ?? []), ...groups.keys()]))
}

export function clearHighlightSlot(slot: string): void {
  const previous = slots.get(slot)
  slots.delete(slot)
  if (previous) repaint(new Set(previous.keys()))
}

function repaint(names: Set<string>): void {
  if (!supportsCustomHighlights) return
  for (const name of names) {
    const ranges: AbstractRange[] = []
    for (const groups of slots.values()) ranges.push(...(groups.get(name) ?? []))
    if (ranges.length === 0) CSS.highlights.delete(name)
    else {
      const h = new Highlight(...ranges)
      // Later names paint over earlier ones: find and flash above colours.
      h.priority = name.startsWith('pl-find') ? 10 : name === 'pl-flash' ? 20 : name === 'pl-active' ? 5 : name === 'pl-overlap' ? 1 : 0
      CSS.highlights.set(name, h)
    }
  }
}
