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
