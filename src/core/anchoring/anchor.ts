import type { PassageTarget } from '../annotations/model'
import { matchQuote } from './match-quote'
import type { Anchor } from './types'

/** Below this score a fuzzy match is more likely a different passage than the edited one. */
const FUZZY_THRESHOLD = 0.75

/**
 * Places a stored passage in the article's current text, cheapest test first:
 *  1. the stored position still holds the exact quote → exact;
 *  2. the exact quote occurs elsewhere → moved (the occurrence whose context matches best,
 *     nearest the old position);
 *  3. an approximate match of the quote with its prefix/suffix context → fuzzy;
 *  4. otherwise → orphan (kept, shown in the orphans panel, never deleted).
 */
export function anchorPassage(text: string, target: PassageTarget): Anchor {
  const { exact, prefix, suffix } = target.quote
  const { start, end } = target.position
  if (text.slice(start, end) === exact) return { status: 'exact', start, end, score: 1 }

  const occurrences: number[] = []
  for (let i = text.indexOf(exact); i >= 0; i = text.indexOf(exact, i + 1)) occurrences.push(i)
  if (occurrences.length > 0) {
    const best = occurrences
      .map((at) => ({
        at,
        context: contextScore(text, at, at + exact.length, prefix, suffix),
        distance: Math.abs(at - start),
      }))
      .sort((a, b) => b.context - a.context || a.distance - b.distance)[0]
    if (best) return { status: 'moved', start: best.at, end: best.at + exact.length, score: 1 }
  }

  const fuzzy = matchQuote(text, exact, { prefix, suffix, hint: start })
  if (fuzzy && fuzzy.score >= FUZZY_THRESHOLD) return { status: 'fuzzy', start: fuzzy.start, end: fuzzy.end, score: fuzzy.score }
  return { status: 'orphan', score: 0 }
}

/** Number of context characters that match exactly around an occurrence (prefix end + suffix start). */
function contextScore(text: string, start: number, end: number, prefix: string, suffix: string): number {
  let score = 0
  for (let i = 1; i <= prefix.length && text[start - i] === prefix[prefix.length - i]; i++) score++
  for (let i = 0; i < suffix.length && text[end + i] === suffix[i]; i++) score++
  return score
}

/** Builds the selectors for a new highlight from the text and the selected range. */
export function describePassage(articleId: string, text: string, textHash: string, start: number, end: number): PassageTarget {
  const CONTEXT = 32
  return {
    articleId,
    quote: {
      type: 'TextQuoteSelector',
      exact: text.slice(start, end),
      prefix: text.slice(Math.max(0, start - CONTEXT), start),
      suffix: text.slice(end, end + CONTEXT),
    },
    position: { type: 'TextPositionSelector', start, end },
    textHash,
  }
}
