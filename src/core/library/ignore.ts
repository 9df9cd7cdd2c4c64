/**
 * Files a researcher's folder contains that are not articles and must not be listed:
 * hidden files and folders (including Parallax's own `.parallax`), editor temp and lock files,
 * partial downloads and OS junk.
 */
const JUNK_NAMES = new Set(['.ds_store', 'thumbs.db', 'desktop.ini', 'icon\r', '__macosx'])
const JUNK_PATTERNS = [/^~\$/, /^\.~lock\./, /\.swp$/i, /\.swo$/i, /~$/, /\.tmp$/i, /\.crdownload$/i, /\.part$/i, /\.download$/i, /^#.*#$/]

/** True when a path (relative to the library, `/`-separated) should not be shown or watched. */
export function isIgnoredPath(relativePath: string): boolean {
  return relativePath.split('/').some((segment) => isIgnoredName(segment))
}

export function isIgnoredName(name: string): boolean {
  if (name === '' || name === '.') return false
  if (name.startsWith('.')) return true
  if (JUNK_NAMES.has(name.toLowerCase())) return true
  return JUNK_PATTERNS.some((p) => p.test(name))
}
