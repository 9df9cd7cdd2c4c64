/**
 * Where a query's matches can begin in an article text, found without reading every word: a
 * snippet then tests only these places (20 texts per query).
 */

/** How a query's matches can begin (see candidateStarts). */
export interface CandidatePlan {
  /** Plain two-character beginnings of the query's words, stems and variants. */
  heads: string[]
  /** One-letter query words ("a"): only such a one-letter word can begin a match. */
  initials: string[]
  /** All of it as one expression, for the rare text whose lower case changes its length. */
  expression: RegExp
}

export function candidatePlan(heads: Set<string>): CandidatePlan {
  const ascii = [...heads].filter((h) => /^[a-z0-9]{2}$/.test(h))
  const initials = [...heads].filter((h) => /^[a-z0-9]$/.test(h))
  const alternatives = [
    ...(ascii.length ? [ascii.join('|')] : []),
    '(?=[\\p{L}\\p{N}])[^\\x00-\\x7f]',
    '[\\p{L}\\p{N}](?=[\\p{L}\\p{N}])[^\\x00-\\x7f]',
    ...(initials.length ? [`[${initials.join('')}](?![\\p{L}\\p{N}])`] : []),
  ]
  return { heads: ascii, initials, expression: new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})`, 'giu') }
}

const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u
const NON_ASCII = /[^\x00-\x7f]/g

const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff
const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff

/** Where the code point ending just before `i` begins (a surrogate pair is two units). */
const pointBefore = (text: string, i: number): number => (i >= 2 && isLowSurrogate(text.charCodeAt(i - 1)) && isHighSurrogate(text.charCodeAt(i - 2)) ? i - 2 : i - 1)

/** Whether the code point at `i` is a letter or a number (ASCII answered without a regular expression). */
function wordPointAt(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false
  const c = text.charCodeAt(i)
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
  return LETTER_OR_NUMBER.test(String.fromCodePoint(text.codePointAt(i)!))
}

const wordStart = (text: string, i: number): boolean => i === 0 || !wordPointAt(text, pointBefore(text, i))

/**
 * Where a match can begin, in order: a word whose first two letters are a query word's (any
 * case), or one whose first two characters are not plain ASCII (folding could change them),
 * or a one-letter word that is a query word. Every other word is passed over,
 * unread. The beginnings are found with indexOf in the lower-cased text: a regular expression
 * testing every position for a word boundary took as long as the rest of the snippet.
 */
export function* candidateStarts(text: string, plan: CandidatePlan): Generator<number> {
  const lower = text.toLowerCase()
  // A few characters change length in lower case (İ): their texts take the slower expression.
  if (lower.length !== text.length) {
    for (const m of text.matchAll(plan.expression)) yield m.index
    return
  }
  // One cursor per kind of beginning, merged in order and read only as far as the snippet needs
  // (it stops a window past its first match).
  const cursors: Array<() => number> = [
    ...plan.heads.map((head) => searcher(lower, head, (i) => wordStart(text, i))),
    ...plan.initials.map((initial) => searcher(lower, initial, (i) => wordStart(text, i) && !wordPointAt(text, i + 1))),
    nonAsciiStarts(text),
  ]
  const next = cursors.map((c) => c())
  let last = -1
  for (;;) {
    let k = -1
    for (let j = 0; j < next.length; j++) if (next[j]! >= 0 && (k < 0 || next[j]! < next[k]!)) k = j
    if (k < 0) return
    const at = next[k]!
    next[k] = cursors[k]!()
    if (at !== last) yield (last = at)
  }
}

/** The next place `needle` stands in `haystack` and passes `test` (-1 when none is left), call by call. */
function searcher(haystack: string, needle: string, test: (i: number) => boolean): () => number {
  let from = 0
  return () => {
    for (let i = haystack.indexOf(needle, from); i >= 0; i = haystack.indexOf(needle, i + 1)) {
      if (!test(i)) continue
      from = i + 1
      return i
    }
    from = haystack.length
    return -1
  }
}

/** Words whose first or second character is a letter or number beyond ASCII, call by call (-1 when none is left). */
function nonAsciiStarts(text: string): () => number {
  const pattern = new RegExp(NON_ASCII.source, 'g')
  return () => {
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      const i = m.index
      // The second half of a surrogate pair was seen with its first.
      if (isLowSurrogate(text.charCodeAt(i)) && i > 0 && isHighSurrogate(text.charCodeAt(i - 1))) continue
      if (!wordPointAt(text, i)) continue
      if (wordStart(text, i)) return i
      const before = pointBefore(text, i)
      if (wordStart(text, before)) return before
    }
    return -1
  }
}
