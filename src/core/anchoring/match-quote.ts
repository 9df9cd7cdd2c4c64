import approxSearch from 'approx-string-match'

/**
 * Finds the best approximate match for a quote in a text, as the Hypothesis client does
 * (src/annotator/anchoring/match-quote.ts): candidate matches within an error budget are found
 * with Myers' bit-parallel algorithm (approx-string-match), then ranked by how well the quote,
 * its prefix and suffix match and how close the match is to where the quote used to be.
 */
export interface QuoteContext {
  prefix?: string
  suffix?: string
  /** Expected start offset (the old position). */
  hint?: number
}

export interface QuoteMatch {
  start: number
  end: number
  /** 0–1; 1 is a perfect quote, context and position match. */
  score: number
}

/** Edit-distance–based similarity of two strings, 1 when equal. */
function similarity(a: string, b: string): number {
  if (a.length === 0 || b.length === 0) return a.length === b.length ? 1 : 0
  const matches = approxSearch(a, b, b.length)
  if (matches.length === 0) return 0
  const best = Math.min(...matches.map((m) => m.errors))
  return 1 - best / b.length
}

export function matchQuote(text: string, quote: string, context: QuoteContext = {}): QuoteMatch | undefined {
  if (quote.length === 0) return undefined
  // A quarter of the quote may differ; beyond that a "match" is more likely another passage.
  const maxErrors = Math.min(256, Math.floor(quote.length / 4))
  const candidates = approxSearch(text, quote, maxErrors)
  if (candidates.length === 0) return undefined

  const scored = candidates.map((m) => {
    const quoteScore = 1 - m.errors / quote.length
    const prefixScore = context.prefix ? similarity(text.slice(Math.max(0, m.start - context.prefix.length), m.start), context.prefix) : 1
    const suffixScore = context.suffix ? similarity(text.slice(m.end, m.end + context.suffix.length), context.suffix) : 1
    const positionScore = context.hint === undefined ? 1 : 1 - Math.abs(m.start - context.hint) / Math.max(1, text.length)
    // Weights from Hypothesis: the quote matters most; context disambiguates repeated quotes;
    // position is the last tie-breaker.
    const quoteWeight = 50
    const prefixWeight = 20
    const suffixWeight = 20
    const positionWeight = 2
    const raw = quoteWeight * quoteScore + prefixWeight * prefixScore + suffixWeight * suffixScore + positionWeight * positionScore
    const score = raw / (quoteWeight + prefixWeight + suffixWeight + positionWeight)
    return { start: m.start, end: m.end, score }
  })
  scored.sort((a, b) => b.score - a.score)
  const best = scored[0]
  return best && { start: best.start, end: best.end, score: best.score }
}
