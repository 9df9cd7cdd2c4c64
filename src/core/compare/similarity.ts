/** Sparse vectors and the two similarity signals alignment combines. */
export type Vector = Map<string, number>

function normalise(v: Vector): Vector {
  let norm = 0
  for (const x of v.values()) norm += x * x
  norm = Math.sqrt(norm)
  if (norm > 0) for (const [k, x] of v) v.set(k, x / norm)
  return v
}

export function cosine(a: Vector, b: Vector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a]
  let dot = 0
  for (const [k, x] of small) {
    const y = large.get(k)
    if (y !== undefined) dot += x * y
  }
  return dot
}

/**
 * TF-IDF vectors (sublinear tf, smoothed idf) of term lists that are documents of one
 * collection: a term found in many of them (a name both reports repeat) weighs little.
 */
export function tfidfVectors(docs: string[][]): Vector[] {
  const weigh = idfWeights(docs)
  return docs.map(weigh)
}

/** Learns inverse document frequencies from `docs`; returns a function that makes a unit TF-IDF vector of any term list. */
export function idfWeights(docs: string[][]): (terms: string[]) => Vector {
  const df = new Map<string, number>()
  for (const terms of docs) for (const t of new Set(terms)) df.set(t, (df.get(t) ?? 0) + 1)
  const n = docs.length
  return (terms) => {
    const tf = new Map<string, number>()
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1)
    const v: Vector = new Map()
    for (const [t, c] of tf) v.set(t, (1 + Math.log(c)) * Math.log(1 + n / (df.get(t) ?? 0.5)))
    return normalise(v)
  }
}

/** Character trigrams of each word (with boundary marks): spelling variants still overlap. */
export function trigramVector(words: string[]): Vector {
  const v: Vector = new Map()
  for (const w of words) {
    const padded = `^${w}$`
    for (let i = 0; i + 3 <= padded.length; i++) {
      const g = padded.slice(i, i + 3)
      v.set(g, (v.get(g) ?? 0) + 1)
    }
  }
  return normalise(v)
}
