import { app, session, shell, type WebContents } from 'electron'
import { CONTENT_SECURITY_POLICY } from '@shared/csp'

/** Opens http(s) links in the system browser; everything else (file:, javascript:, custom schemes) is dropped. */
export function openExternalSafely(url: string): void {
  try {
    const { protocol } = new URL(url)
    if (protocol === 'https:' || protocol === 'http:') void shell.openExternal(url)
  } catch {
    // not a URL: ignore
  }
}

/**
 * Electron's security checklist applied to every web contents: no new windows, no
 * navigation away from the app, no <webview>, every permission request denied, and the
 * Content-Security-Policy sent as a header as well as the meta tag.
 */
export function hardenApp(isAppUrl: (url: string) => boolean): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.setWindowOpenHandler(({ url }) => {
      openExternalSafely(url)
      return { action: 'deny' }
    })
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) {
        event.preventDefault()
        openExternalSafely(url)
      }
    })
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault()
    })
    contents.on('will-attach-webview', (event) => event.preventDefault())
  })
  app
    .whenReady()
    .then(() => {
      session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
      session.defaultSession.setPermissionCheckHandler(() => false)
      session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
        callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } })
      })
    })
    .catch((error: unknown) => {
      // Never run with the permission and CSP guards missing.
      console.error('Parallax could not apply its security settings:', error)
      app.exit(1)
    })
}
