import { reviseRecord } from '@core/annotations/records'
import type { Handlers } from '@shared/contract'
import type { Stored, Workspace } from '../workspace'

type HistoryHandlers = Pick<Handlers, 'history.undo' | 'history.redo'>

/** Undo and redo of annotation and codebook changes, as new versions (never by rewriting history). */
export function historyHandlers(ws: Workspace): HistoryHandlers {
  const current = (record: Stored): Stored => (record.kind === 'tag' ? (ws.store.codebook.records[record.id] ?? record) : (ws.store.findById(record.id) ?? record))

  const replay = async (direction: 'undo' | 'redo'): Promise<{ label: string | null; canUndo?: string; canRedo?: string }> => {
    const entry = direction === 'undo' ? ws.history.takeUndo() : ws.history.takeRedo()
    if (!entry) return { label: null, canUndo: ws.history.canUndo, canRedo: ws.history.canRedo }
    const changes = entry.changes.map(({ before, after }) => {
      const now = current(after)
      const content = direction === 'undo' ? before : after
      const next = content ? reviseRecord(ws.ctx, now, { ...content, version: now.version, id: now.id }) : reviseRecord(ws.ctx, now, { deleted: true } as Partial<Stored>)
      return { before: now, after: next as Stored }
    })
    await ws.commit(entry.label, changes, false)
    return { label: entry.label, canUndo: ws.history.canUndo, canRedo: ws.history.canRedo }
  }

  return {
    'history.undo': () => replay('undo'),
    'history.redo': () => replay('redo'),
  }
}
