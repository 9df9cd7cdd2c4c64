import { stemOf } from '../compare/tokens'
import { candidatePlan, candidateStarts, type CandidatePlan } from './match-starts'
import { fold, PHRASE_GAP_CHARS, spellingVariants, type WantedTerm } from './query'

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
}

/** A word part of the article text: a compound ("co-operation") has one part per piece. */
class Part extends Written {
  /** The part after this one in its compound, if any. */
  following: Part | undefined
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

/** What may separate the words of a phrase (as in phraseCheck): spaces, a hyphen, or nothing. */
const PHRASE_GAP = new RegExp(`^[${PHRASE_GAP_CHARS}]*$`, 'u')
const WORD_START = /[\p{L}\p{N}]/gu
const COMPOUND = /[\p{L}\p{N}]+(?:[-‐‑'’][\p{L}\p{N}]+)*/uy
const WORD_CHAR = /[\p{L}\p{N}'’‐‑-]/u
const JOINER = /[-‐‑'’]/

/**
 * Word parts of a text, read where asked: a snippet looks only at words that could begin a
 * match (and the few after them), not at every word of a long article (20 hits per query).
 */
function partsOf(text: string): { at: (offset: number) => Part | undefined; after: (part: Part) => Part | undefined } {
  const byStart = new Map<number, Part>()
  /** The compound starting exactly at `start`, split into its parts. */
  const compoundAt = (start: number): Part | undefined => {
    COMPOUND.lastIndex = start
    const m = COMPOUND.exec(text)
    if (!m) return undefined
    const compound = new Written(start, start + m[0].length, m[0])
    // Most words have no joiner: one part, the word itself.
    if (!JOINER.test(m[0])) {
      const part = new Part(start, compound.end, m[0], compound)
      byStart.set(start, part)
      return part
    }
    let previous: Part | undefined
    for (const p of m[0].matchAll(/[\p{L}\p{N}]+/gu)) {
      const part = new Part(start + p.index, start + p.index + p[0].length, p[0], compound)
      if (previous) previous.following = part
      byStart.set(part.start, (previous = part))
    }
    return byStart.get(start)
  }
  const at = (offset: number): Part | undefined => {
    const known = byStart.get(offset)
    if (known) return known
    // The compound holding this word begins at the first word character before it.
    let start = offset
    while (start > 0 && WORD_CHAR.test(text[start - 1]!)) start--
    // A compound never begins with a joiner ("-operation" is the word "operation").
    while (start < offset && !/[\p{L}\p{N}]/u.test(text[start]!)) start++
    compoundAt(start)
    return byStart.get(offset)
  }
  const after = (part: Part): Part | undefined => {
    if (part.following) return part.following
    WORD_START.lastIndex = part.compound.end
    const next = WORD_START.exec(text)
    return next ? at(next.index) : undefined
  }
  return { at, after }
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
 * "co-operation" or "cooperation" (and "co operation" where the query asks for that split, as
 * toFtsMatch does when the index has it), and never the "co" of "counterpart".
 */
export function snippetOf(text: string, wanted: WantedTerm[], radius = 90): Snippet {
  return snippetsFor(wanted, radius)(text)
}

/**
 * `snippetOf` for many texts and one query: the query's forms, stems and candidate expression
 * are worked out once, not once per hit.
 */
export function snippetsFor(wanted: WantedTerm[], radius = 90): (text: string) => Snippet {
  // How any match can begin: a word whose plain first two letters are none of these is passed over unfolded.
  const heads = new Set<string>()
  const tests = wanted.map((w) => {
    const folded = w.words.map(fold)
    const joined = folded.join('')
    return {
      folded,
      // A match begins with the first word: the others' beginnings are no candidates.
      words: folded.map((word, i) => matcher(word, w.prefix && i === folded.length - 1, i === 0 ? heads : new Set())),
      whole: matcher(joined, w.prefix, heads),
      gaps: w.gaps,
    }
  })
  const plan = candidatePlan(heads)
  // Plain words already seen not to begin any match, kept across the query's texts: most places
  // a match could begin are common words that share a query word's first letters ("be", "te").
  const noStart = new Map<string, boolean>()
  const cannotStart = (word: string): boolean => {
    let no = noStart.get(word)
    if (no === undefined) noStart.set(word, (no = tests.every((t) => !(t.folded.length > 1 && t.whole(word)) && !t.words[0]!(word))))
    return no
  }
  return (text) => snippetIn(text, tests, plan, radius, cannotStart)
}

/** Whether the code unit is an ASCII letter or digit. */
const isPlainWordUnit = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)

/**
 * The lower-cased word at `start` when it is plain: ASCII letters and digits only, and no part of
 * a compound (no joiner or other word character on either side), so that it folds to itself.
 */
function plainWordAt(text: string, start: number): string | undefined {
  if (start > 0 && JOINER.test(text[start - 1]!)) return undefined
  let end = start
  while (end < text.length && isPlainWordUnit(text.charCodeAt(end))) end++
  if (end === start || (end < text.length && WORD_CHAR.test(text[end]!))) return undefined
  return text.slice(start, end).toLowerCase()
}

/** Runs of whitespace as one space, as the snippet shows them. */
const collapse = (text: string): string => text.replace(/\s+/g, ' ')

/**
 * Whether `gap` may separate word `k - 1` and word `k` of a phrase, as the phrase check counts
 * it: only spaces or a hyphen, or what was typed there ("U.S.").
 */
const joins = (t: Test, gap: string, k: number): boolean => PHRASE_GAP.test(gap) || gap.replace(/\s+/gu, ' ') === t.gaps?.[k - 1]

/** A wanted word or phrase, ready to test article words against. */
interface Test {
  folded: string[]
  words: Array<(folded: string) => boolean>
  whole: (folded: string) => boolean
  gaps?: string[]
}

function snippetIn(text: string, tests: Test[], plan: CandidatePlan, radius: number, cannotStart: (plainWord: string) => boolean): Snippet {
  const parts = partsOf(text)
  const found: Array<[number, number]> = []
  // Reading stops past the window after the first match: later matches are not shown.
  let stopAfter = Infinity
  for (const start of candidateStarts(text, plan)) {
    if (start > stopAfter) break
    const plain = plainWordAt(text, start)
    if (plain !== undefined && cannotStart(plain)) continue
    const p = parts.at(start)
    if (!p) continue
    for (const t of tests) {
      const at = found.length
      // The compound as one word: "cooperation" ~ "co-operation".
      if ((t.folded.length > 1 || p.compound.folded !== p.folded) && p.start === p.compound.start && t.whole(p.compound.folded)) found.push([p.compound.start, p.compound.end])
      else {
        let k = 0
        let last = p
        for (let q: Part | undefined = p; k < t.words.length && q && (k === 0 || joins(t, text.slice(last.end, q.start), k)) && t.words[k]!(q.folded); q = parts.after(q)) {
          last = q
          k++
        }
        if (k === t.words.length) found.push([p.start, last.end])
      }
      if (found.length > at && stopAfter === Infinity) stopAfter = found[at]![0] + radius
    }
  }
  // Of marks that begin at one word the longest is kept ("co-operation", not its "co").
  found.sort((a, b) => a[0] - b[0] || b[1] - a[1])
  const first = found[0]?.[0]
  const from = first === undefined ? 0 : Math.max(0, text.lastIndexOf(' ', Math.max(0, first - radius)) + 1)
  const cut = first === undefined ? radius * 2 : first + radius
  const to = Math.min(text.length, cut < text.length ? Math.max(cut, text.indexOf(' ', cut) < 0 ? text.length : text.indexOf(' ', cut)) : text.length)
  const lead = from > 0 ? '…' : ''
  const window = collapse(text.slice(from, to))
  const marks: Array<[number, number]> = []
  for (const [a, b] of found) {
    if (a < from || b > to) continue
    // Collapsing whitespace moves offsets: a mark (from a word to a word) lands where the text before it ends, collapsed.
    const s = collapse(text.slice(from, a)).length + lead.length
    const e = collapse(text.slice(from, b)).length + lead.length
    if (!marks.some(([x, y]) => s < y && e > x)) marks.push([s, e])
  }
  return { text: lead + window + (to < text.length ? '…' : ''), marks, offset: from, firstMatch: first }
}
