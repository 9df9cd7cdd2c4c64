import { useCallback, useEffect, useState } from 'react'
import type { AppInfo } from '@shared/types'
import { useApi, useApiEvents } from './ApiContext'
import type { Toaster } from './useToasts'

export interface UndoState {
  canUndo?: string
  canRedo?: string
  undo: () => void
  redo: () => void
}

/**
 * What the host says about itself (folder, host kind, how the folder is watched), its start-up
 * notices as toasts, and undo/redo with what each would undo, kept current by events.
 */
export function useAppInfo({ toast, fail }: Toaster): { info: AppInfo | null; history: UndoState } {
  const api = useApi()
  const [info, setInfo] = useState<AppInfo | null>(null)
  const [labels, setLabels] = useState<{ canUndo?: string; canRedo?: string }>({})
  useEffect(() => {
    api.call('app.info', {}).then((i) => {
      setInfo(i)
      setLabels({ canUndo: i.canUndo, canRedo: i.canRedo })
      for (const n of i.notices) toast('warning', n)
    }, fail)
  }, [api, toast, fail])
  useApiEvents((e) => {
    if (e.type === 'notice') toast(e.level, e.message)
    if (e.type === 'watch.changed') setInfo((i) => (i ? { ...i, watch: e.status } : i))
    if (e.type === 'history.changed') setLabels({ canUndo: e.canUndo, canRedo: e.canRedo })
  })
  const replay = useCallback(
    async (direction: 'undo' | 'redo') => {
      try {
        const r = await api.call(direction === 'undo' ? 'history.undo' : 'history.redo', {})
        setLabels({ canUndo: r.canUndo, canRedo: r.canRedo })
        toast('info', r.label ? `${direction === 'undo' ? 'Undone' : 'Redone'}: ${r.label}` : `Nothing to ${direction}.`)
      } catch (e) {
        fail(e)
      }
    },
    [api, toast, fail],
  )
  const undo = useCallback(() => void replay('undo'), [replay])
  const redo = useCallback(() => void replay('redo'), [replay])
  return { info, history: { ...labels, undo, redo } }
}
