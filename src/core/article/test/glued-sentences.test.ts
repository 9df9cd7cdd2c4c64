import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseArticle } from '../parse'
import { separateGluedSentences } from '../glued-sentences'

describe('glued sentences', () => {
  it('gets the space back after a sentence end glued to a capitalised sentence', async () => {
    expect(separateGluedSentences('global turbulence and transformations.The economic and trade').text).toBe('global turbulence and transformations. The economic and trade')
    expect(separateGluedSentences('Xi said.China is willing. He added!Then “they left.”Later').text).toBe('Xi said. China is willing. He added! Then “they left.” Later')
    expect(separateGluedSentences('rose by 5%.The next').text).toBe('rose by 5%. The next')
  })

  it('leaves abbreviations, initials, decimals, domain names and URLs alone', async () => {
    for (const kept of [
      'the U.S. and the E.U. agreed',
      'tools, e.g. hammers',
      'Mr.Smith arrived',
      'inflation of 3.5 per cent',
      'see example.com for more',
      'visit www.Example.org today',
      'at https://news.example.com/World.Html now',
      'write to press@agency.Org soon',
      'hosted at parallax.Com',
    ]) {
      expect(separateGluedSentences(kept)).toEqual({ text: kept, count: 0 })
    }
  })

  it('is reported in the repair line of the sample report (five glued sentences in its text)', async () => {
    const bytes = readFileSync(join(__dirname, '../../../../resources/sample-library/000_92639f20422bd322.txt'))
    const parsed = await parseArticle(new Uint8Array(bytes), '000_92639f20422bd322.txt')
    if (!parsed.readable) throw new Error('unreadable')
    expect(parsed.article.text).toContain('transformations. The economic')
    expect(parsed.article.text).not.toMatch(/[a-z]{2}[.!?][A-Z][a-z]/)
    expect(parsed.article.repairs).toContain('Separated 5 sentences glued together.')
  })
})
