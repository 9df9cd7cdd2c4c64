import { useState, type ReactElement } from 'react'
import type { Entity } from '@core/compare/types'
import type { ComparisonView } from '@shared/types'
import { clip } from './clip'
import type { PanelActions } from './ComparisonPanel'

/** What only one report names, and what each report quotes whom as saying. */
const TYPE_LABEL: Record<Entity['type'], string> = { person: 'person', place: 'place', organisation: 'org.', topic: 'topic' }

export function DifferencesTab({ view, show }: { view: ComparisonView; show: PanelActions['show'] }): ReactElement {
  const [cursor, setCursor] = useState<Record<string, number>>({})
  const column = (title: string, list: Entity[]): ReactElement => (
    <section className="entity-column" aria-label={title}>
      <h3>
        {title} ({list.length})
      </h3>
      <ul>
        {list.map((e) => {
          const key = `${title}:${e.name}`
          return (
            <li key={key}>
              <button
                type="button"
                onClick={() => {
                  // Each click shows the next mention.
                  const i = (cursor[key] ?? 0) % e.mentions.length
                  const m = e.mentions[i]!
                  setCursor((c) => ({ ...c, [key]: i + 1 }))
                  show(m.side, m.start, m.end)
                }}
              >
                {e.name} <span className="muted">{TYPE_LABEL[e.type]}</span> <span className="count">{e.mentions.length}</span>
              </button>
            </li>
          )
        })}
      </ul>
    </section>
  )
  return (
    <div className="entity-columns">
      {column('Only on the left', view.entities.onlyLeft)}
      {column('In both', view.entities.both)}
      {column('Only on the right', view.entities.onlyRight)}
      <p className="muted">
        {view.onlyLeft.length} passages only on the left, {view.onlyRight.length} only on the right (tinted in the readers when “Only in this report” is on).
      </p>
    </div>
  )
}

export function StatementsTab({ view, show }: { view: ComparisonView; show: PanelActions['show'] }): ReactElement {
  if (!view.statements.length) return <p className="empty-state">No statement is attributed to a speaker in either report.</p>
  return (
    <table className="statements">
      <thead>
        <tr>
          <th scope="col">Speaker</th>
          <th scope="col">Statement</th>
          <th scope="col">Report</th>
        </tr>
      </thead>
      <tbody>
        {view.statements.map((s, i) => (
          <tr key={i} onClick={() => show(s.side, s.start, s.end)}>
            <th scope="row">{s.speaker}</th>
            <td>
              <button type="button" className="link-button" onClick={() => show(s.side, s.start, s.end)}>
                {clip(s.text, 200)}
              </button>
            </td>
            <td>{s.side === 'left' ? 'Left' : 'Right'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
