/** A sentence as offsets into the text it came from. */
export interface SentenceSpan {
  start: number
  end: number
}

/**
 * Made on first use: loading ICU's sentence rules takes about 10 ms, which every parse worker
 * would otherwise pay at start-up, before its first file, for articles that mostly have a title.
 */
let segmenter: Intl.Segmenter | undefined

/**
 * A full stop glued to the next sentence, as scraped news text often has
 * ("traffic.The Chinese side"): a lower-case word of 2+ letters, terminal punctuation,
 * optional closing quote, then a capitalised word. Abbreviations such as "U.S.The" are
 * left alone (upper-case before the dot), which errs on the side of not splitting.
 */
const GLUED = /[a-z\u00df-\u00ff]{2}[.!?]["”’)]?(?=[A-Z][a-z])/g

/** Offsets where a glued sentence boundary falls (just after the punctuation). */
export function gluedBoundaries(text: string): number[] {
  const out: number[] = []
  for (const m of text.matchAll(GLUED)) out.push(m.index + m[0].length)
  return out
}

/**
 * Splits text into sentences with ICU's sentence segmenter, then splits further at glued
 * boundaries the segmenter cannot see. Offsets refer to the original text, untrimmed of
 * nothing but surrounding whitespace, so they can anchor highlights.
 */
export function splitSentences(text: string, from = 0, to = text.length): SentenceSpan[] {
  const spans: SentenceSpan[] = []
  const slice = text.slice(from, to)
  const glued = gluedBoundaries(slice)
  let g = 0
  for (const seg of (segmenter ??= new Intl.Segmenter('en', { granularity: 'sentence' })).segment(slice)) {
    let start = seg.index
    const end = seg.index + seg.segment.length
    for (let at = glued[g]; at !== undefined && at <= start; at = glued[++g]);
    for (let at = glued[g]; at !== undefined && at < end; at = glued[++g]) {
      pushTrimmed(spans, slice, start, at, from)
      start = at
    }
    pushTrimmed(spans, slice, start, end, from)
  }
  return spans
}

function pushTrimmed(spans: SentenceSpan[], text: string, start: number, end: number, base: number): void {
  while (start < end && /\s/.test(text.charAt(start))) start++
  while (end > start && /\s/.test(text.charAt(end - 1))) end--
  if (end > start) spans.push({ start: start + base, end: end + base })
}
