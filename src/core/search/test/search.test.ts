import { mkdtempSync, rmSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SearchEngine, type IndexEntry } from '../search-engine'
import { SearchIndex, parseQuery, snippetOf } from '../search-index'

const doc = (id: string, title: string, text: string) => ({ id, title, text, author: '', outlet: '', categories: '' })

describe('SearchIndex', () => {
  const index = new SearchIndex()
  index.upsert(doc('a', 'Xi, Putin hold phone call', 'The Heihe-Blagoveshchensk cross-border highway bridge has opened to traffic.'), 'h1')
  index.upsert(doc('b', 'Video summit', 'Kremlin aide Yuri Ushakov said the leaders discussed energy.'), 'h2')
  index.upsert(doc('c', 'Grain deal', 'Ministers discussed grain exports and core interests.'), 'h3')

  it('finds by prefix from three letters and forgives typos in longer words', () => {
    expect(index.search('Blago').map((r) => r.id)).toEqual(['a'])
    expect(index.search('Ushakow').map((r) => r.id)).toEqual(['b'])
    expect(index.search('Xi').map((r) => r.id)).toEqual(['a'])
    expect(index.search('discussed').map((r) => r.id).sort()).toEqual(['b', 'c'])
    // Every term must match.
    expect(index.search('discussed grain').map((r) => r.id)).toEqual(['c'])
  })

  it('replaces a re-indexed document and forgets a removed one', () => {
    const i = new SearchIndex()
    i.upsert(doc('x', 'Old', 'pipeline talks'), 'v1')
    i.upsert(doc('x', 'New', 'grain corridor'), 'v2')
    expect(i.search('pipeline')).toHaveLength(0)
    expect(i.search('corridor').map((r) => r.id)).toEqual(['x'])
    expect(i.hashOf('x')).toBe('v2')
    i.remove('x')
    expect(i.size).toBe(0)
  })

  it('writes its JSON in chunks that join to the same index, and loads it back', () => {
    const whole = index.toJSON()
    const chunks = [...index.jsonChunks(1)]
    expect(chunks.length).toBeGreaterThan(10)
    expect(chunks.join('')).toBe(whole)
    const loaded = SearchIndex.fromJSON(whole)
    expect(loaded.size).toBe(3)
    expect(loaded.search('Blago').map((r) => r.id)).toEqual(['a'])
    expect(loaded.hashOf('c')).toBe('h3')
  })
})

describe('queries and snippets', () => {
  it('separates "quoted phrases" from free terms', () => {
    expect(parseQuery('energy "core interests" Putin')).toEqual({ terms: 'energy  core interests  Putin', phrases: ['core interests'] })
  })

  it('cuts a snippet around the first match and marks every match in it', () => {
    const text = 'A '.repeat(200) + 'the bridge opened; the Bridge is long.'
    const s = snippetOf(text, ['bridge'])
    expect(s.text.startsWith('…')).toBe(true)
    expect(s.marks).toHaveLength(2)
    for (const [a, b] of s.marks) expect(s.text.slice(a, b).toLowerCase()).toBe('bridge')
    expect(s.firstMatch).toBe(text.indexOf('bridge'))
  })
})

describe('SearchEngine over a folder', () => {
  let root: string
  const entries: IndexEntry[] = []
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'parallax-search-'))
    mkdirSync(join(root, 'lib'))
    const files: Array<[string, string, string]> = [
      ['one.txt', 'Strategic partnership renewed', 'The two sides renewed their strategic partnership on Monday.'],
      ['two.txt', 'Partnership questioned', 'Analysts asked whether the partnership is strategic at all.'],
      ['three.txt', 'Grain', 'Grain exports rose.'],
    ]
    for (const [name, title, body] of files) {
      writeFileSync(join(root, 'lib', name), `Title: ${title}\nText:\n${body}\n`)
      entries.push({ id: name, path: name, textHash: `hash-${name}`, title, author: '', outlet: '', categories: '' })
    }
    // Files where the phrase is only visible after decoding or parsing: the raw-byte shortcut
    // must not rule them out.
    writeFileSync(join(root, 'lib', 'four.md'), '# Markdown\n\nA strategic **partnership** in bold.\n')
    writeFileSync(join(root, 'lib', 'five.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Title: Wide\nText:\nOur strategic partnership, in UTF-16.\n', 'utf16le')]))
    writeFileSync(join(root, 'lib', 'six.txt'), 'Title: Punctuation\nText:\nNew U.S.  sanctions (again) were announced.\n')
    for (const [name, title] of [['four.md', 'Markdown'], ['five.txt', 'Wide'], ['six.txt', 'Punctuation']]) entries.push({ id: name, path: name, textHash: `hash-${name}`, title, author: '', outlet: '', categories: '' })
  })
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('confirms "quoted phrases" in the text, with snippets; persists and reloads the index', async () => {
    const file = join(root, 'index.json')
    const engine = new SearchEngine(join(root, 'lib'), file)
    await engine.sync(entries, () => undefined)
    const words = await engine.query('strategic partnership', 10)
    expect(words.hits.map((h) => h.articleId).sort()).toEqual(['five.txt', 'four.md', 'one.txt', 'two.txt'])
    const phrase = await engine.query('"strategic partnership"', 10)
    expect(phrase.hits.map((h) => h.articleId).sort()).toEqual(['five.txt', 'four.md', 'one.txt'])
    expect(phrase.partial).toBe(false)
    expect(phrase.hits.find((h) => h.articleId === 'one.txt')!.snippet.text).toContain('strategic partnership')
    // Punctuation in a phrase is literal; runs of spaces inside it count as one.
    expect((await engine.query('"U.S. sanctions (again)"', 10)).hits.map((h) => h.articleId)).toEqual(['six.txt'])
    expect((await engine.query('"US sanctions"', 10)).hits).toHaveLength(0)
    await engine.flush()
    expect(JSON.parse(readFileSync(file, 'utf8')).hashes).toHaveLength(6)

    // A warm start reads the saved index and indexes only what changed.
    const warm = new SearchEngine(join(root, 'lib'), file)
    let reindexed = -1
    await warm.sync(entries, (_, total) => (reindexed = total))
    expect(reindexed).toBe(0)
    expect((await warm.query('grain', 10)).hits.map((h) => h.articleId)).toEqual(['three.txt'])
  })
})
