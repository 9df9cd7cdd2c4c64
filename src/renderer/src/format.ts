/** "2022-06-15" → "15 June 2022", without time-zone shifts. */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso)
  if (!m) return iso
  const date = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]))
  return date.toLocaleDateString(undefined, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
}

export function formatShortDate(iso: string | undefined): string {
  if (!iso) return 'No date'
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso)
  if (!m) return iso
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })
}

export function plural(n: number, word: string): string {
  return `${n.toLocaleString()} ${word}${n === 1 ? "" : "s"}`
}

/** Notes about repairs Parallax made (shown quietly), as opposed to problems needing attention. */
export function isInformational(w: { code: string }): boolean {
  return w.code === 'mojibake-repaired' || w.code === 'html-sanitised'
}
