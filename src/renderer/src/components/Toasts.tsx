import type { ReactElement } from 'react'

export interface Toast {
  id: number
  level: 'info' | 'warning' | 'error'
  message: string
  action?: { label: string; run: () => void }
}

/** Messages in a polite live region; errors are announced assertively. */
export function Toasts({ toasts, dismiss }: { toasts: Toast[]; dismiss: (id: number) => void }): ReactElement {
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast-${t.level}`} role={t.level === 'error' ? 'alert' : undefined}>
          <span>{t.message}</span>
          {t.action && (
            <button type="button" className="link-button" onClick={() => (t.action!.run(), dismiss(t.id))}>
              {t.action.label}
            </button>
          )}
          <button type="button" className="toast-close" aria-label="Dismiss" onClick={() => dismiss(t.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  )
}
