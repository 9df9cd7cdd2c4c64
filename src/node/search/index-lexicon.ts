import type { Lexicon } from '@core/search/fts-match'
import { editDistance } from '@core/search/edit-distance'
import type { FtsIndex } from './fts-index'

/** The shortest first part of a compound split (the "co" of "co-operation"). */
const MIN_HEAD = 2

/**
 * The index's answers about its own vocabulary (fts5vocab) and postings (kept by the index
 * until it changes): spelling, compounds and typos are resolved against what the library
 * actually contains.
 */
export function indexLexicon(index: FtsIndex): Lexicon {
  const matchesAny = (match: string): boolean => index.matchesAny(match)
  return {
    matchesAny,
    splitsOf(word) {
      if (word.length < MIN_HEAD + 3 || /\d/.test(word)) return []
      const heads = Array.from({ length: Math.min(6, word.length - 3) - MIN_HEAD + 1 }, (_, i) => word.slice(0, MIN_HEAD + i))
      const known = index.knownTerms(heads)
      return heads.filter((h) => known.has(h) && matchesAny(`"${h} ${word.slice(h.length)}"`)).map((h) => [h, word.slice(h.length)])
    },
    correctionsOf(word) {
      // Kept until the index changes: the edit distances to thousands of terms are the costly part of a typo.
      return index.remember(`corrections:${word}`, () => correctionsIn(index, word))
    },
    termOf: (word) => index.termOf(word),
    stemsWithin(prefix) {
      const candidates = Array.from({ length: Math.max(0, prefix.length - 4) }, (_, i) => prefix.slice(0, prefix.length - 1 - i)).filter((p) => prefix.length - p.length <= 5)
      const known = index.knownTerms(candidates)
      const longest = candidates.find((c) => known.has(c))
      return longest ? [longest] : []
    },
  }
}

/** Index terms within a small edit distance of a word (longer words forgive more edits). */
function correctionsIn(index: FtsIndex, word: string): string[] {
  const allowed = word.length >= 8 ? 2 : 1
  // The first letter is trusted: typos rarely start a word.
  const first = word[0]!
  const candidates = index.terms(first, String.fromCodePoint(first.codePointAt(0)! + 1))
  return candidates
    .filter((c) => Math.abs(c.term.length - word.length) <= allowed + 2)
    .map((c) => ({ ...c, distance: Math.min(editDistance(word, c.term, allowed), editDistance(word.slice(0, c.term.length), c.term, allowed) + (c.term.length < word.length - 3 ? allowed : 0)) }))
    .filter((c) => c.distance <= allowed)
    .sort((a, b) => a.distance - b.distance || b.docs - a.docs)
    .slice(0, 3)
    .map((c) => c.term)
}
