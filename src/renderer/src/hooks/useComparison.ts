import { useCallback, useEffect, useRef, useState } from 'react'
import type { ComparisonView } from '@shared/types'
import { useApi, useApiEvents } from './ApiContext'

export type ComparisonState = { status: 'idle' } | { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; view: ComparisonView }

const IDLE: ComparisonState = { status: 'idle' }
const LOADING: ComparisonState = { status: 'loading' }

/** The comparison of two open articles, re-read when either article or its links change. */
export function useComparison(leftId: string | null, rightId: string | null): { state: ComparisonState; reload: () => void } {
  const api = useApi()
  const key = leftId && rightId && leftId !== rightId ? `${leftId}|${rightId}` : null
  // The last answer and the pair it answers: another pair shows "loading" until its own arrives.
  const [answer, setAnswer] = useState<{ key: string; state: ComparisonState } | null>(null)
  const state: ComparisonState = !key ? IDLE : answer?.key === key ? answer.state : LOADING
  const asked = useRef('')
  const reload = useCallback(() => {
    if (!key || !leftId || !rightId) return
    asked.current = key
    api.call('compare.open', { leftId, rightId }).then(
      (view) => asked.current === key && setAnswer({ key, state: { status: 'ready', view } }),
      (e: Error) => asked.current === key && setAnswer({ key, state: { status: 'error', message: e.message } }),
    )
  }, [api, key, leftId, rightId])
  useEffect(reload, [reload])
  useApiEvents((e) => {
    if (!leftId || !rightId) return
    if (e.type === 'annotations.changed' && (e.articleIds.includes(leftId) || e.articleIds.includes(rightId))) reload()
  })
  return { state, reload }
}
