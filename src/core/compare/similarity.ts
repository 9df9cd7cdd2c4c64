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
const idOf = (term: string): number => {
  let id = termIds.get(term)
  if (id === undefined) termIds.set(term, (id = termIds.size))
  return id
}

function toVector(counts: Map<string, number>): Vector {
  const entries = [...counts].map(([t, w]) => [idOf(t), w] as const).sort((a, b) => a[0] - b[0])
  let norm = 0
  for (const [, w] of entries) norm += w * w
  norm = Math.sqrt(norm) || 1
  return { ids: Int32Array.from(entries, (e) => e[0]), weights: Float64Array.from(entries, (e) => e[1] / norm) }
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
  const counts = new Map<string, number>()
  for (const w of words) {
    const padded = `^${w}$`
    for (let i = 0; i + 3 <= padded.length; i++) {
      const g = padded.slice(i, i + 3)
      counts.set(g, (counts.get(g) ?? 0) + 1)
    }
  }
  return toVector(counts)
}
