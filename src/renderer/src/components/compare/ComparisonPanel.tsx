import { useState, type ReactElement } from 'react'
import type { LinkType } from '@core/annotations/model'
import type { Side, Span } from '@core/compare/types'
import type { ComparisonView, SavedLink, SuggestedLink, TagWithCount } from '@shared/types'
import { TagChip } from '../LibraryPane'
import { TagPicker } from '../TagPicker'
import { LINK_TYPE_LABELS, LINK_TYPE_LIST } from './link-types'

import { clip } from './clip'
import { DifferencesTab, StatementsTab } from './ReportTabs'

type Tab = 'links' | 'differences' | 'statements' | 'note'

export interface PanelActions {
  confirm: (s: SuggestedLink, type: LinkType) => void
  reject: (s: SuggestedLink) => void
  updateLink: (id: string, patch: { linkType?: LinkType; note?: string; tagIds?: string[] }) => void
  deleteLink: (id: string) => void
  linkByHand: (type: LinkType, note: string) => void
  setNote: (note: string) => void
  setPairTags: (tagIds: string[]) => void
  createTag: (name: string) => Promise<string | undefined>
  /** Brings a passage into view in one reader. */
  show: (side: Side, start: number, end: number) => void
  /** Brings both ends of a link into view. */
  showLink: (id: string) => void
}

function LinkTypeSelect(props: { label: string; value: LinkType; onChange: (t: LinkType) => void }): ReactElement {
  return (
    <select aria-label={props.label} value={props.value} onChange={(e) => props.onChange(e.target.value as LinkType)}>
      {LINK_TYPE_LIST.map((t) => (
        <option key={t} value={t}>
          {LINK_TYPE_LABELS[t]}
        </option>
      ))}
    </select>
  )
}

/** Tags of a link or of the pair: chips to remove, a type-ahead to add (or create) one. */
function Tags(props: { label: string; tagIds: string[]; codebook: Codebook; onChange: (tagIds: string[]) => void; createTag: PanelActions['createTag'] }): ReactElement {
  return (
    <div className="editor-tags">
      {props.tagIds.map((id) => props.codebook.byId.get(id)).map((t) => t && <TagChip key={t.id} tag={t} onRemove={() => props.onChange(props.tagIds.filter((x) => x !== t.id))} />)}
      <TagPicker
        label={props.label}
        tags={props.codebook.tags}
        exclude={props.tagIds}
        onPick={(id) => props.onChange([...props.tagIds, id])}
        onCreate={async (name) => {
          const id = await props.createTag(name)
          if (id) props.onChange([...props.tagIds, id])
        }}
      />
    </div>
  )
}

export interface Codebook {
  tags: TagWithCount[]
  byId: Map<string, TagWithCount>
}

interface PanelProps {
  codebook: Codebook
  view: ComparisonView
  current: string | null
  hovered: string | null
  pinned: { left?: Span; right?: Span }
  onHover: (id: string | null) => void
  actions: PanelActions
}

/** The comparison's side panel: links to confirm or edit, differences, who said what, the pair's note. */
export function ComparisonPanel(props: PanelProps): ReactElement {
  const [tab, setTab] = useState<Tab>('links')
  const { view, actions } = props
  const open = view.suggestions.filter((s) => s.state === 'suggested')
  const tabs: Array<[Tab, string]> = [
    ['links', `Links (${view.links.length}/${open.length})`],
    ['differences', 'Differences'],
    ['statements', `Who said what (${view.statements.length})`],
    ['note', 'Note'],
  ]
  return (
    <aside className="pane sidebar compare-panel" aria-label="Comparison">
      <div className="compare-tabs" role="tablist" aria-label="Comparison views">
        {tabs.map(([t, label]) => (
          <button key={t} type="button" role="tab" aria-selected={tab === t} className={tab === t ? 'is-on' : ''} onClick={() => setTab(t)}>
            {label}
          </button>
        ))}
      </div>
      <div className="compare-panel-body">
        {tab === 'links' && <LinksTab {...props} open={open} />}
        {tab === 'differences' && <DifferencesTab view={view} show={actions.show} />}
        {tab === 'statements' && <StatementsTab view={view} show={actions.show} />}
        {tab === 'note' && <Tags label="Tag this comparison" tagIds={view.tagIds} codebook={props.codebook} onChange={actions.setPairTags} createTag={actions.createTag} />}
        {tab === 'note' && (
          <label className="note-label">
            Note on this comparison (kept with the pair, exported with it)
            <textarea
              key={`${view.left.id}|${view.right.id}`}
              rows={10}
              defaultValue={view.note}
              placeholder="What sets these two reports apart…"
              onBlur={(e) => e.target.value !== view.note && actions.setNote(e.target.value)}
            />
          </label>
        )}
      </div>
    </aside>
  )
}

function LinksTab(props: PanelProps & { open: SuggestedLink[] }): ReactElement {
  const { view, actions, pinned } = props
  const [handType, setHandType] = useState<LinkType>('same-fact')
  const [handNote, setHandNote] = useState('')
  return (
    <>
      <section className="link-by-hand" aria-label="Link by hand">
        <h3>Link by hand</h3>
        <p className="muted">Select a passage in each report, then link them.</p>
        <p className="pinned">
          <span>{pinned.left ? `“${clip(pinned.left.text, 60)}”` : 'Left: no passage selected'}</span>
          <span>{pinned.right ? `“${clip(pinned.right.text, 60)}”` : 'Right: no passage selected'}</span>
        </p>
        <div className="row">
          <LinkTypeSelect label="Type of the new link" value={handType} onChange={setHandType} />
          <input aria-label="Note on the new link" placeholder="Note (optional)" value={handNote} onChange={(e) => setHandNote(e.target.value)} />
          <button
            type="button"
            disabled={!pinned.left || !pinned.right}
            onClick={() => {
              actions.linkByHand(handType, handNote)
              setHandNote('')
            }}
          >
            Link
          </button>
        </div>
      </section>
      <h3>Kept links ({view.links.length})</h3>
      {view.links.length === 0 && <p className="empty-state">No links kept yet: confirm a suggestion below or link two passages by hand.</p>}
      <ol className="link-list">
        {view.links.map((l) => (
          <SavedLinkCard key={l.id} link={l} {...props} />
        ))}
      </ol>
      <h3>Suggested by the alignment ({props.open.length})</h3>
      {props.open.length === 0 && <p className="empty-state">No open suggestions.</p>}
      <ol className="link-list">
        {props.open.map((s) => (
          <SuggestionCard key={s.key} s={s} {...props} />
        ))}
      </ol>
      {view.suggestions.some((s) => s.state === 'rejected') && <p className="muted">{view.suggestions.filter((s) => s.state === 'rejected').length} rejected suggestion(s) hidden.</p>}
    </>
  )
}

function Differences({ differences }: { differences: SuggestedLink['differences'] }): ReactElement | null {
  if (!differences.length) return null
  return (
    <dl className="fact-diff" aria-label="Differences in the facts">
      {differences.map((d, i) => (
        <div key={i} className={`fact fact-${d.kind}${d.left && d.right ? ' is-mismatch' : ''}`}>
          <dt>{d.kind}</dt>
          <dd>
            <span>{d.left || '—'}</span>
            <span aria-hidden="true"> ≠ </span>
            <span>{d.right || '—'}</span>
          </dd>
        </div>
      ))}
    </dl>
  )
}

function SuggestionCard(props: { s: SuggestedLink; current: string | null; hovered: string | null; onHover: (id: string | null) => void; actions: PanelActions }): ReactElement {
  const { s, actions } = props
  const [type, setType] = useState<LinkType>(s.kind)
  return (
    <li
      className={`link-card${props.current === s.key ? ' is-current' : ''}${props.hovered === s.key ? ' is-hovered' : ''}`}
      onPointerEnter={() => props.onHover(s.key)}
      onPointerLeave={() => props.onHover(null)}
    >
      <button type="button" className="link-ends" aria-label={`Show suggested link: ${clip(s.left.text, 60)}`} onClick={() => actions.showLink(s.key)}>
        <span className="strength" style={{ ['--strength' as string]: s.score }} title={`Strength ${s.score.toFixed(2)}`} />
        <q>{clip(s.left.text)}</q>
        <q>{clip(s.right.text)}</q>
      </button>
      <Differences differences={s.differences} />
      <div className="row">
        <LinkTypeSelect label="Type of link" value={type} onChange={setType} />
        <button type="button" onClick={() => actions.confirm(s, type)}>
          Confirm
        </button>
        <button type="button" className="quiet" onClick={() => actions.reject(s)}>
          Reject
        </button>
      </div>
    </li>
  )
}

function SavedLinkCard(props: {
  codebook: Codebook
  link: SavedLink
  view: ComparisonView
  current: string | null
  hovered: string | null
  onHover: (id: string | null) => void
  actions: PanelActions
}): ReactElement {
  const { link, actions } = props
  const suggestion = props.view.suggestions.find((s) => s.linkId === link.id)
  return (
    <li
      className={`link-card is-kept${props.current === link.id ? ' is-current' : ''}${props.hovered === link.id ? ' is-hovered' : ''}`}
      onPointerEnter={() => props.onHover(link.id)}
      onPointerLeave={() => props.onHover(null)}
    >
      <button type="button" className="link-ends" aria-label={`Show link: ${clip(link.left?.text ?? '', 60)}`} onClick={() => actions.showLink(link.id)}>
        <span className="badge">{link.origin === 'manual' ? 'By hand' : 'Confirmed'}</span>
        <q>{link.left ? clip(link.left.text) : 'This passage can no longer be found on the left.'}</q>
        <q>{link.right ? clip(link.right.text) : 'This passage can no longer be found on the right.'}</q>
      </button>
      {suggestion && <Differences differences={suggestion.differences} />}
      <div className="row">
        <LinkTypeSelect label="Type of link" value={link.linkType} onChange={(linkType) => actions.updateLink(link.id, { linkType })} />
        <button type="button" className="quiet" onClick={() => actions.deleteLink(link.id)}>
          Delete
        </button>
      </div>
      <Tags label="Tag this link" tagIds={link.tagIds} codebook={props.codebook} onChange={(tagIds) => actions.updateLink(link.id, { tagIds })} createTag={actions.createTag} />
      <textarea
        key={link.id + link.note}
        aria-label="Note on this link"
        rows={2}
        defaultValue={link.note}
        placeholder="Note on this link…"
        onBlur={(e) => e.target.value !== link.note && actions.updateLink(link.id, { note: e.target.value })}
      />
    </li>
  )
}
