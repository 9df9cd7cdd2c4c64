import { useDraft } from '../hooks/useDraft'
import { useRef, type ReactElement } from 'react'
import type { HighlightColour } from '@core/annotations/model'
import type { AnchoredHighlight, ArticleAnnotations, TagWithCount } from '@shared/types'
import { plural } from '../format'
import { AnnotationList, type CardAttrs } from './AnnotationList'
import { ANCHOR_LABELS, HighlightEditor } from './HighlightEditor'
import { TagChip } from './LibraryPane'
import { TagPicker } from './TagPicker'
import { NoteText } from './NoteText'

export interface SidebarActions {
  select: (id: string | null) => void
  update: (id: string, patch: { colour?: HighlightColour; tagIds?: string[]; note?: string }) => void
  remove: (id: string) => void
  createTag: (name: string) => Promise<string | undefined>
  setArticleNote: (patch: { tagIds?: string[]; note?: string }) => void
}

/** The article's annotations in reading order, the article's own tags and note, and orphans. */
export function AnnotationSidebar(props: {
  annotations: ArticleAnnotations | null
  /** The text range on screen in the reader: the cards of highlights in it are marked. */
  onScreen?: [number, number]
  activeId: string | null
  editorFocus?: 'tag' | 'note'
  tags: TagWithCount[]
  tagsById: Map<string, TagWithCount>
  actions: SidebarActions
}): ReactElement {
  const { annotations, activeId, actions, onScreen } = props
  const placed = annotations?.highlights.filter((h) => h.anchor.status !== 'orphan') ?? []
  const orphans = annotations?.highlights.filter((h) => h.anchor.status === 'orphan') ?? []
  const isOnScreen = (h: AnchoredHighlight): boolean => !!onScreen && h.anchor.start !== undefined && h.anchor.start < onScreen[1] && h.anchor.end! > onScreen[0]
  const onScreenCount = onScreen ? placed.filter(isOnScreen).length : 0
  // Marking tells something only when some highlights are on screen and others are not.
  const marking = onScreenCount > 0 && onScreenCount < placed.length
  const articleNote = annotations?.articleNote
  const [note, setNote] = useDraft(articleNote?.note ?? '', articleNote?.id)

  const scrollRef = useRef<HTMLElement>(null)
  const renderItem = (h: AnchoredHighlight, attrs: CardAttrs = {}): ReactElement =>
    h.id === activeId ? (
      <li key={h.id} className="annotation-item is-active" ref={attrs.ref} data-index={attrs.index}>
        <HighlightEditor
          highlight={h}
          tags={props.tags}
          tagsById={props.tagsById}
          focus={props.editorFocus}
          onChange={(patch) => actions.update(h.id, patch)}
          onCreateTag={actions.createTag}
          onDelete={() => actions.remove(h.id)}
          onClose={() => actions.select(null)}
        />
      </li>
    ) : (
      <li key={h.id} className="annotation-item" ref={attrs.ref} data-index={attrs.index}>
        <button
          type="button"
          className={`annotation-card colour-${h.colour}${marking && isOnScreen(h) ? ' on-screen' : ''}`}
          onClick={() => actions.select(h.id)}
          aria-label={`Highlight: ${h.target.quote.exact.slice(0, 80)}`}
        >
          <span className="card-quote">{h.target.quote.exact}</span>
          {h.tagIds.length > 0 && <span className="card-tags">{h.tagIds.map((id) => props.tagsById.get(id)).map((t) => t && <TagChip key={t.id} tag={t} />)}</span>}
          {h.note && <NoteText text={h.note} />}
          {h.anchor.status !== 'exact' && <span className={`anchor-status anchor-${h.anchor.status}`}>{ANCHOR_LABELS[h.anchor.status]}</span>}
        </button>
      </li>
    )

  return (
    <aside className="pane sidebar" aria-label="Annotations" ref={scrollRef}>
      <section className="sidebar-section" aria-label="Article tags and note">
        <h2 className="section-title">This article</h2>
        <div className="editor-tags">
          {(articleNote?.tagIds ?? [])
            .map((id) => props.tagsById.get(id))
            .map((t) => t && <TagChip key={t.id} tag={t} onRemove={() => actions.setArticleNote({ tagIds: articleNote!.tagIds.filter((x) => x !== t.id) })} />)}
        </div>
        <TagPicker
          label="Tag this article"
          tags={props.tags}
          exclude={articleNote?.tagIds ?? []}
          onPick={(id) => actions.setArticleNote({ tagIds: [...(articleNote?.tagIds ?? []), id] })}
          onCreate={async (name) => {
            const id = await actions.createTag(name)
            if (id) actions.setArticleNote({ tagIds: [...(articleNote?.tagIds ?? []), id] })
          }}
        />
        <textarea
          aria-label="Article note"
          className="article-note"
          rows={3}
          placeholder="Notes on the whole article…"
          value={note}
          onChange={(e) => setNote(e.target.value)}
          onBlur={() => note !== (articleNote?.note ?? '') && actions.setArticleNote({ note })}
        />
      </section>
      <section className="sidebar-section" aria-label="Highlights">
        <h2 className="section-title">
          Highlights {annotations ? <span className="muted">({placed.length})</span> : null}
          {marking && <span className="on-screen-count"> · {onScreenCount} on screen</span>}
        </h2>
        {annotations && placed.length === 0 && <p className="empty-state small">No highlights yet. Select text in the article to highlight it.</p>}
        <AnnotationList items={placed} activeId={activeId} scrollRef={scrollRef} render={renderItem} />
      </section>
      {orphans.length > 0 && (
        <section className="sidebar-section orphans" aria-label="Orphaned highlights">
          <h2 className="section-title">Not found in the current text ({orphans.length})</h2>
          <p className="muted small">
            The article changed and these passages could not be found. They are kept with their notes; {plural(orphans.length, 'highlight')} can be deleted if no longer needed.
          </p>
          <ol className="annotation-list">{orphans.map((h) => renderItem(h))}</ol>
        </section>
      )}
    </aside>
  )
}
