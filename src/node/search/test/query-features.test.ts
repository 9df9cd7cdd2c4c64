import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sampleLibraryFolder } from '../../library-folder'
import { SearchEngine, type IndexEntry } from '../search-engine'

const LEFT = '000_92639f20422bd322.txt' // spells it "cooperation"
const RIGHT = '004_b2fc31442e9245ef.txt' // spells it "co-operation"

describe('query features over the two sample reports and a few written for the test', () => {
  let root: string
  let engine: SearchEngine
  const entries: IndexEntry[] = []
  const add = (path: string, title: string, extra: Partial<IndexEntry> = {}): void =>
    void entries.push({ id: path, path, textHash: `h-${path}`, title, author: '', outlet: '', categories: '', date: '', ...extra })

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'parallax-query-'))
    cpSync(sampleLibraryFolder(), root, { recursive: true })
    add(LEFT, 'Xi, Putin hold phone talks', { outlet: 'Xinhua', date: '2025-02-26' })
    add(RIGHT, 'Xi and Putin hold video summit', { outlet: 'South China Morning Post', author: 'Finbarr Bermingham', date: '2025-03-01' })
    writeFileSync(join(root, 'organisation.txt'), 'Title: The organisation\nText:\nThe organisation of the defence summit in the city centre.\n')
    add('organisation.txt', 'The organisation', { date: '2024-06-10' })
    writeFileSync(join(root, 'organization.txt'), 'Title: Another organization\nText:\nAn organization held its defense talks downtown.\n')
    add('organization.txt', 'Another organization', { date: '2023-01-05' })
    writeFileSync(join(root, 'apart.txt'), 'Title: Trade\nText:\nEconomic co operation grew, a lot.\n')
    add('apart.txt', 'Trade')
    engine = new SearchEngine(root, join(root, '.parallax', 'cache', 'search.sqlite'))
    await engine.sync(entries, () => undefined)
  })
  afterAll(async () => {
    await engine.close()
    rmSync(root, { recursive: true, force: true })
  })

  const ids = async (q: string, asYouType = false): Promise<string[]> => (await engine.query(q, 20, { asYouType })).hits.map((h) => h.articleId).sort()

  it('finds both spellings of a hyphenated compound, however it is typed, and marks whole words', async () => {
    for (const q of ['co-operation', 'cooperation', 'co operation', '"co-operation"', '"pragmatic co-operation"']) {
      const found = await ids(q)
      expect(found, q).toContain(RIGHT)
      if (!q.includes('pragmatic')) expect(found, q).toContain(LEFT)
    }
    // Typed apart ("co operation"), the word the index has it as is marked too.
    for (const q of ['co-operation', 'cooperation', 'co operation']) {
      for (const hit of (await engine.query(q, 20)).hits) {
        const marked = hit.snippet.marks.map(([a, b]) => hit.snippet.text.slice(a, b).toLowerCase())
        expect(marked.length, `${q} in ${hit.articleId}`).toBeGreaterThan(0)
        for (const m of marked) expect(['co-operation', 'cooperation', 'co operation']).toContain(m)
      }
    }
    // Typed as one word and written as two, where the index has it so: the pair is marked.
    const apart = (await engine.query('cooperation', 20)).hits.find((h) => h.articleId === 'apart.txt')!
    expect(apart.snippet.marks.map(([a, b]) => apart.snippet.text.slice(a, b))).toEqual(['co operation'])
  })

  it('folds British and American spellings', async () => {
    expect(await ids('organization')).toEqual([LEFT, 'organisation.txt', 'organization.txt'])
    expect(await ids('organisation')).toEqual([LEFT, 'organisation.txt', 'organization.txt'])
    expect(await ids('defence')).toEqual(['organisation.txt', 'organization.txt'])
    expect(await ids('center')).toEqual(['organisation.txt'])
  })

  it('forgives typos through the index vocabulary, and completes a word being typed', async () => {
    expect(await ids('Ushakow')).toEqual([RIGHT])
    expect(await ids('sovreignty')).toEqual([LEFT, RIGHT])
    expect(await ids('Blagov', true)).toEqual([LEFT])
    expect(await ids('Blagov')).toEqual([])
    expect(await ids('Zzyzx')).toEqual([])
    expect(await ids('Ushak', true)).toEqual([RIGHT])
    // Typed past the stem ("organizati…" is indexed under "organ").
    expect(await ids('organizati', true)).toContain('organization.txt')
    // A word being typed is asked once, as a prefix (it holds the word itself and its stem).
    expect(await ids('organization', true)).toEqual(expect.arrayContaining(['organisation.txt', 'organization.txt']))
  })

  it('answers OR, exclusions, fields and dates', async () => {
    expect(await ids('Xinjiang OR Shenzhen')).toEqual([LEFT, RIGHT])
    expect(await ids('summit -Shenzhen')).toEqual(['organisation.txt'])
    expect(await ids('summit -"video summit"')).toEqual(['organisation.txt'])
    expect(await ids('title:summit')).toEqual([RIGHT])
    expect(await ids('outlet:xinhua Putin')).toEqual([LEFT])
    expect(await ids('author:bermingham')).toEqual([RIGHT])
    expect(await ids('Putin after:2025-02-27')).toEqual([RIGHT])
    expect(await ids('date:2025')).toEqual([LEFT, RIGHT])
    expect(await ids('before:2023-12-31')).toEqual(['organization.txt'])
    expect(await ids('Putin')).toEqual([LEFT, RIGHT])
  })

  it('ranks a title match first and counts every match', async () => {
    // LEFT names the organization in its text only; the other two in their titles.
    const r = await engine.query('organization ', 3)
    expect(r.total).toBe(3)
    expect(r.hits.map((h) => h.articleId).slice(-1)).toEqual([LEFT])
  })
})
