import { protocol } from 'electron'
import { readFile } from 'node:fs/promises'
import { extname } from 'node:path'
import { CONTENT_SECURITY_POLICY } from '@shared/csp'
import { RENDERER_MIME } from '@shared/mime'
import { APP_SCHEME, rendererFileFor } from './app-url'

/** Must run before the app is ready: app:// behaves as a secure, standard origin (modules, fetch). */
export function registerAppProtocol(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }])
}

/** Serves the built renderer at app://parallax/, only files inside its folder, with the CSP header. */
export function serveAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = rendererFileFor(request.url, rendererDir)
    if (!file) return new Response('Not found', { status: 404 })
    try {
      const body = await readFile(file)
      return new Response(body, {
        headers: { 'Content-Type': RENDERER_MIME[extname(file)] ?? 'application/octet-stream', 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' },
      })
    } catch {
      return new Response('Not found', { status: 404 })
    }
  })
}
