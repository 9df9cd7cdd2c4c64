// One formatter each: `toLocaleString` builds a new Intl formatter per call, which cost ~30 ms
// per render of a 10,000-article library pane.
const longDate = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
const shortDate = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })
const count = new Intl.NumberFormat()

/** "2022-06-15" → "15 June 2022", without time-zone shifts. */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso)
  if (!m) return iso
  return longDate.format(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
}

export function formatShortDate(iso: string | undefined): string {
  if (!iso) return 'No date'
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso)
  if (!m) return iso
  return shortDate.format(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
}

export function plural(n: number, word: string): string {
  return `${count.format(n)} ${word}${n === 1 ? '' : 's'}`
}

/** Notes about repairs Parallax made (shown quietly), as opposed to problems needing attention. */
export function isInformational(w: { code: string }): boolean {
  return w.code === 'mojibake-repaired' || w.code === 'sentences-separated' || w.code === 'html-sanitised'
}
