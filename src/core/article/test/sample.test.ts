import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseArticle } from '../parse'
import { splitSentences } from '../sentences'

const SAMPLES = join(__dirname, '../../../../resources/sample-library')
const read = (name: string): Uint8Array => new Uint8Array(readFileSync(join(SAMPLES, name)))

describe('the two sample summit reports', () => {
  it('reads the Global Times phone-call report with its header, repairing the double-encoded space', async () => {
    const outcome = await parseArticle(read('000_92639f20422bd322.txt'), '000_92639f20422bd322.txt')
    expect(outcome.readable).toBe(true)
    if (!outcome.readable) return
    const { article } = outcome
    expect(article.meta.title).toBe('Xi, Putin hold phone call, vow pragmatic cooperation')
    expect(article.meta.date).toBe('2022-06-15')
    expect(article.meta.author).toBe('Global Times')
    expect(article.meta.categories).toEqual(['CHINA', 'DIPLOMACY'])
    expect(article.text.startsWith('Chinese President Xi Jinping on Wednesday afternoon')).toBe(true)
    // The repaired no-break space sat beside an ordinary space: one space is kept, not a double gap.
    expect(article.text).toContain('a fairer and more reasonable world order')
    expect(article.text).not.toContain('Â')
    expect(article.warnings.map((w) => w.code)).toContain('mojibake-repaired')
    expect(article.blocks).toHaveLength(7)
  })

  it('splits the glued sentences of the first report', async () => {
    const outcome = await parseArticle(read('000_92639f20422bd322.txt'), 'a.txt')
    if (!outcome.readable) throw new Error('unreadable')
    const sentences = splitSentences(outcome.article.text).map((s) => outcome.article.text.slice(s.start, s.end))
    expect(sentences).toContain('The Chinese side stands ready to work with the Russian side to push for steady and long-term development of practical bilateral cooperation, Xi said.')
    expect(sentences.some((s) => s.startsWith('The economic and trade cooperation'))).toBe(true)
    expect(sentences.at(-1)).toBe('Global Times')
  })

  it('derives a sensible title for the report without a header', async () => {
    const outcome = await parseArticle(read('004_b2fc31442e9245ef.txt'), '004_b2fc31442e9245ef.txt')
    if (!outcome.readable) throw new Error('unreadable')
    expect(outcome.article.meta.title).toMatch(/^Chinese President Xi Jinping and his Russian counterpart Vladimir Putin held a video summit/)
    expect(outcome.article.meta.title.length).toBeLessThanOrEqual(101)
    expect(outcome.article.meta.titleSource).toBe('derived')
    expect(outcome.article.meta.date).toBeUndefined()
    expect(outcome.article.blocks.length).toBe(14)
  })
})
