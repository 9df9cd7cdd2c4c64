/**
 * Reads a date as researchers' files write it and returns ISO 8601, or undefined.
 * Accepts ISO dates and date-times, "15 June 2022", "June 15, 2022" and anything
 * `Date.parse` understands unambiguously; a bare date never shifts by time zone.
 */
export function parseDate(value: string): string | undefined {
  const v = value.trim()
  if (!v) return undefined
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(v)
  if (iso) {
    // The three date groups are not optional: they are set whenever the pattern matched.
    const [, y = '', m = '', d = '', hh, mm, ss, zone] = iso
    if (!validDay(+y, +m, +d)) return undefined
    if (!hh) return `${y}-${m}-${d}`
    return `${y}-${m}-${d}T${hh}:${mm}:${ss ?? '00'}${zone ?? ''}`
  }
  const slashed = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(v)
  if (slashed) return toIsoDay(Number(slashed[1]), Number(slashed[2]), Number(slashed[3]))
  if (/[a-z]/i.test(v)) {
    const parsed = Date.parse(v.replace(/(\d)(st|nd|rd|th)\b/gi, '$1'))
    if (!Number.isNaN(parsed)) {
      const date = new Date(parsed)
      // Date.parse reads a named-month date at local midnight; take its local calendar day.
      return toIsoDay(date.getFullYear(), date.getMonth() + 1, date.getDate())
    }
  }
  return undefined
}

function validDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate()
}

function toIsoDay(y: number, m: number, d: number): string | undefined {
  if (!validDay(y, m, d)) return undefined
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}
