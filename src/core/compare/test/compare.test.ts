import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseArticle } from '../../article/parse'
import { alignSentences } from '../align'
import { compareTexts } from '../compare'
import { sentencesOf } from '../segment'
import { tfidfVectors } from '../similarity'

const sample = async (file: string): Promise<string> => {
  const parsed = await parseArticle(new Uint8Array(readFileSync(join(__dirname, '../../../../resources/sample-library', file))), file)
  if (!parsed.readable) throw new Error(file)
  return parsed.article.text
}
const LEFT = await sample('000_92639f20422bd322.txt')
const RIGHT = await sample('004_b2fc31442e9245ef.txt')
const result = compareTexts(LEFT, RIGHT)
const linked = (left: string, right: string): boolean => result.links.some((l) => l.left.text.includes(left) && l.right.text.includes(right))
const names = (list: Array<{ name: string }>): string[] => list.map((e) => e.name)

describe('comparing the two summit reports', () => {
  it('links the passages that report the same thing, through paraphrase', () => {
    expect(linked('core interests concerning sovereignty and security', 'support each other on key issues concerning national interests')).toBe(true)
    expect(linked('held a phone conversation', 'held a video summit')).toBe(true)
    // No shared stem: "practical" and "pragmatic" meet through WordNet.
    expect(linked('practical bilateral cooperation', 'pragmatic co-operation')).toBe(true)
    for (const l of result.links) {
      expect(LEFT.slice(l.left.start, l.left.end)).toBe(l.left.text)
      expect(RIGHT.slice(l.right.start, l.right.end)).toBe(l.right.text)
      expect(l.score).toBeGreaterThan(0)
      expect(l.score).toBeLessThanOrEqual(1)
    }
  })

  it('leaves unrelated passages unlinked and lists them as only in one report', () => {
    expect(result.links.some((l) => l.left.text.includes('independent judgments'))).toBe(false)
    expect(result.links.some((l) => l.right.text.includes('visa-free entry'))).toBe(false)
    expect(result.onlyLeft.some((s) => s.text.includes('independent judgments'))).toBe(true)
    expect(result.onlyRight.some((s) => s.text.includes('visa-free entry'))).toBe(true)
  })

  it('sets the framing of the same event side by side ("phone conversation" / "video summit")', () => {
    const opening = result.links.find((l) => l.left.text.includes('phone conversation'))!
    expect(opening.differences).toContainEqual(expect.objectContaining({ kind: 'wording', left: expect.stringContaining('phone'), right: expect.stringContaining('video') }))
  })

  it('lists who and what only one report mentions, and what both do', () => {
    expect(names(result.entities.onlyLeft)).toEqual(expect.arrayContaining(['Ukraine', 'Xinjiang', 'Hong Kong', 'Taiwan', 'BRICS']))
    expect(names(result.entities.onlyRight)).toEqual(expect.arrayContaining(['Donald Trump', 'Yuri Ushakov', 'Shenzhen', 'Board of Peace', 'visa-free entry']))
    expect(names(result.entities.both)).toEqual(expect.arrayContaining(['Xi Jinping', 'Vladimir Putin', 'United Nations', 'sovereignty', 'security']))
    for (const e of [...result.entities.onlyLeft, ...result.entities.onlyRight, ...result.entities.both]) {
      for (const m of e.mentions) expect((m.side === 'left' ? LEFT : RIGHT).slice(m.start, m.end).length).toBeGreaterThan(0)
    }
  })

  it('attributes statements to one person across names, roles and pronouns', () => {
    const by = (side: string, fragment: string): string | undefined => result.statements.find((s) => s.side === side && s.text.includes(fragment))?.speaker
    expect(by('left', 'bilateral relations have maintained a sound development momentum')).toBe('Xi Jinping')
    expect(by('left', 'promote solidarity and cooperation')).toBe('Xi Jinping') // "…, he added."
    expect(by('left', 'remarkable developments')).toBe('Vladimir Putin')
    expect(by('right', 'pragmatic co-operation')).toBe('Xi Jinping') // "The Chinese leader called for …"
    expect(by('right', 'firm support for our shared efforts')).toBe('Vladimir Putin') // "the Russian president said: …"
    expect(by('right', 'support each other on key issues')).toBe('Yuri Ushakov') // not "Putin’s adviser"
    for (const s of result.statements) expect((s.side === 'left' ? LEFT : RIGHT).slice(s.start, s.end)).toBe(s.text)
  })
})

describe('alignment on constructed pairs', () => {
  const align = (left: string, right: string) => {
    const l = sentencesOf(left)
    const r = sentencesOf(right)
    return alignSentences(l, r).map((p) => [l[p.left]!.text, r[p.right]!.text])
  }

  it('survives spelling variants and different word forms', () => {
    expect(align('The two countries agreed to deepen energy cooperation and to expand trade.', 'Both nations agreed on deeper energy co-operation and expanding trade.')).toHaveLength(1)
    expect(align('The ministers discussed the organisation of the summit.', 'Ministers talked about organization of the summit meeting.')).toHaveLength(1)
  })

  it('links paraphrases through synonyms that share no stem', () => {
    expect(align('Moscow wants practical partnership with Beijing on energy.', 'Beijing seeks pragmatic collaboration with Moscow over oil and gas.')).toHaveLength(1)
    expect(align('Both leaders condemned the conflict and called for a ceasefire.', 'The two presidents denounced the struggle and urged a truce.')).toHaveLength(1)
  })

  it('links a sentence split in two on the other side to both halves', () => {
    const pairs = align(
      'The leaders agreed to expand energy trade and to build a new gas pipeline across Mongolia.',
      'The leaders agreed to expand energy trade. They will also build a new gas pipeline across Mongolia.',
    )
    expect(pairs).toHaveLength(2)
  })

  it('does not link sentences that merely share names and common words', () => {
    expect(align('Xi said China values its ties with Russia and the talks were good.', 'Putin said Russia is ready to sell more wheat to China next year.')).toEqual([])
    expect(align('The president visited a hospital in the capital on Monday.', 'The president said inflation fell sharply in the third quarter.')).toEqual([])
  })
})

describe('a long session of comparisons', () => {
  it('numbers its terms afresh past the limit, and the next comparison is the same as before', () => {
    const before = compareTexts(LEFT, RIGHT).links.map((l) => [l.left.start, l.right.start, l.score])
    // 200,001 words never seen before, as hundreds of compared reports would bring.
    tfidfVectors([Array.from({ length: 200_001 }, (_, i) => `zq${i}`)])
    expect(tfidfVectors([['zq-new']])[0]!.ids[0]).toBeGreaterThan(200_000)
    // The next comparison starts the numbering again, from the other report's words first, so
    // every term gets another number than before: nothing numbered before may be reused.
    compareTexts(RIGHT, LEFT)
    const after = compareTexts(LEFT, RIGHT).links.map((l) => [l.left.start, l.right.start, l.score])
    expect(after).toEqual(before)
    // The numbering started again: a new word gets a small number.
    expect(tfidfVectors([['zq-newer']])[0]!.ids[0]).toBeLessThan(200_000)
  })
})
