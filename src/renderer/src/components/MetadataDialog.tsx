import { useState, type ReactElement } from 'react'
import type { ArticleSummary } from '@shared/types'

/** Corrects an article's title, date, outlet and author; stored by Parallax, never in the file. */
export function MetadataDialog(props: { summary: ArticleSummary; onSave: (o: { title: string; date: string; outlet: string; author: string }) => Promise<void>; onClose: () => void }): ReactElement {
  const s = props.summary
  const [form, setForm] = useState({ title: s.title, date: s.date?.slice(0, 10) ?? '', outlet: s.outlet ?? '', author: s.author ?? '' })
  const [error, setError] = useState<string | null>(null)
  const field = (key: keyof typeof form, label: string, type = 'text'): ReactElement => (
    <label>
      {label}
      <input type={type} value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />
    </label>
  )
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label="Article details" onKeyDown={(e) => e.key === 'Escape' && props.onClose()}>
      <form
        className="dialog form"
        onSubmit={(e) => {
          e.preventDefault()
          props.onSave(form).then(props.onClose, (err: Error) => setError(err.message))
        }}
      >
        <h2>Article details</h2>
        <p className="muted small">Corrections are kept in Parallax; the file {s.path} is not changed. Clear a field to use the file's value again.</p>
        {field('title', 'Title')}
        {field('date', 'Date', 'date')}
        {field('outlet', 'Outlet')}
        {field('author', 'Author')}
        {error && <p className="error-state">{error}</p>}
        <div className="editor-actions">
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" className="primary">
            Save
          </button>
        </div>
      </form>
    </div>
  )
}
