import { useEffect, useRef, useState, type ReactElement } from 'react'
import type { ExportFile, ExportFormat, ExportScope, TagWithCount } from '@shared/types'
import { useApi, useApiEvents } from '../hooks/ApiContext'
import { usePersistentState } from '../hooks/usePersistentState'
import type { Toaster } from '../hooks/useToasts'

const FORMATS: Array<[ExportFormat, string, string]> = [
  ['markdown', 'Markdown notes', 'For Obsidian, Zotero and other notebooks'],
  ['csv', 'CSV table', 'For R, pandas and spreadsheets (UTF-8 with BOM)'],
  ['w3c', 'W3C Web Annotation (JSON-LD)', 'The standard exchange format; imports back into Parallax'],
  ['html', 'HTML report (print to PDF)', 'A typeset report with highlights in their colours'],
  ['qdpx', 'REFI-QDA project (.qdpx)', 'For ATLAS.ti, MAXQDA, NVivo, QualCoder'],
]

type ScopeKind = ExportScope['kind']

/** How many articles the preview reads. */
const PREVIEW_ARTICLES = 20

/** Saves a file the way each host does: a download in the browser, Electron's save dialog on the desktop. */
function save(file: ExportFile): void {
  const bytes = file.encoding === 'base64' ? Uint8Array.from(atob(file.content), (c) => c.charCodeAt(0)) : new TextEncoder().encode(file.content)
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mimeType }))
  const a = document.createElement('a')
  a.href = url
  a.download = file.fileName
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

const toBase64 = async (file: File): Promise<string> => {
  const bytes = new Uint8Array(await file.arrayBuffer())
  let s = ''
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(s)
}

/**
 * Export annotated notes (scope, format, a live preview of the start of the file, choices
 * remembered) and import annotations back from W3C JSON-LD or a .qdpx project.
 */
export function ExportDialog(props: { articleId: string | null; comparison: { leftId: string; rightId: string } | null; tags: TagWithCount[]; toaster: Toaster; onClose: () => void }): ReactElement {
  const api = useApi()
  const [format, setFormat] = usePersistentState<ExportFormat>('exportFormat', 'markdown')
  const [kind, setKind] = usePersistentState<ScopeKind>('exportScope', 'article')
  const [tagId, setTagId] = useState(props.tags[0]?.id ?? '')
  const [answer, setAnswer] = useState<{ asked: string; file?: ExportFile; error?: string } | null>(null)
  const [running, setRunning] = useState<{ id: string; done: number; total: number } | null>(null)
  useApiEvents((e) => {
    if (e.type === 'export.progress') setRunning((r) => (r && r.id === e.exportId ? { ...r, done: e.done, total: e.total } : r))
  })
  const importRef = useRef<HTMLInputElement>(null)
  const dialogRef = useRef<HTMLDivElement>(null)

  const available: Record<ScopeKind, boolean> = { article: !!props.articleId, comparison: !!props.comparison, tag: props.tags.length > 0, library: true }
  const effectiveKind: ScopeKind = available[kind] ? kind : props.comparison ? 'comparison' : props.articleId ? 'article' : 'library'
  const scope: ExportScope | null =
    effectiveKind === 'article' && props.articleId
      ? { kind: 'article', articleId: props.articleId }
      : effectiveKind === 'comparison' && props.comparison
        ? { kind: 'comparison', ...props.comparison }
        : effectiveKind === 'tag' && tagId
          ? { kind: 'tag', tagId }
          : { kind: 'library' }
  const scopeKey = JSON.stringify(scope)
  const asked = `${format}|${scopeKey}`
  // The preview shown is the answer to the current choices; until it arrives, none.
  const preview = answer?.asked === asked ? answer : null

  useEffect(() => {
    let live = true
    // The preview reads the first articles only: it answers at once even for a whole library.
    api.call('export.run', { scope: JSON.parse(scopeKey) as ExportScope, format, previewArticles: PREVIEW_ARTICLES }).then(
      (file) => live && setAnswer({ asked, file }),
      (e: Error) => live && setAnswer({ asked, error: e.message }),
    )
    return () => void (live = false)
  }, [api, scopeKey, format, asked])

  useEffect(() => dialogRef.current?.querySelector<HTMLElement>('input, select, button')?.focus(), [])

  const run = async (): Promise<void> => {
    const id = crypto.randomUUID()
    setRunning({ id, done: 0, total: 0 })
    try {
      const file = await api.call('export.run', { scope: scope!, format, exportId: id })
      save(file)
      props.toaster.toast('info', `Exported ${file.counts.highlights} highlights, ${file.counts.notes} notes and ${file.counts.links} links to ${file.fileName}.`)
      props.onClose()
    } catch (e) {
      if ((e as { code?: string }).code === 'cancelled') props.toaster.toast('info', 'Export cancelled.')
      else props.toaster.fail(e)
    } finally {
      setRunning(null)
    }
  }

  // Desktop only: the report printed by Chromium's print engine, saved where the user chooses.
  const savePdf = async (): Promise<void> => {
    setRunning({ id: 'pdf', done: 0, total: 0 })
    try {
      const saved = await api.savePdf!(scope!)
      if (saved) {
        props.toaster.toast('info', `Saved the report of ${saved.counts.highlights} highlights as ${saved.path}.`)
        props.onClose()
      }
    } catch (e) {
      props.toaster.fail(e)
    } finally {
      setRunning(null)
    }
  }

  const importFile = async (file: File): Promise<void> => {
    try {
      const s = await api.call('import.run', { fileName: file.name, base64: await toBase64(file) })
      const parts = [`Imported ${s.highlights} highlights, ${s.notes} notes, ${s.links} links, ${s.tags} new tags`, s.duplicates ? `${s.duplicates} already in the library` : '']
      props.toaster.toast(
        s.unmatched.length ? 'warning' : 'info',
        `${parts.filter(Boolean).join('; ')}.${s.unmatched.length ? ` Not imported: ${s.unmatched.slice(0, 3).join(' ')}${s.unmatched.length > 3 ? ` (and ${s.unmatched.length - 3} more)` : ''}` : ''}`,
      )
    } catch (e) {
      props.toaster.fail(e)
    }
  }

  const scopeLabel: Record<ScopeKind, string> = { article: 'This article', comparison: 'This comparison', tag: 'Everything under a tag', library: 'The whole library' }
  const previewText = preview?.file
    ? preview.file.encoding === 'base64'
      ? `A zip file (${preview.file.fileName}): project.qde and sources/ for ${preview.file.counts.articles} articles.`
      : preview.file.content.split('\n').slice(0, 40).join('\n')
    : ''
  return (
    <div className="overlay" role="presentation" onClick={props.onClose}>
      <div
        ref={dialogRef}
        className="dialog export-dialog"
        role="dialog"
        aria-modal="true"
        aria-label="Export annotated notes"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => e.key === 'Escape' && props.onClose()}
      >
        <h2>Export annotated notes</h2>
        <div className="export-grid">
          <fieldset>
            <legend>What</legend>
            {(Object.keys(scopeLabel) as ScopeKind[]).map((k) => (
              <label key={k} className={available[k] ? '' : 'is-disabled'}>
                <input type="radio" name="export-scope" value={k} checked={effectiveKind === k} disabled={!available[k]} onChange={() => setKind(k)} /> {scopeLabel[k]}
              </label>
            ))}
            {effectiveKind === 'tag' && (
              <select aria-label="Tag to export" value={tagId} onChange={(e) => setTagId(e.target.value)}>
                {props.tags.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name} ({t.count})
                  </option>
                ))}
              </select>
            )}
          </fieldset>
          <fieldset>
            <legend>Format</legend>
            {FORMATS.map(([f, label, hint]) => (
              <label key={f} title={hint}>
                <input type="radio" name="export-format" value={f} checked={format === f} onChange={() => setFormat(f)} /> {label}
                <span className="muted"> — {hint}</span>
              </label>
            ))}
          </fieldset>
        </div>
        <section className="export-preview" aria-label="Preview">
          <h3>
            Preview{' '}
            {preview?.file && (
              <span className="muted">
                · {preview.file.fileName} · {preview.file.counts.highlights} highlights, {preview.file.counts.notes} notes, {preview.file.counts.links} links
              </span>
            )}
          </h3>
          {preview?.error ? (
            <p className="error-state" role="alert">
              {preview.error}
            </p>
          ) : (
            <pre tabIndex={0}>{preview ? previewText : 'Preparing…'}</pre>
          )}
        </section>
        <div className="dialog-actions">
          <button type="button" className="quiet" onClick={() => importRef.current?.click()}>
            Import annotations…
          </button>
          <input
            ref={importRef}
            type="file"
            hidden
            accept=".json,.jsonld,.qdpx"
            aria-label="Choose an annotation file to import"
            onChange={(e) => {
              const f = e.target.files?.[0]
              e.target.value = ''
              if (f) void importFile(f)
            }}
          />
          <span className="spacer" />
          {running ? (
            <>
              <span className="muted" role="status" aria-live="polite">
                {running.total ? `Reading articles… ${running.done.toLocaleString()} of ${running.total.toLocaleString()}` : 'Exporting…'}
              </span>
              <button type="button" className="quiet" onClick={() => void api.call('export.cancel', { exportId: running.id })}>
                Stop export
              </button>
            </>
          ) : (
            <button type="button" className="quiet" onClick={props.onClose}>
              Cancel
            </button>
          )}
          {format === 'html' && api.savePdf && (
            <button type="button" disabled={!!running || !preview?.file} onClick={() => void savePdf()}>
              Save as PDF…
            </button>
          )}
          <button type="button" className="primary" disabled={!!running || !preview?.file} onClick={() => void run()}>
            Export
          </button>
        </div>
      </div>
    </div>
  )
}
