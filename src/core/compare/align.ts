import { munkres } from 'munkres'
import { cosine, cosineMatrix, idfWeights, trigramVector } from './similarity'
import { contentWordsOf, stemOf } from './tokens'
import type { Span } from './types'

/** Below this a pair of sentences is not a link: sharing a name or two is not reporting the same thing. */
export const LINK_THRESHOLD = 0.24
/** A second sentence joins a link (a sentence split differently) only when it is this close on its own. */
const SPLIT_THRESHOLD = 0.3

export interface SentencePair {
  left: number
  right: number
  score: number
}

/**
 * How strongly each left sentence corresponds to each right one: TF-IDF cosine over Porter2
 * stems of content words (the two reports form one collection, so words both repeat weigh
 * little), blended with a character-trigram cosine over the content words, which keeps
 * spelling variants ("organisation"/"organization") and word forms close.
 */
export function similarityMatrix(left: Span[], right: Span[]): number[][] {
  const words = [...left, ...right].map((s) => contentWordsOf(s.text))
  const sentences = words.map((w) => w.map(stemOf))
  const weigh = idfWeights(sentences)
  const vectors = sentences.map(weigh)
  const grams = words.map(trigramVector)
  // Long sentences carry several statements; the best-matching pair of clauses speaks for them.
  const clauses = sentences.map((terms) => clausesOf(terms).map(weigh))
  const sharedWeight = cosineMatrix(vectors.slice(0, left.length), vectors.slice(left.length))
  return left.map((_, i) =>
    right.map((_, j) => {
      const k = left.length + j
      const shared = sharedWeight[i * right.length + j]!
      // Passage windows are compared only where the sentences already share some weight.
      if (shared < WINDOW_GATE) return shared > 0 ? 0.75 * shared + 0.25 * cosine(grams[i]!, grams[k]!) : 0
      // Trigrams alone over-reward short sentences made of common stems: they only refine.
      const whole = 0.75 * shared + 0.25 * cosine(grams[i]!, grams[k]!)
      let part = 0
      for (const a of clauses[i]!) for (const b of clauses[k]!) part = Math.max(part, cosine(a, b))
      return Math.max(whole, CLAUSE_WEIGHT * part)
    }),
  )
}

/** Below this whole-sentence similarity no pair of passage windows is compared (measured: no link is lost on the samples). */
const WINDOW_GATE = 0.08
/** A passage match counts for a little less than a whole-sentence match of the same strength. */
const CLAUSE_WEIGHT = 0.8
/** Passages are windows of this many content terms, overlapping by half. */
const WINDOW = 6

/**
 * Term lists of the overlapping passages of a sentence: a long sentence carries several
 * statements, and one of them may be all the other report says ("support each other on their
 * core interests" inside a sentence about four things).
 */
export function clausesOf(terms: string[]): string[][] {
  if (terms.length <= WINDOW) return [terms]
  const out: string[][] = []
  for (let i = 0; i + WINDOW <= terms.length; i += WINDOW / 2) out.push(terms.slice(i, i + WINDOW))
  if ((terms.length - WINDOW) % (WINDOW / 2) !== 0) out.push(terms.slice(terms.length - WINDOW))
  return out
}

/**
 * The global assignment: the Hungarian algorithm picks the one-to-one pairing of sentences with
 * the highest total similarity (so a sentence is not claimed by a better-scoring rival's
 * partner), pairs below the threshold are dropped, and a sentence left over joins its best
 * partner's link when it is close on its own (one sentence on one side, two on the other).
 */
export function alignSentences(left: Span[], right: Span[]): SentencePair[] {
  if (left.length === 0 || right.length === 0) return []
  const scores = similarityMatrix(left, right)
  const cost = scores.map((row) => row.map((s) => (s >= LINK_THRESHOLD ? 1 - s : 1)))
  const pairs: SentencePair[] = []
  for (const [i, j] of munkres(cost)) {
    const score = scores[i]?.[j] ?? 0
    if (score >= LINK_THRESHOLD) pairs.push({ left: i, right: j, score })
  }
  const leftUsed = new Set(pairs.map((p) => p.left))
  const rightUsed = new Set(pairs.map((p) => p.right))
  for (let i = 0; i < left.length; i++) {
    if (leftUsed.has(i)) continue
    const row = scores[i]!
    const j = row.indexOf(Math.max(...row))
    if ((row[j] ?? 0) >= SPLIT_THRESHOLD && rightUsed.has(j)) pairs.push({ left: i, right: j, score: row[j]! })
  }
  for (let j = 0; j < right.length; j++) {
    if (rightUsed.has(j)) continue
    let best = -1
    for (let i = 0; i < left.length; i++) if (best < 0 || scores[i]![j]! > scores[best]![j]!) best = i
    if (best >= 0 && scores[best]![j]! >= SPLIT_THRESHOLD && leftUsed.has(best)) pairs.push({ left: best, right: j, score: scores[best]![j]! })
  }
  return pairs.sort((a, b) => a.left - b.left || a.right - b.right)
}
