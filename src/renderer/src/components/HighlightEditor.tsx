import { useDraft } from '../hooks/useDraft'
import type { ReactElement } from 'react'
import type { HighlightColour } from '@core/annotations/model'
import type { AnchoredHighlight, TagWithCount } from '@shared/types'
import { COLOUR_LABELS, COLOURS } from './colours'
import { TagChip } from './LibraryPane'
import { TagPicker } from './TagPicker'
import { NoteText } from './NoteText'

export const ANCHOR_LABELS = { exact: 'In place', moved: 'Moved', fuzzy: 'Approximate', orphan: 'Not found' } as const

/** Edits one highlight: colour, tags, note, delete. Saves the note when focus leaves it. */
export function HighlightEditor(props: {
  highlight: AnchoredHighlight
  tags: TagWithCount[]
  tagsById: Map<string, TagWithCount>
  focus?: 'tag' | 'note'
  onChange: (patch: { colour?: HighlightColour; tagIds?: string[]; note?: string }) => void
  onCreateTag: (name: string) => Promise<string | undefined>
  onDelete: () => void
  onClose: () => void
}): ReactElement {
  const { highlight } = props
  const [note, setNote] = useDraft(highlight.note, highlight.id)
  const saveNote = (): void => {
    if (note !== highlight.note) props.onChange({ note })
  }
  return (
    <div className="highlight-editor" role="dialog" aria-label="Edit highlight" onKeyDown={(e) => e.key === 'Escape' && (saveNote(), props.onClose())}>
      <blockquote className="editor-quote">{highlight.target.quote.exact}</blockquote>
      {highlight.anchor.status !== 'exact' && (
        <p className={`anchor-status anchor-${highlight.anchor.status}`}>
          {ANCHOR_LABELS[highlight.anchor.status]}
          {highlight.anchor.status === 'fuzzy' && ` (${Math.round(highlight.anchor.score * 100)}% match — check it)`}
        </p>
      )}
      <div className="swatches" role="radiogroup" aria-label="Colour">
        {COLOURS.map((c) => (
          <button
            key={c}
            type="button"
            role="radio"
            aria-checked={highlight.colour === c}
            className={`swatch swatch-${c}`}
            aria-label={COLOUR_LABELS[c]}
            onClick={() => props.onChange({ colour: c })}
          />
        ))}
      </div>
      <div className="editor-tags" aria-label="Tags">
        {highlight.tagIds.map((id) => props.tagsById.get(id)).map((t) => t && <TagChip key={t.id} tag={t} onRemove={() => props.onChange({ tagIds: highlight.tagIds.filter((x) => x !== t.id) })} />)}
      </div>
      <TagPicker
        tags={props.tags}
        exclude={highlight.tagIds}
        autoFocus={props.focus === 'tag'}
        onPick={(id) => props.onChange({ tagIds: [...highlight.tagIds, id] })}
        onCreate={async (name) => {
          const id = await props.onCreateTag(name)
          if (id) props.onChange({ tagIds: [...highlight.tagIds, id] })
        }}
      />
      <label className="note-label">
        Note
        <textarea
          autoFocus={props.focus === 'note'}
          value={note}
          rows={4}
          placeholder="Write a note (Markdown)…"
          onChange={(e) => setNote(e.target.value)}
          onBlur={saveNote}
          onKeyDown={(e) => (e.key === 'Enter' && (e.ctrlKey || e.metaKey) ? saveNote() : undefined)}
        />
      </label>
      {note.trim() && (
        <div className="note-preview" aria-label="Note as shown">
          <NoteText text={note} links className="note-rendered" />
        </div>
      )}
      <div className="editor-actions">
        <button type="button" className="danger" onClick={props.onDelete}>
          Delete highlight
        </button>
        <button type="button" onClick={() => (saveNote(), props.onClose())}>
          Done
        </button>
      </div>
    </div>
  )
}
