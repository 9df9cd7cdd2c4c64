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

/** A word of the article text as written; folded only when a query word could match it. */
class Written {
  private foldedForm: string | undefined
  constructor(
    readonly start: number,
    readonly end: number,
    private readonly raw: string,
  ) {}

  get folded(): string {
    return (this.foldedForm ??= fold(this.raw).replace(/[-‐‑'’]/g, ''))
  }

  /** Its first two characters, lower-cased, when they are plain ASCII (then folding cannot change them). */
  get asciiHead(): string | undefined {
    const head = this.raw.slice(0, 2).toLowerCase()
    return /^[a-z0-9]{2}$/.test(head) ? head : undefined
  }
}

/** A word part of the article text: a compound ("co-operation") has one part per piece. */
class Part extends Written {
  constructor(
    start: number,
    end: number,
    raw: string,
    /** The whole compound this part belongs to, folded without its hyphens. */
    readonly compound: Written,
  ) {
    super(start, end, raw)
  }
}

/**
 * The word parts of a text, read only as far as asked: a snippet needs the text up to its
 * first match and the window after it, not a whole long article (20 hits per query).
 */
function lazyParts(text: string): (i: number) => Part | undefined {
  const parts: Part[] = []
  const words = text.matchAll(/[\p{L}\p{N}]+(?:[-‐‑'’][\p{L}\p{N}]+)*/gu)
  return (i) => {
    while (parts.length <= i) {
      const m = words.next()
      if (m.done) return undefined
      const start = m.value.index
      const compound = new Written(start, start + m.value[0].length, m.value[0])
      for (const p of m.value[0].matchAll(/[\p{L}\p{N}]+/gu)) parts.push(new Part(start + p.index, start + p.index + p[0].length, p[0], compound))
    }
    return parts[i]
  }
}

/** Query words match article words by folded form, Porter2 stem, spelling variant, or as a prefix being typed. */
function matcher(word: string, prefix: boolean, heads: Set<string>): (folded: string) => boolean {
  const forms = new Set(spellingVariants(fold(word)))
  const stems = new Set([...forms].map(stemOf))
  // Words that do not begin like the query cannot match it: most are ruled out before stemming.
  const starts = new Set([...forms, ...stems].map((f) => f.slice(0, 2)))
  for (const h of starts) heads.add(h)
  return (w) => starts.has(w.slice(0, 2)) && (forms.has(w) || (prefix && w.startsWith(word)) || stems.has(stemOf(w)))
}

/**
 * The first match of any wanted word or phrase in `text`, with every whole-word match inside
 * the window around it marked: "co-operation" marks the compound wherever it is written
 * "co-operation", "cooperation" or "co operation", and never the "co" of "counterpart".
 */
export function snippetOf(text: string, wanted: Array<{ words: string[]; prefix: boolean }>, radius = 90): Snippet {
  const part = lazyParts(text)
  const found: Array<[number, number]> = []
  // How any match can begin: a word whose plain first two letters are none of these is passed over unfolded.
  const heads = new Set<string>()
  const tests = wanted.map((w) => {
    const folded = w.words.map(fold)
    const joined = folded.join('')
    return {
      folded,
      words: folded.map((word, i) => matcher(word, w.prefix && i === folded.length - 1, heads)),
      whole: matcher(joined, w.prefix, heads),
      wholeExactly: matcher(joined, false, heads),
    }
  })
  // Reading stops past the window after the first match: later matches are not shown.
  let stopAfter = Infinity
  const skip = tests.map(() => -1)
  for (let i = 0; ; i++) {
    const p = part(i)
    if (!p || p.start > stopAfter) break
    const head = p.end - p.start >= 2 ? p.asciiHead : undefined
    if (head && !heads.has(head)) continue
    tests.forEach((t, n) => {
      if (i <= skip[n]!) return
      const at = found.length
      // The compound as one word: "cooperation" ~ "co-operation".
      if ((t.folded.length > 1 || p.compound.folded !== p.folded) && p.start === p.compound.start && t.whole(p.compound.folded)) found.push([p.compound.start, p.compound.end])
      else {
        // One word typed, two written ("cooperation" ~ "co operation").
        const next = part(i + 1)
        if (t.folded.length === 1 && next && next.compound !== p.compound && p.compound.folded === p.folded && t.wholeExactly(p.folded + next.folded)) {
          found.push([p.start, next.end])
          skip[n] = i + 1
        } else {
          let k = 0
          while (k < t.words.length && part(i + k) && t.words[k]!(part(i + k)!.folded)) k++
          if (k === t.words.length) found.push([p.start, part(i + k - 1)!.end])
        }
      }
      if (found.length > at && stopAfter === Infinity) stopAfter = found[at]![0] + radius
    })
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
