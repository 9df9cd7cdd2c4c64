import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseArticle } from '@core/article/parse'
import { compareTexts } from '@core/compare/compare'
import { wordsOf } from '@core/compare/tokens'
import { prng } from './bench-corpus'

async function sampleText(folder: string, file: string): Promise<string> {
  const parsed = await parseArticle(new Uint8Array(await readFile(join(folder, file))), file)
  if (!parsed.readable) throw new Error(file)
  return parsed.article.text
}

/**
 * A report of about `words` words in the voice of a real one: its sentences in shuffled order,
 * names, numbers and places varied, so segmentation, entities, facts and attribution all work
 * as on news text.
 */
function lengthen(text: string, words: number, seed: number): string {
  const rand = prng(seed)
  const sentences = text.split(/(?<=[.!?”])\s+/).filter((s) => s.split(/\s+/).length > 4)
  const swaps: Array<[RegExp, string[]]> = [
    [/Wednesday/g, ['Monday', 'Tuesday', 'Thursday', 'Friday']],
    [/Moscow/g, ['Kazan', 'Sochi', 'Vladivostok']],
    [/Beijing/g, ['Shanghai', 'Harbin', 'Tianjin']],
    [/\btwo\b/g, ['three', 'several', '12', '1,500']],
  ]
  const out: string[] = []
  let count = 0
  while (count < words) {
    let s = sentences[Math.floor(rand() * sentences.length)]!
    for (const [re, options] of swaps) if (rand() < 0.3) s = s.replace(re, options[Math.floor(rand() * options.length)]!)
    out.push(s)
    count += s.split(/\s+/).length
    if (rand() < 0.25) out.push('\n')
  }
  return out.join(' ').replace(/ \n /g, '\n')
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}

/** Aligning two 5,000-word reports with entities, facts and statements, against reading their words. */
export async function benchCompare(sampleFolder: string): Promise<{ words: [number, number]; median: number; worst: number; baseline: number; links: number; statements: number }> {
  const leftSample = await sampleText(sampleFolder, '000_92639f20422bd322.txt')
  const rightSample = await sampleText(sampleFolder, '004_b2fc31442e9245ef.txt')
  compareTexts(leftSample, rightSample) // load the libraries once, as an app that has compared before
  const times: number[] = []
  let left = ''
  let right = ''
  let last = compareTexts(leftSample, rightSample)
  // A new pair each run (other seeds). The first meets every passage for the first time, so the
  // worst is the honest figure for a first comparison: the later ones share passages with it
  // (the same sample sentences, reshuffled), whose parsed numbers the comparison keeps.
  for (let i = 0; i < 5; i++) {
    left = lengthen(leftSample, 5000, 10 + i)
    right = lengthen(rightSample, 5000, 20 + i)
    const t = performance.now()
    last = compareTexts(left, right)
    times.push(performance.now() - t)
  }
  const base: number[] = []
  let tokens = 0
  for (let i = 0; i < 5; i++) {
    const t = performance.now()
    tokens = wordsOf(left).length + wordsOf(right).length
    base.push(performance.now() - t)
  }
  return {
    words: [wordsOf(left).length, tokens - wordsOf(left).length],
    median: median(times),
    worst: Math.max(...times),
    baseline: median(base),
    links: last.links.length,
    statements: last.statements.length,
  }
}
