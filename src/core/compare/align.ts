import { munkres } from 'munkres'
import { cosine, cosineMatrix, idfWeights, renumberTermsIfLarge, trigramVector, withRelatedTerms, type Vector } from './similarity'
import { synonymStemsOf } from './synonyms'
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
 * spelling variants ("organisation"/"organization") and word forms close. Left sentences also
 * meet the WordNet synonyms of their words at a lower weight (a soft cosine), so a paraphrase
 * that swaps "practical" for "pragmatic" still scores.
 */
export function similarityMatrix(left: Span[], right: Span[]): number[][] {
  renumberTermsIfLarge()
  const words = [...left, ...right].map((s) => contentWordsOf(s.text))
  const sentences = words.map((w) => w.map(stemOf))
  const idf = idfWeights(sentences)
  // Only synonyms the other report uses can match: most words keep none, and vectors stay short.
  const rightStems = new Set(sentences.slice(left.length).flat())
  const usedSynonyms = new Map<string, readonly string[]>()
  const synonymsInRight = (word: string): readonly string[] => {
    let found = usedSynonyms.get(word)
    if (!found) usedSynonyms.set(word, (found = synonymStemsOf(word).filter((s) => rightStems.has(s))))
    return found
  }
  const synonyms = words.map((w, k) => (k < left.length ? w.map(synonymsInRight) : []))
  // Synonyms are added on one side only: added on both, two synonyms would also meet each other's.
  const soften = (k: number, vector: Vector, terms: string[], from = 0): Vector => (k < left.length ? withRelatedTerms(vector, terms, (x) => synonyms[k]![from + x]!, SYNONYM_WEIGHT) : vector)
  const plain = sentences.map(idf)
  const vectors = plain.map((vector, k) => soften(k, vector, sentences[k]!))
  const grams = words.map(trigramVector)
  // Long sentences carry several statements; the best-matching pair of clauses speaks for them.
  // Made when first needed: only sentences that already share words with another compare passages.
  const clauseVectors: Vector[][] = []
  const clausesOf = (k: number): Vector[] =>
    (clauseVectors[k] ??= clauseStarts(sentences[k]!.length).map((from) => {
      const terms = sentences[k]!.slice(from, from + WINDOW)
      return soften(k, idf(terms), terms, from)
    }))
  const sharedWeight = cosineMatrix(vectors.slice(0, left.length), vectors.slice(left.length))
  const sharedWords = cosineMatrix(plain.slice(0, left.length), plain.slice(left.length))
  return left.map((_, i) =>
    right.map((_, j) => {
      const k = left.length + j
      const shared = sharedWeight[i * right.length + j]!
      // Passage windows are compared only where the sentences already share some words.
      if (sharedWords[i * right.length + j]! < WINDOW_GATE) return shared > 0 ? 0.75 * shared + 0.25 * cosine(grams[i]!, grams[k]!) : 0
      // Trigrams alone over-reward short sentences made of common stems: they only refine.
      const whole = 0.75 * shared + 0.25 * cosine(grams[i]!, grams[k]!)
      let part = 0
      for (const a of clausesOf(i)) for (const b of clausesOf(k)) part = Math.max(part, cosine(a, b))
      return Math.max(whole, CLAUSE_WEIGHT * part)
    }),
  )
}

/** A synonym in one of its common senses counts for most of the word itself, not all of it. */
const SYNONYM_WEIGHT = 0.8
/** Below this whole-sentence similarity no pair of passage windows is compared (measured: no link is lost on the samples). */
const WINDOW_GATE = 0.08
/** A passage match counts for a little less than a whole-sentence match of the same strength. */
const CLAUSE_WEIGHT = 0.8
/** Passages are windows of this many content terms, overlapping by half. */
const WINDOW = 6

/**
 * Where the overlapping passages of a sentence of `length` terms begin: a long sentence carries several
 * statements, and one of them may be all the other report says ("support each other on their
 * core interests" inside a sentence about four things).
 */
function clauseStarts(length: number): number[] {
  if (length <= WINDOW) return [0]
  const out: number[] = []
  for (let i = 0; i + WINDOW <= length; i += WINDOW / 2) out.push(i)
  if ((length - WINDOW) % (WINDOW / 2) !== 0) out.push(length - WINDOW)
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
