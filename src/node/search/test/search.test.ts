import { mkdtempSync, rmSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { unseal } from '../sealed-file'
import { SearchEngine, type IndexEntry } from '../search-engine'
import { SearchIndex, parseQuery, snippetOf } from '@core/search/search-index'

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
    expect(
      index
        .search('discussed')
        .map((r) => r.id)
        .sort(),
    ).toEqual(['b', 'c'])
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

  it('saves a snapshot that answers every query as a fresh build would, and keeps working after edits', () => {
    const words = ['summit', 'grain', 'energy', 'sanctions', 'bridge', 'pipeline', 'Ushakov', 'Kremlin', 'sovereignty', 'partnership', 'corridor', 'Blagoveshchensk']
    const rand = (() => {
      let x = 7
      return () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    })()
    // Every edit goes to `source` and to `docs`, from which a fresh index is built to compare.
    const source = new SearchIndex()
    const docs = new Map<string, [ReturnType<typeof doc>, string]>()
    const put = (i: SearchIndex, d: ReturnType<typeof doc>, hash: string): void => (i.upsert(d, hash), void docs.set(d.id, [d, hash]))
    const drop = (i: SearchIndex, id: string): void => (i.remove(id), void docs.delete(id))
    for (let i = 0; i < 300; i++) put(source, doc(`d${i}`, `Title ${words[i % words.length]} ${i}`, Array.from({ length: 40 }, () => words[Math.floor(rand() * words.length)]).join(' ')), `h${i}`)
    // Replaced and removed documents leave dead postings in MiniSearch until it vacuums; a snapshot drops them.
    for (let i = 0; i < 300; i += 7) put(source, doc(`d${i}`, `Revised ${i}`, 'grain corridor revised'), `r${i}`)
    for (let i = 3; i < 300; i += 11) drop(source, `d${i}`)
    const fresh = (): SearchIndex => {
      const out = new SearchIndex()
      for (const [d, hash] of docs.values()) out.upsert(d, hash)
      return out
    }
    const queries = ['summit', 'grain corridor', 'Blago', 'Ushakow', 'revised', 'title energy', 'sanctons', 'Kreml', 'nothing']
    const answers = (i: SearchIndex): unknown[] =>
      queries.map((q) =>
        i
          .search(q)
          .map((r) => [r.id, r.score.toFixed(6), Object.keys(r.match).sort(), r.title])
          .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      )

    const loaded = SearchIndex.fromSnapshot(Buffer.concat(drain(source.snapshot())))
    expect(loaded.size).toBe(docs.size)
    expect(loaded.hashOf('d7')).toBe('r7')
    expect(loaded.hashOf('d3')).toBeUndefined()
    expect(answers(loaded)[0]).not.toHaveLength(0)
    expect(answers(loaded)).toEqual(answers(fresh()))

    // Warming up (here: every term) decodes postings ahead of use and changes no answer.
    const warmed = SearchIndex.fromSnapshot(Buffer.concat(drain(source.snapshot())), 1)
    expect(warmed.warmUp(0)).toBe(true)
    while (warmed.warmUp(5));
    expect(answers(warmed)).toEqual(answers(fresh()))

    // The loaded index takes edits like any other, and a snapshot of it round-trips again.
    put(loaded, doc('d1', 'Changed', 'an entirely new pipeline text'), 'n1')
    drop(loaded, 'd2')
    put(loaded, doc('new', 'Added', 'summit grain'), 'n2')
    expect(answers(loaded)).toEqual(answers(fresh()))
    expect(answers(SearchIndex.fromSnapshot(Buffer.concat(drain(loaded.snapshot()))))).toEqual(answers(fresh()))
  })

  it('refuses a file that is not a whole snapshot', () => {
    const parts = Buffer.concat(drain(index.snapshot()))
    expect(() => SearchIndex.fromSnapshot(parts.subarray(0, parts.length - 3))).toThrow(/truncated/)
    // Cut inside the table of term offsets.
    expect(() => SearchIndex.fromSnapshot(parts.subarray(0, 12 + parts.readUInt32LE(8) + 6))).toThrow(/truncated/)
    expect(() => SearchIndex.fromSnapshot(Buffer.from('{"version":1}'))).toThrow(/not a Parallax index/)
  })
})

/** Runs a snapshot generator to the end. */
function drain(gen: Generator<void, Uint8Array[]>): Uint8Array[] {
  for (;;) {
    const step = gen.next()
    if (step.done) return step.value
  }
}

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
    for (const [name, title] of [
      ['four.md', 'Markdown'],
      ['five.txt', 'Wide'],
      ['six.txt', 'Punctuation'],
    ] as const)
      entries.push({ id: name, path: name, textHash: `hash-${name}`, title, author: '', outlet: '', categories: '' })
  })
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('confirms "quoted phrases" in the text, with snippets; persists and reloads the index', async () => {
    const file = join(root, 'index.bin')
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
    expect(SearchIndex.fromSnapshot(unseal(readFileSync(file))).ids()).toHaveLength(6)

    // A warm start reads the saved index and indexes only what changed.
    const warm = new SearchEngine(join(root, 'lib'), file)
    let reindexed = -1
    await warm.sync(entries, (_, total) => (reindexed = total))
    expect(reindexed).toBe(0)
    expect((await warm.query('grain', 10)).hits.map((h) => h.articleId)).toEqual(['three.txt'])
  })

  it('rebuilds, never trusts, a saved index whose bytes were damaged without changing its length', async () => {
    const file = join(root, 'damaged.bin')
    const engine = new SearchEngine(join(root, 'lib'), file)
    await engine.sync(entries, () => undefined)
    await engine.flush()
    const bytes = readFileSync(file)
    // Flip one bit in every 1,000th byte of the postings and offsets (after the JSON header).
    const from = 12 + bytes.readUInt32LE(8)
    for (let i = from; i < bytes.length - 8; i += 1000) bytes[i]! ^= 0x04
    bytes[from]! ^= 0x01
    writeFileSync(file, bytes)
    expect(() => unseal(bytes)).toThrow(/checksum mismatch/)

    const warm = new SearchEngine(join(root, 'lib'), file)
    let reindexed = -1
    await warm.sync(entries, (_, total) => (reindexed = total))
    expect(reindexed).toBe(entries.length)
    expect((await warm.query('grain', 10)).hits.map((h) => h.articleId)).toEqual(['three.txt'])
    expect((await warm.query('"strategic partnership"', 10)).hits).toHaveLength(3)
  })
})
