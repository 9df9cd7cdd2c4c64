import { useEffect, useState, type ReactElement } from 'react'
import type { CodedPassage, TagWithCount } from '@shared/types'
import { useApi } from '../hooks/ApiContext'
import { ANCHOR_LABELS } from './HighlightEditor'
import { NoteText } from './NoteText'

/** The codebook: a tree of tags with counts; rename, recolour, nest, merge, delete; code retrieval. */
export function CodebookPanel(props: { tags: TagWithCount[]; onError: (message: string) => void; onOpenPassage: (p: CodedPassage) => void }): ReactElement {
  const api = useApi()
  const [newName, setNewName] = useState('')
  const [selected, setSelected] = useState<string | null>(null)
  const [loaded, setLoaded] = useState<{ tagId: string; passages: CodedPassage[] } | null>(null)
  const passages = selected && loaded?.tagId === selected ? loaded.passages : null
  const [editing, setEditing] = useState<string | null>(null)
  const tag = props.tags.find((t) => t.id === selected) ?? null
  // The tags the selected one can be nested under or merged into.
  const otherTagOptions = props.tags
    .filter((t) => t.id !== tag?.id)
    .map((t) => (
      <option key={t.id} value={t.id}>
        {t.name}
      </option>
    ))
  const act = (p: Promise<unknown>): void => void p.catch((e: Error) => props.onError(e.message))

  useEffect(() => {
    if (!selected) return
    api.call('codebook.passages', { tagId: selected }).then(
      (passages) => setLoaded({ tagId: selected, passages }),
      (e: Error) => props.onError(e.message),
    )
  }, [api, selected, props.tags]) // eslint-disable-line react-hooks/exhaustive-deps

  const children = (parentId: string | null): TagWithCount[] => props.tags.filter((t) => t.parentId === parentId || (parentId === null && t.parentId && !props.tags.some((p) => p.id === t.parentId)))
  // `shown` keeps the walk finite even if a stored hierarchy loops (the host repairs it on open).
  const shown = new Set<string>()
  const renderTree = (parentId: string | null, depth: number): ReactElement[] =>
    children(parentId)
      .filter((t) => !shown.has(t.id) && shown.add(t.id))
      .flatMap((t) => [
        <li
          key={t.id}
          role="treeitem"
          aria-level={depth + 1}
          aria-selected={t.id === selected}
          className={`code-row${t.id === selected ? ' is-selected' : ''}`}
          style={{ paddingLeft: `${0.5 + depth * 1.1}rem` }}
        >
          <span className="tag-dot" style={{ ['--tag' as string]: t.colour }} aria-hidden="true" />
          {editing === t.id ? (
            <input
              autoFocus
              aria-label={`New name for ${t.name}`}
              defaultValue={t.name}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  act(api.call('codebook.update', { id: t.id, patch: { name: e.currentTarget.value } }))
                  setEditing(null)
                } else if (e.key === 'Escape') setEditing(null)
              }}
              onBlur={() => setEditing(null)}
            />
          ) : (
            <button type="button" className="code-name" onClick={() => setSelected(t.id)} onDoubleClick={() => setEditing(t.id)}>
              {t.name}
            </button>
          )}
          <span className="code-count" aria-label={`${t.count} uses`}>
            {t.count}
          </span>
        </li>,
        ...renderTree(t.id, depth + 1),
      ])

  return (
    <section className="pane codebook" aria-label="Codebook">
      <form
        className="pane-toolbar"
        onSubmit={(e) => {
          e.preventDefault()
          if (!newName.trim()) return
          act(api.call('codebook.create', { name: newName.trim() }).then(() => setNewName('')))
        }}
      >
        <input aria-label="New tag name" placeholder="New tag…" value={newName} onChange={(e) => setNewName(e.target.value)} />
        <button type="submit">Add tag</button>
      </form>
      {props.tags.length === 0 ? (
        <p className="empty-state">The codebook is empty. Add a tag here, or tag a passage while reading.</p>
      ) : (
        <ul className="code-tree" role="tree" aria-label="Tags">
          {renderTree(null, 0)}
        </ul>
      )}
      {tag && (
        <div className="code-detail" role="region" aria-label={`Tag ${tag.name}`}>
          <div className="code-detail-head">
            <span className="tag-dot" style={{ ['--tag' as string]: tag.colour }} aria-hidden="true" />
            <h3>{tag.name}</h3>
            <button type="button" className="small-button" onClick={() => setEditing(tag.id)}>
              Rename
            </button>
          </div>
          <div className="code-form">
            <label htmlFor="code-colour">Colour</label>
            <input id="code-colour" type="color" value={tag.colour} onChange={(e) => act(api.call('codebook.update', { id: tag.id, patch: { colour: e.target.value } }))} />
            <label htmlFor="code-parent">Parent</label>
            <select id="code-parent" value={tag.parentId ?? ''} onChange={(e) => act(api.call('codebook.update', { id: tag.id, patch: { parentId: e.target.value || null } }))}>
              <option value="">None (top level)</option>
              {otherTagOptions}
            </select>
            <label htmlFor="code-merge">Merge into</label>
            <select
              id="code-merge"
              value=""
              onChange={(e) => {
                if (!e.target.value) return
                act(api.call('codebook.merge', { sourceId: tag.id, targetId: e.target.value }).then((t) => setSelected(t.id)))
              }}
            >
              <option value="">Choose a tag…</option>
              {otherTagOptions}
            </select>
          </div>
          <textarea
            aria-label="Tag description"
            rows={2}
            placeholder="What this code means, when to apply it…"
            defaultValue={tag.description}
            key={tag.id}
            onBlur={(e) => e.target.value !== tag.description && act(api.call('codebook.update', { id: tag.id, patch: { description: e.target.value } }))}
          />
          <div className="code-detail-foot">
            <button type="button" className="danger small-button" onClick={() => act(api.call('codebook.delete', { id: tag.id }).then(() => setSelected(null)))}>
              Delete tag
            </button>
          </div>
          <h2 className="section-title">
            Passages tagged “{tag.name}” {passages && <span className="muted">({passages.length})</span>}
          </h2>
          {passages?.length === 0 && <p className="empty-state small">No passage has this tag yet.</p>}
          <ol className="hit-list">
            {passages?.map((p) => (
              <li key={p.highlightId ?? `${p.articleId}:${p.anchor.start}:${p.quote.slice(0, 40)}`}>
                <button type="button" className="hit" onClick={() => props.onOpenPassage(p)}>
                  <span className="hit-title">{p.articleTitle}</span>
                  <span className="hit-snippet">“{p.quote}”</span>
                  {p.note && <NoteText text={p.note} />}
                  {p.anchor.status !== 'exact' && <span className={`anchor-status anchor-${p.anchor.status}`}>{ANCHOR_LABELS[p.anchor.status]}</span>}
                </button>
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  )
}
