/**
 * Sparse unit vectors and the two similarity signals alignment combines. Terms are numbered
 * once and a vector is a sorted array of term numbers with their weights, so a cosine is one
 * merge of two short arrays (the alignment computes a few hundred thousand of them).
 */
export interface Vector {
  ids: Int32Array
  weights: Float64Array
}

const termIds = new Map<string, number>()
/** Past this many numbered terms the numbering starts again (between comparisons), so a long session does not keep every word it ever compared. */
const TERM_ID_LIMIT = 200_000

/** Call before a comparison: vectors of one comparison must share one numbering. */
export function renumberTermsIfLarge(): void {
  if (termIds.size < TERM_ID_LIMIT) return
  termIds.clear()
  trigramsOfWord.clear()
}

const idOf = (term: string): number => {
  let id = termIds.get(term)
  if (id === undefined) termIds.set(term, (id = termIds.size))
  return id
}

function toVector(counts: Map<string, number>): Vector {
  return idVector(new Map([...counts].map(([t, w]) => [idOf(t), w])))
}

function idVector(counts: Map<number, number>): Vector {
  const ids = Int32Array.from(counts.keys()).sort()
  const weights = new Float64Array(ids.length)
  let norm = 0
  for (let i = 0; i < ids.length; i++) {
    const w = counts.get(ids[i]!)!
    weights[i] = w
    norm += w * w
  }
  norm = Math.sqrt(norm) || 1
  for (let i = 0; i < weights.length; i++) weights[i]! /= norm
  return { ids, weights }
}

/**
 * Every cosine between a left and a right vector, as a row-major left × right matrix, through
 * an inverted index: only pairs that share a term cost anything (most pairs share none).
 */
export function cosineMatrix(left: Vector[], right: Vector[]): Float64Array {
  const m = right.length
  const out = new Float64Array(left.length * m)
  const postings = new Map<number, number[]>()
  left.forEach((v, i) => {
    for (let x = 0; x < v.ids.length; x++) {
      const list = postings.get(v.ids[x]!)
      if (list) list.push(i, v.weights[x]!)
      else postings.set(v.ids[x]!, [i, v.weights[x]!])
    }
  })
  right.forEach((v, j) => {
    for (let y = 0; y < v.ids.length; y++) {
      const list = postings.get(v.ids[y]!)
      if (!list) continue
      const w = v.weights[y]!
      for (let p = 0; p < list.length; p += 2) out[list[p]! * m + j]! += list[p + 1]! * w
    }
  })
  return out
}

export function cosine(a: Vector, b: Vector): number {
  let dot = 0
  let i = 0
  let j = 0
  const ai = a.ids
  const bi = b.ids
  while (i < ai.length && j < bi.length) {
    const x = ai[i]!
    const y = bi[j]!
    if (x === y) dot += a.weights[i++]! * b.weights[j++]!
    else if (x < y) i++
    else j++
  }
  return dot
}

/**
 * TF-IDF vectors (sublinear tf, smoothed idf) of term lists that are documents of one
 * collection: a term found in many of them (a name both reports repeat) weighs little.
 */
export function tfidfVectors(docs: string[][]): Vector[] {
  return docs.map(idfWeights(docs))
}

/** Learns inverse document frequencies from `docs`; returns a function that makes a unit TF-IDF vector of any term list. */
export function idfWeights(docs: string[][]): (terms: string[]) => Vector {
  const df = new Map<string, number>()
  for (const terms of docs) for (const t of new Set(terms)) df.set(t, (df.get(t) ?? 0) + 1)
  const n = docs.length
  return (terms) => {
    const tf = new Map<string, number>()
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1)
    for (const [t, c] of tf) tf.set(t, (1 + Math.log(c)) * Math.log(1 + n / (df.get(t) ?? 0.5)))
    return toVector(tf)
  }
}

/** Character trigrams of each word (with boundary marks): spelling variants still overlap. */
export function trigramVector(words: string[]): Vector {
  const counts = new Map<number, number>()
  for (const w of words) for (const g of trigramIdsOf(w)) counts.set(g, (counts.get(g) ?? 0) + 1)
  return idVector(counts)
}

/** The trigram term numbers of a word, kept: the same words recur in every sentence of a report. */
const trigramsOfWord = new Map<string, number[]>()
function trigramIdsOf(word: string): number[] {
  let ids = trigramsOfWord.get(word)
  if (!ids) {
    if (trigramsOfWord.size >= 100_000) trigramsOfWord.clear()
    const padded = `^${word}$`
    ids = []
    for (let i = 0; i + 3 <= padded.length; i++) ids.push(idOf(`#${padded.slice(i, i + 3)}`))
    trigramsOfWord.set(word, ids)
  }
  return ids
}

/**
 * A vector that also meets its terms' synonyms: each related term the text does not use itself
 * gets `weight` times the weight of the term it stands for. The norm is left as it was, so a
 * cosine with it is a soft cosine that counts "practical" against "pragmatic" as a weaker match.
 */
export function withRelatedTerms(vector: Vector, terms: string[], relatedOf: (index: number) => readonly string[], weight: number): Vector {
  let some = false
  for (let i = 0; i < terms.length && !some; i++) some = relatedOf(i).length > 0
  if (!some) return vector
  const own = new Set(terms)
  const added = new Map<number, number>()
  terms.forEach((term, index) => {
    const related = relatedOf(index)
    if (related.length === 0) return
    const at = binarySearch(vector.ids, idOf(term))
    if (at < 0) return
    const w = vector.weights[at]! * weight
    for (const r of related) {
      if (own.has(r)) continue
      const id = idOf(r)
      if ((added.get(id) ?? 0) < w) added.set(id, w)
    }
  })
  if (added.size === 0) return vector
  const merged = new Map<number, number>(added)
  vector.ids.forEach((id, i) => merged.set(id, vector.weights[i]!))
  const ids = Int32Array.from(merged.keys()).sort()
  return { ids, weights: Float64Array.from(ids, (id) => merged.get(id)!) }
}

function binarySearch(ids: Int32Array, id: number): number {
  let lo = 0
  let hi = ids.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (ids[mid]! === id) return mid
    if (ids[mid]! < id) lo = mid + 1
    else hi = mid - 1
  }
  return -1
}
