import { useCallback, useState } from 'react'
import type { Toast } from '../components/Toasts'

export interface Toaster {
  toasts: Toast[]
  toast: (level: Toast['level'], message: string, action?: Toast['action']) => void
  /** Shows an error's message (the host's messages are written for the researcher). */
  fail: (error: unknown) => void
  dismiss: (id: number) => void
}

/** Short messages at the bottom of the window; errors stay longer. */
export function useToasts(): Toaster {
  const [toasts, setToasts] = useState<Toast[]>([])
  const toast = useCallback((level: Toast['level'], message: string, action?: Toast['action']) => {
    const id = Date.now() + Math.random()
    setToasts((t) => [...t.slice(-3), { id, level, message, action }])
    window.setTimeout(() => setToasts((t) => t.filter((x) => x.id !== id)), level === 'error' ? 12000 : 6000)
  }, [])
  const fail = useCallback((e: unknown) => toast('error', e instanceof Error ? e.message : String(e)), [toast])
  const dismiss = useCallback((id: number) => setToasts((t) => t.filter((x) => x.id !== id)), [])
  return { toasts, toast, fail, dismiss }
}
