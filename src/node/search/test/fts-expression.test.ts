import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toFtsMatch } from '@core/search/fts-match'
import { parseSearch } from '@core/search/query'
import { FtsIndex } from '../fts-index'
import { indexLexicon } from '../index-lexicon'

/** The FTS5 expressions a real index is asked: each posting list read once. */
describe('query expressions against a real index', () => {
  let root: string
  let index: FtsIndex
  const doc = (id: string, body: string): void => index.put({ id, textHash: id, path: id, title: '', author: '', outlet: '', categories: '', date: '', body })
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'parallax-fts-expr-'))
    index = new FtsIndex(join(root, 'search.sqlite'))
    index.transaction(() => {
      doc('a', 'Security talks on organ donation and the security council.')
      doc('b', 'An organization for regional security.')
    })
  })
  afterAll(() => {
    index.close()
    rmSync(root, { recursive: true, force: true })
  })

  const expr = (q: string, asYouType = true): string | undefined => toFtsMatch(parseSearch(q, { asYouType }), indexLexicon(index)).match

  it('stems a word as the index does', () => {
    expect(index.termOf('security')).toBe('secur')
    expect(index.termOf('organizations')).toBe('organ')
    expect(index.termOf('Zürich')).toBe('zurich')
  })

  it('asks a word being typed once, as a prefix that holds the word and its stem', () => {
    // Not ("security" OR "security"* OR "secur"): the prefix is stemmed as the word is.
    expect(expr('security')).toBe('"security"*')
    // Typed past its stem, the stem the prefix cannot reach is added.
    expect(expr('organizati')).toBe('("organizati"* OR "organ")')
  })

  it('asks a word given whole as itself', () => {
    expect(expr('security', false)).toBe('"security"')
    expect(expr('security ', true)).toBe('"security"')
  })
})

describe('a bulk build', () => {
  // Enough distinct words that each batch leaves a segment of many pages.
  const words = (n: number): string => Array.from({ length: 150 }, (_, k) => `w${(n * 7919 + k * 104729) % 20000}`).join(' ')
  it('answers every query while its segments are merged afterwards, a step at a time, and records the merge until it is done', () => {
    const root = mkdtempSync(join(tmpdir(), 'parallax-fts-merge-'))
    const file = join(root, 'search.sqlite')
    let index = new FtsIndex(file)
    try {
      index.bulk(true)
      // Many small transactions, as a scan sends them: each leaves a segment while automerge is off.
      for (let batch = 0; batch < 40; batch++)
        index.transaction(() => {
          for (let i = 0; i < 25; i++) {
            const n = batch * 25 + i
            index.put(
              {
                id: `a${n}`,
                textHash: `h${n}`,
                path: `a${n}.txt`,
                title: '',
                author: '',
                outlet: '',
                categories: '',
                date: '',
                body: `report ${n} on the summit${n % 10 === 0 ? ' and the strategic partnership' : ''} ${words(n)}`,
              },
              true,
            )
          }
        })
      index.bulk(false)
      expect(index.mergePending).toBe(true)
      const count = (): number => index.search('"strategic partnership"', {}, 5).total
      expect(count()).toBe(100)
      // Interrupted after one step (the app closed), the mark survives a reopening.
      expect(index.mergeStep(2)).toBe(true)
      index.close()
      index = new FtsIndex(file)
      expect(index.mergePending).toBe(true)
      let steps = 1
      while (index.mergeStep(2)) steps++
      expect(steps).toBeGreaterThan(2)
      expect(index.mergePending).toBe(false)
      expect(count()).toBe(100)
      expect(index.search('summit', {}, 5).total).toBe(1000)
    } finally {
      index.close()
      rmSync(root, { recursive: true, force: true })
    }
  })
})
