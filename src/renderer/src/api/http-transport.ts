import type { ApiEvent } from '@shared/types'
import type { Transport } from './client'

/**
 * Takes the access token from the URL once, removes it from the address bar, and keeps it in
 * this tab's history entry, which survives a reload as sessionStorage would, without
 * sessionStorage's synchronous first read from the browser process at start-up.
 */
function accessToken(): string {
  const url = new URL(window.location.href)
  const fromUrl = url.searchParams.get('token')
  if (fromUrl) {
    url.searchParams.delete('token')
    window.history.replaceState({ token: fromUrl }, '', url.pathname + url.search + url.hash)
    return fromUrl
  }
  const kept = (window.history.state as { token?: unknown } | null)?.token
  return typeof kept === 'string' ? kept : ''
}

/** The browser host: POST /api/<method> with a bearer token; events over server-sent events. */
export function createHttpTransport(): Transport {
  const token = accessToken()
  return {
    async call(method, args) {
      let response: Response
      try {
        response = await fetch(`/api/${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify(args ?? {}),
        })
      } catch {
        return { ok: false, error: { code: 'offline', message: 'Parallax cannot reach its server. Is `parallax serve` still running?' } }
      }
      if (response.status === 401) {
        return { ok: false, error: { code: 'forbidden', message: 'This page has no valid access token. Open the URL that `parallax serve` printed.' } }
      }
      return (await response.json()) as Awaited<ReturnType<Transport['call']>>
    },
    subscribe(listener, onOpen) {
      // The host registers the stream before it answers, so once `open` fires no later event is
      // missed. EventSource reconnects by itself after a drop, and fires `open` again.
      const source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`)
      source.onopen = onOpen
      source.onmessage = (message) => listener(JSON.parse(message.data as string) as ApiEvent)
      return () => source.close()
    },
  }
}
