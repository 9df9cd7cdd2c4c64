import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { prng } from '@core/prng'

export { prng }

const WORDS = (
  'president minister summit talks cooperation sovereignty security economic trade energy sanctions ' +
  'bilateral strategic partnership relations dialogue region council agreement crisis resolution ' +
  'diplomacy official spokesman statement meeting foreign policy military exercise investment market ' +
  'growth development initiative global governance order peace stability border bridge pipeline gas ' +
  'oil grain export import currency payment bank visit delegation parliament election reform law ' +
  'court media report analyst observer western eastern alliance organization united nations charter'
).split(' ')
const NAMES = ['Xi', 'Putin', 'Lavrov', 'Wang', 'Ushakov', 'Peskov', 'Zakharova', 'Li', 'Modi', 'Lula']
/** Phrases of common words that news reports repeat. */
const COLLOCATIONS = ['of the summit', 'the two sides', 'strategic partnership', 'the united nations charter', 'energy cooperation']
const OUTLETS = ['Global Times', 'Xinhua', 'TASS', 'Morning Star', 'Reuters', 'South China Morning Post']

const FUNCTION_WORDS = (
  'the of and to a in that is for on with as by was said at from it his an be have has are its their which this will ' +
  'not but were been also had who they would more two after new about over than other into year all we he could there ' +
  'up one between while during'
).split(' ')

/**
 * A vocabulary shaped like news text: a Zipf distribution (exponent 1) over function words,
 * then the news words above spread between ranks 60 and ~3,000, then 60,000 rarer synthetic
 * words. So a query behaves as on a real corpus: "the" is in every article, a news word in
 * a few to most of them, a rare word in a handful.
 */
function vocabulary(rand: () => number): () => string {
  const syllables = ['ka', 'lo', 'mi', 'ran', 'te', 'vo', 'shi', 'bel', 'gor', 'an', 'dru', 'es', 'pol', 'ti', 'zen', 'ur']
  const synthetic = (i: number): string => {
    let w = ''
    let n = i + 7
    do {
      w += syllables[n % syllables.length]
      n = Math.floor(n / syllables.length)
    } while (n > 0)
    return w
  }
  const ranked: string[] = [...FUNCTION_WORDS]
  let next = 0
  for (let k = 0; k < WORDS.length; k++) {
    const rank = 60 + k * 32
    while (ranked.length < rank) ranked.push(synthetic(next++))
    ranked.push(WORDS[k]!)
  }
  while (ranked.length < 60_000) ranked.push(synthetic(next++))
  // Cumulative Zipf weights, sampled by binary search.
  const cumulative = new Float64Array(ranked.length)
  let sum = 0
  for (let r = 0; r < ranked.length; r++) cumulative[r] = sum += 1 / (r + 1)
  return () => {
    const x = rand() * sum
    let lo = 0
    let hi = cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (cumulative[mid]! < x) lo = mid + 1
      else hi = mid
    }
    return ranked[lo]!
  }
}

/** Writes `count` header-style articles of ~6.5 KB each into `dir`, 100 per sub-folder. */
export async function generateLibrary(dir: string, count: number, articleBytes = 6200, seed = 42): Promise<{ bytes: number }> {
  const rand = prng(seed)
  const pick = <T>(list: T[]): T => list[Math.floor(rand() * list.length)]!
  const word = vocabulary(rand)
  let bytes = 0
  for (let i = 0; i < count; i++) {
    const sub = join(dir, `batch-${String(Math.floor(i / 100)).padStart(3, '0')}`)
    if (i % 100 === 0) await mkdir(sub, { recursive: true })
    const paragraphs: string[] = []
    let size = 0
    while (size < articleBytes) {
      const sentences: string[] = []
      for (let s = 0; s < 3 + Math.floor(rand() * 3); s++) {
        const words = Array.from({ length: 12 + Math.floor(rand() * 14) }, word)
        words[0] = words[0]!.charAt(0).toUpperCase() + words[0]!.slice(1)
        words.splice(3, 0, pick(NAMES))
        // Set phrases recur as they do in news text, so phrase counts are checked on hundreds of articles.
        if (rand() < 0.04) words.splice(5, 0, ...pick(COLLOCATIONS).split(' '))
        sentences.push(words.join(' ') + '.')
      }
      const p = sentences.join(' ')
      paragraphs.push(p)
      size += p.length + 1
    }
    const day = String(1 + (i % 28)).padStart(2, '0')
    const text = `Published Time: 20${String(10 + (i % 15)).padStart(2, '0')}-${String(1 + (i % 12)).padStart(2, '0')}-${day}\nTitle: Report ${i}: ${pick(NAMES)} and ${pick(NAMES)} discuss ${pick(WORDS)}\nCategory 1: WORLD; Category 2: ${pick(WORDS).toUpperCase()}\nAuthor: ${pick(OUTLETS)}\nText: \n${paragraphs.join('\n')}\n`
    bytes += Buffer.byteLength(text)
    await writeFile(join(sub, `article-${String(i).padStart(5, '0')}.txt`), text)
  }
  return { bytes }
}
