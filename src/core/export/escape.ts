/** Escaping for each output format: whatever the researcher typed stays text. */

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')
}

/** XML 1.0 text or attribute: markup escaped, and the control characters XML cannot carry at all dropped. */
export function escapeXml(text: string): string {
  return escapeHtml(text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, ''))
}

/**
 * Markdown text: whatever Markdown (CommonMark + GFM) could read as syntax is escaped, and only
 * that, so notes stay readable in a notebook: emphasis, code, links, brackets and table pipes
 * anywhere; list, heading and setext markers at the start of a line; "://", "www." and "a@b" so
 * nothing becomes a link by itself. HTML's < > & become entities, so nothing turns into live HTML.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_{}[\]()|~]/g, '\\$&')
    .replace(/^(\s*)([#+-]|\d+[.)])(?=\s|$)/gm, (_m, space: string, marker: string) => `${space}${marker.replace(/([#+\-.)])/, '\\$1')}`)
    .replace(/^(\s*)([=-]+)\s*$/gm, (_m, space: string, rule: string) => `${space}\\${rule}`)
    .replace(/:\/\//g, '\\://')
    .replace(/\bwww\./gi, (m) => `${m.slice(0, -1)}\\.`)
    .replace(/(\w)@(\w)/g, '$1\\@$2')
}

/** Markdown text inside a block quote: escaped, each line prefixed with "> ". */
export function markdownQuote(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => `> ${escapeMarkdown(line)}`.trimEnd())
    .join('\n')
}

/** A table cell: escaped, on one line. */
export function markdownCell(text: string): string {
  return escapeMarkdown(text).replace(/\r?\n/g, ' ')
}

/**
 * A spreadsheet cell that a program could read as a formula (=, +, -, @, tab, CR first) gets a
 * leading apostrophe (OWASP CSV injection); the text after it is unchanged.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
}

/** A stable GUID from a seed (FNV-1a over four lanes), for things that have no id of their own. */
export function guidFrom(seed: string): string {
  const lanes = [0x811c9dc5, 0x01000193, 0x9e3779b9, 0x85ebca6b]
  for (let i = 0; i < seed.length; i++) {
    const c = seed.charCodeAt(i)
    for (let l = 0; l < 4; l++) lanes[l] = Math.imul(lanes[l]! ^ (c + l * 131), 0x01000193) >>> 0
  }
  const hex = lanes.map((x) => x.toString(16).padStart(8, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`.toUpperCase()
}

/** UTF-16 offset → Unicode code point offset (QDA-XML counts code points). */
export function codePointOffset(text: string, utf16: number): number {
  let n = 0
  for (let i = 0; i < utf16 && i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < utf16) i++
    n++
  }
  return n
}
