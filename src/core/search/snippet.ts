import { stemOf } from '../compare/tokens'
import { fold, spellingVariants } from './query'

export interface Snippet {
  /** The text around the first match, whitespace collapsed, with an ellipsis where it was cut. */
  text: string
  /** Ranges of `text` to mark: whole words (or whole phrases), never parts of other words. */
  marks: Array<[number, number]>
  /** Offset in the article text where the snippet starts. */
  offset: number
  /** Offset in the article text of the first match. */
  firstMatch?: number
}

/** A word part of the article text: a compound ("co-operation") has one part per piece. */
interface Part {
  start: number
  end: number
  folded: string
  /** The whole compound this part belongs to, folded without its hyphens. */
  compound: { start: number; end: number; folded: string }
}

function partsOf(text: string): Part[] {
  const out: Part[] = []
  for (const m of text.matchAll(/[\p{L}\p{N}]+(?:[-‐‑'’][\p{L}\p{N}]+)*/gu)) {
    const start = m.index
    const compound = { start, end: start + m[0].length, folded: fold(m[0]).replace(/[-‐‑'’]/g, '') }
    for (const p of m[0].matchAll(/[\p{L}\p{N}]+/gu)) out.push({ start: start + p.index, end: start + p.index + p[0].length, folded: fold(p[0]), compound })
  }
  return out
}

/** Query words match article words by folded form, Porter2 stem, spelling variant, or as a prefix being typed. */
function matcher(word: string, prefix: boolean): (folded: string) => boolean {
  const forms = new Set(spellingVariants(fold(word)))
  const stems = new Set([...forms].map(stemOf))
  // Words that do not begin like the query cannot match it: most are ruled out before stemming.
  const starts = new Set([...forms, ...stems].map((f) => f.slice(0, 2)))
  return (w) => starts.has(w.slice(0, 2)) && (forms.has(w) || stems.has(stemOf(w)) || (prefix && w.startsWith(word)))
}

/**
 * The first match of any wanted word or phrase in `text`, with every whole-word match inside
 * the window around it marked: "co-operation" marks the compound wherever it is written
 * "co-operation", "cooperation" or "co operation", and never the "co" of "counterpart".
 */
export function snippetOf(text: string, wanted: Array<{ words: string[]; prefix: boolean }>, radius = 90): Snippet {
  const parts = partsOf(text)
  const found: Array<[number, number]> = []
  for (const w of wanted) {
    const folded = w.words.map(fold)
    const joined = folded.join('')
    const tests = folded.map((word, i) => matcher(word, w.prefix && i === folded.length - 1))
    const whole = matcher(joined, w.prefix)
    const wholeExactly = matcher(joined, false)
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]!
      // The compound as one word: "cooperation" ~ "co-operation".
      if (folded.length > 1 || p.compound.folded !== p.folded) {
        if (p.start === p.compound.start && whole(p.compound.folded)) {
          found.push([p.compound.start, p.compound.end])
          continue
        }
      }
      // One word typed, two written ("cooperation" ~ "co operation").
      const next = parts[i + 1]
      if (folded.length === 1 && next && next.compound !== p.compound && p.compound.folded === p.folded && wholeExactly(p.folded + next.folded)) {
        found.push([p.start, next.end])
        i++
        continue
      }
      let k = 0
      while (k < tests.length && i + k < parts.length && tests[k]!(parts[i + k]!.folded)) k++
      if (k === tests.length) found.push([p.start, parts[i + k - 1]!.end])
    }
  }
  found.sort((a, b) => a[0] - b[0])
  const first = found[0]?.[0]
  const from = first === undefined ? 0 : Math.max(0, text.lastIndexOf(' ', Math.max(0, first - radius)) + 1)
  const cut = first === undefined ? radius * 2 : first + radius
  const to = Math.min(text.length, cut < text.length ? Math.max(cut, text.indexOf(' ', cut) < 0 ? text.length : text.indexOf(' ', cut)) : text.length)
  const lead = from > 0 ? '…' : ''
  // Collapsing whitespace moves offsets: map every kept character back to the article text.
  let window = ''
  const at: number[] = []
  for (let i = from; i < to; i++) {
    const c = text[i]!
    if (/\s/.test(c)) {
      if (window.endsWith(' ')) continue
      window += ' '
    } else window += c
    at.push(i)
  }
  const marks: Array<[number, number]> = []
  for (const [a, b] of found) {
    if (a < from || b > to) continue
    const s = at.indexOf(a)
    const e = at.indexOf(b - 1)
    if (s >= 0 && e >= s && !marks.some(([x, y]) => s + lead.length < y && e + 1 + lead.length > x)) marks.push([s + lead.length, e + 1 + lead.length])
  }
  return { text: lead + window + (to < text.length ? '…' : ''), marks, offset: from, firstMatch: first }
}
