import { useCallback, useEffect, useRef, useState } from 'react'
import type { ComparisonView } from '../../../shared/types'
import { useApi, useApiEvents } from './ApiContext'

export type ComparisonState = { status: 'idle' } | { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; view: ComparisonView }

/** The comparison of two open articles, re-read when either article or its links change. */
export function useComparison(leftId: string | null, rightId: string | null): { state: ComparisonState; reload: () => void } {
  const api = useApi()
  const [state, setState] = useState<ComparisonState>({ status: 'idle' })
  const asked = useRef('')
  const reload = useCallback(() => {
    if (!leftId || !rightId || leftId === rightId) return setState({ status: 'idle' })
    const key = `${leftId}|${rightId}`
    asked.current = key
    api.call('compare.open', { leftId, rightId }).then(
      (view) => asked.current === key && setState({ status: 'ready', view }),
      (e: Error) => asked.current === key && setState({ status: 'error', message: e.message }),
    )
  }, [api, leftId, rightId])
  useEffect(() => {
    setState((s) => (s.status === 'ready' && s.view.left.id === leftId && s.view.right.id === rightId ? s : { status: 'loading' }))
    reload()
  }, [reload, leftId, rightId])
  useApiEvents((e) => {
    if (!leftId || !rightId) return
    if (e.type === 'annotations.changed' && (e.articleIds.includes(leftId) || e.articleIds.includes(rightId))) reload()
  })
  return { state, reload }
}
