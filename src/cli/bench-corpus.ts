import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/** Deterministic PRNG (mulberry32) so every bench run reads the same library. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const WORDS = (
  'president minister summit talks cooperation sovereignty security economic trade energy sanctions ' +
  'bilateral strategic partnership relations dialogue region council agreement crisis resolution ' +
  'diplomacy official spokesman statement meeting foreign policy military exercise investment market ' +
  'growth development initiative global governance order peace stability border bridge pipeline gas ' +
  'oil grain export import currency payment bank visit delegation parliament election reform law ' +
  'court media report analyst observer western eastern alliance organization united nations charter'
).split(' ')
const NAMES = ['Xi', 'Putin', 'Lavrov', 'Wang', 'Ushakov', 'Peskov', 'Zakharova', 'Li', 'Modi', 'Lula']
const OUTLETS = ['Global Times', 'Xinhua', 'TASS', 'Morning Star', 'Reuters', 'South China Morning Post']

/**
 * A vocabulary shaped like news text: the common words above plus 6,000 rarer synthetic words
 * drawn with a Zipf-like skew, so the index and queries behave as on a real corpus (a handful
 * of words everywhere, most words in few articles).
 */
function vocabulary(rand: () => number): () => string {
  const syllables = ['ka', 'lo', 'mi', 'ran', 'te', 'vo', 'shi', 'bel', 'gor', 'an', 'dru', 'es', 'pol', 'ti', 'zen', 'ur']
  const rare = Array.from({ length: 6000 }, (_, i) => {
    let w = ''
    let n = i + 7
    do {
      w += syllables[n % syllables.length]
      n = Math.floor(n / syllables.length)
    } while (n > 0)
    return w
  })
  return () => (rand() < 0.55 ? WORDS[Math.floor(rand() * WORDS.length)] : rare[Math.floor(rare.length * Math.pow(rand(), 2.2))])
}

/** Writes `count` header-style articles of ~6.5 KB each into `dir`, 100 per sub-folder. */
export async function generateLibrary(dir: string, count: number, seed = 42): Promise<{ bytes: number }> {
  const rand = prng(seed)
  const pick = <T>(list: T[]): T => list[Math.floor(rand() * list.length)]
  const word = vocabulary(rand)
  let bytes = 0
  for (let i = 0; i < count; i++) {
    const sub = join(dir, `batch-${String(Math.floor(i / 100)).padStart(3, '0')}`)
    if (i % 100 === 0) await mkdir(sub, { recursive: true })
    const paragraphs: string[] = []
    let size = 0
    while (size < 6200) {
      const sentences: string[] = []
      for (let s = 0; s < 3 + Math.floor(rand() * 3); s++) {
        const words = Array.from({ length: 12 + Math.floor(rand() * 14) }, word)
        words[0] = words[0][0].toUpperCase() + words[0].slice(1)
        words.splice(3, 0, pick(NAMES))
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
