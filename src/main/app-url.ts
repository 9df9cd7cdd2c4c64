import { normalize, join, sep } from 'node:path'

/** The app's own origin: the renderer is served from here, never from file://. */
export const APP_SCHEME = 'app'
export const APP_HOST = 'parallax'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`

/** True for a page or frame URL of the app itself (exactly its origin; any path). */
export function isAppOrigin(url: string): boolean {
  try {
    const u = new URL(url)
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && !u.username && !u.password
  } catch {
    return false
  }
}

/**
 * The file inside the built renderer folder that an app:// request names, or undefined for
 * anything else (another host, a path that leaves the folder, a malformed address).
 */
export function rendererFileFor(url: string, rendererDir: string): string | undefined {
  if (!isAppOrigin(url)) return undefined
  let path: string
  try {
    path = decodeURIComponent(new URL(url).pathname)
  } catch {
    return undefined
  }
  if (path.includes('\0')) return undefined
  const base = normalize(rendererDir)
  const file = normalize(join(base, path === '/' ? 'index.html' : path))
  return file.startsWith(base + sep) ? file : undefined
}
