import { useId, useMemo, useRef, useState, type ReactElement } from 'react'
import type { TagWithCount } from '@shared/types'

/** Type-ahead over the codebook; Enter picks the first match or creates a new tag. */
export function TagPicker(props: { tags: TagWithCount[]; exclude: string[]; onPick: (tagId: string) => void; onCreate: (name: string) => void; autoFocus?: boolean; label?: string }): ReactElement {
  const [query, setQuery] = useState('')
  const [active, setActive] = useState(0)
  const [open, setOpen] = useState(false)
  const inputRef = useRef<HTMLInputElement>(null)
  const listId = useId()
  const matches = useMemo(() => {
    const q = query.trim().toLowerCase()
    return props.tags.filter((t) => !props.exclude.includes(t.id) && (!q || t.name.toLowerCase().includes(q))).slice(0, 8)
  }, [query, props.tags, props.exclude])
  const exact = props.tags.some((t) => t.name.toLowerCase() === query.trim().toLowerCase())
  const options = [...matches.map((t) => ({ kind: 'tag' as const, tag: t })), ...(query.trim() && !exact ? [{ kind: 'new' as const, name: query.trim() }] : [])]
  const choose = (i: number): void => {
    const o = options[i]
    if (!o) return
    if (o.kind === 'tag') props.onPick(o.tag.id)
    else props.onCreate(o.name)
    setQuery('')
    setActive(0)
    inputRef.current?.focus()
  }
  return (
    <div className="tag-picker">
      <input
        ref={inputRef}
        autoFocus={props.autoFocus}
        role="combobox"
        aria-expanded={open && options.length > 0}
        aria-controls={listId}
        aria-label={props.label ?? 'Add tag'}
        placeholder="Add tag…"
        value={query}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onChange={(e) => {
          setQuery(e.target.value)
          setActive(0)
          setOpen(true)
        }}
        onKeyDown={(e) => {
          const moves: Record<string, () => void> = {
            ArrowDown: () => setActive((a) => Math.min(options.length - 1, a + 1)),
            ArrowUp: () => setActive((a) => Math.max(0, a - 1)),
            Enter: () => choose(active),
          }
          const move = moves[e.key]
          if (move) {
            e.preventDefault()
            move()
          }
        }}
      />
      {open && options.length > 0 && (
        <ul id={listId} role="listbox" className="tag-options" aria-label="Matching tags">
          {options.map((o, i) => (
            <li key={o.kind === 'tag' ? o.tag.id : 'new'} role="option" aria-selected={i === active} className={i === active ? 'is-active' : ''} onMouseDown={(e) => (e.preventDefault(), choose(i))}>
              {o.kind === 'tag' ? (
                <>
                  <span className="tag-dot" style={{ ['--tag' as string]: o.tag.colour }} aria-hidden="true" /> {o.tag.name}
                </>
              ) : (
                <>Create tag “{o.name}”</>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
