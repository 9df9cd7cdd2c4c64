import { createContext, useContext, useEffect, useEffectEvent } from 'react'
import type { Client } from '../api/client'
import type { ApiEvent } from '@shared/types'

export const ApiContext = createContext<Client | null>(null)

export function useApi(): Client {
  const api = useContext(ApiContext)
  if (!api) throw new Error('useApi outside ApiContext')
  return api
}

/** Subscribes to host events for the component's lifetime; the latest handler is always used. */
export function useApiEvents(handler: (event: ApiEvent) => void): void {
  const api = useApi()
  const onEvent = useEffectEvent(handler)
  useEffect(() => api.subscribe((e) => onEvent(e)), [api])
}
