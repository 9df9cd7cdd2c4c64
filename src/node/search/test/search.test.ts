import { mkdtempSync, rmSync, writeFileSync, mkdirSync, readFileSync, readdirSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SearchEngine, type PrefillDocument, type IndexEntry } from '../search-engine'
import { openSqlite } from '../sqlite'

/** `count` articles as the library scan hands them over: named `<prefix><i>.txt`, with texts from `bodyOf`. */
const scannedReports = (count: number, prefix: string, bodyOf: (i: number) => string): PrefillDocument[] =>
  Array.from({ length: count }, (_, i) => ({ path: `${prefix}${i}.txt`, textHash: `h${prefix}${i}`, title: `Report ${i}`, author: '', outlet: '', categories: '', date: '', body: bodyOf(i) }))

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
      entries.push({ id: name, path: name, textHash: `hash-${name}`, title, author: '', outlet: '', categories: '', date: '' })
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
      entries.push({ id: name, path: name, textHash: `hash-${name}`, title, author: '', outlet: '', categories: '', date: '' })
  })
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('finds phrases by word positions, with whole-word snippets; a warm start re-indexes nothing', async () => {
    const file = join(root, 'search.sqlite')
    const engine = new SearchEngine(join(root, 'lib'), file)
    await engine.sync(entries, () => undefined)
    const words = await engine.query('strategic partnership', 10)
    expect(words.hits.map((h) => h.articleId).sort()).toEqual(['five.txt', 'four.md', 'one.txt', 'two.txt'])
    expect(words.total).toBe(4)
    const phrase = await engine.query('"strategic partnership"', 10)
    expect(phrase.hits.map((h) => h.articleId).sort()).toEqual(['five.txt', 'four.md', 'one.txt'])
    expect(phrase.total).toBe(3)
    const one = phrase.hits.find((h) => h.articleId === 'one.txt')!
    expect(one.snippet.marks.map(([a, b]) => one.snippet.text.slice(a, b))).toEqual(['strategic partnership'])
    // Punctuation splits words as the index does; "US" is not "U.S.".
    expect((await engine.query('"U.S. sanctions (again)"', 10)).hits.map((h) => h.articleId)).toEqual(['six.txt'])
    expect((await engine.query('"US sanctions"', 10)).hits).toHaveLength(0)
    // A typo found through its correction: the snippet marks the word the index matched.
    const typo = (await engine.query('sanctons', 10)).hits.find((h) => h.articleId === 'six.txt')!
    expect(typo.snippet.marks.map(([a, b]) => typo.snippet.text.slice(a, b))).toEqual(['sanctions'])
    await engine.close()

    // A warm start opens the index file and indexes only what changed.
    const warm = new SearchEngine(join(root, 'lib'), file)
    let reindexed = -1
    await warm.sync(entries, (_, total) => (reindexed = total))
    expect(reindexed).toBe(0)
    expect((await warm.query('grain', 10)).hits.map((h) => h.articleId)).toEqual(['three.txt'])
    // A changed text is re-indexed alone; a removed article is forgotten.
    writeFileSync(join(root, 'lib', 'three.txt'), 'Title: Grain\nText:\nWheat exports rose.\n')
    await warm.upsert({ ...entries[2]!, textHash: 'hash-three-2' })
    expect((await warm.query('grain exports', 10)).total).toBe(1)
    expect((await warm.query('wheat', 10)).hits.map((h) => h.articleId)).toEqual(['three.txt'])
    await warm.remove('three.txt')
    expect((await warm.query('wheat', 10)).total).toBe(0)
    await warm.close()
  })

  it('counts a phrase exactly whether the text holds it as typed or written otherwise, and sees a new article at once', async () => {
    const lib = join(root, 'phrases')
    mkdirSync(lib)
    const docs: Array<[string, string]> = [
      ['as-typed.txt', 'Tariffs: a 50% tariff on steel.'],
      ['spaced.txt', 'A 50%\n   tariff, written over two lines.'],
      ['percent-missing.txt', 'A 50 tariff is not the phrase.'],
      ['underscore.txt', 'The rate_limit rule.'],
      ['no-underscore.txt', 'The rateXlimit rule and the rate limit rule.'],
    ]
    const phraseEntries: IndexEntry[] = docs.map(([name, body]) => {
      writeFileSync(join(lib, name), `Title: ${name}\nText:\n${body}\n`)
      return { id: name, path: name, textHash: `h-${name}`, title: name, author: '', outlet: '', categories: '', date: '' }
    })
    const engine = new SearchEngine(lib, join(root, 'phrases.sqlite'))
    await engine.sync(phraseEntries, () => undefined)
    const found = async (q: string): Promise<string[]> => (await engine.query(q, 10)).hits.map((h) => h.articleId).sort()
    // LIKE's wildcards in a phrase are literal characters: "50%" does not match "50 t…".
    expect(await found('"50% tariff"')).toEqual(['as-typed.txt', 'spaced.txt'])
    expect(await found('"rate_limit rule"')).toEqual(['underscore.txt'])
    // The answer is kept, and dropped as soon as an article is added.
    writeFileSync(join(lib, 'late.txt'), 'Title: Late\nText:\nAnother 50% tariff.\n')
    await engine.upsert({ id: 'late.txt', path: 'late.txt', textHash: 'h-late', title: 'Late', author: '', outlet: '', categories: '', date: '' })
    expect((await engine.query('"50% tariff"', 10)).total).toBe(3)
    await engine.close()
  })

  it('rebuilds an index file that is damaged, and says so', async () => {
    const file = join(root, 'damaged.sqlite')
    const engine = new SearchEngine(join(root, 'lib'), file)
    await engine.sync(entries, () => undefined)
    await engine.close()
    const bytes = readFileSync(file)
    for (let i = 0; i < bytes.length; i += 97) bytes[i] = 0x5a
    writeFileSync(file, bytes)

    const warm = new SearchEngine(join(root, 'lib'), file)
    let reindexed = -1
    const notice = await warm.sync(entries, (_, total) => (reindexed = total))
    expect(notice).toMatch(/search index was damaged .* rebuilt/)
    expect(reindexed).toBe(entries.length)
    expect((await warm.query('grain', 10)).hits.map((h) => h.articleId)).toEqual(['three.txt'])
    expect((await warm.query('"strategic partnership"', 10)).total).toBe(3)
    await warm.close()
  })

  it('rebuilds a missing index file quietly', async () => {
    const file = join(root, 'gone', 'search.sqlite')
    const engine = new SearchEngine(join(root, 'lib'), file)
    expect(await engine.sync(entries, () => undefined)).toBeUndefined()
    expect((await engine.query('grain', 10)).total).toBe(1)
    await engine.close()
  })

  it('lets one process own the index file; another builds a private one, and a dead owner is replaced', async () => {
    const folder = join(root, 'owned')
    mkdirSync(folder)
    const file = join(folder, 'search.sqlite')
    const owner = new SearchEngine(join(root, 'lib'), file)
    await owner.sync(entries, () => undefined)
    const other = new SearchEngine(join(root, 'lib'), file)
    await other.sync(entries, () => undefined)
    expect((await other.query('grain', 10)).total).toBe(1)
    expect(readdirSync(folder).filter((n) => /^search-\d+-\d+\.sqlite$/.test(n))).toHaveLength(1)
    await other.close()
    expect(readdirSync(folder).filter((n) => /^search-\d+/.test(n))).toEqual([])
    await owner.close()

    // A killed owner leaves its lock (and SQLite's): the next process takes the file over.
    mkdirSync(join(folder, 'search.sqlite.owner'))
    writeFileSync(join(folder, 'search.sqlite.owner', 'owner'), `${hostname()}:999999`)
    mkdirSync(join(folder, 'search.sqlite.lock'))
    const next = new SearchEngine(join(root, 'lib'), file)
    let reindexed = -1
    await next.sync(entries, (_, total) => (reindexed = total))
    expect(reindexed).toBe(0)
    expect((await next.query('grain', 10)).total).toBe(1)
    await next.close()
  })

  it('asks for a fresh worker after a bulk build of the shared index, never of a private one (it is deleted with its worker)', async () => {
    const folder = join(root, 'bulk')
    const file = join(folder, 'search.sqlite')
    const docs = scannedReports(300, 'r', (i) => `Report ${i} on grain.`)
    const ids = docs.map(({ body: _, ...rest }) => ({ ...rest, id: rest.path }))
    const owner = new SearchEngine(join(root, 'lib'), file)
    const other = new SearchEngine(join(root, 'lib'), file)
    for (const engine of [owner, other]) {
      await engine.prefill(docs)
      await engine.sync(ids, () => undefined)
      expect((await engine.query('grain', 5)).total).toBe(300)
    }
    expect(owner.takeBuiltInBulk()).toBe(true)
    expect(owner.takeBuiltInBulk()).toBe(false)
    expect(other.takeBuiltInBulk()).toBe(false)
    await other.close()
    await owner.close()
  })

  it('indexes texts handed over by the library scan, then gives them their ids without reading the files again', async () => {
    const file = join(root, 'prefill', 'search.sqlite')
    const engine = new SearchEngine(join(root, 'lib'), file)
    const body = (e: IndexEntry): string => (e.id === 'three.txt' ? 'Grain exports rose.' : `Text of ${e.title}, strategic partnership.`)
    const { id: _id, ...stale } = { ...entries[0]!, textHash: 'an older text' }
    await engine.prefill([...entries.map(({ id: _, ...rest }) => ({ ...rest, body: body({ ...rest, id: _ }) })), { ...stale, path: 'gone.txt', body: 'Gone' }])
    let reread = -1
    await engine.sync(entries, (_, total) => (reread = total))
    expect(reread).toBe(0)
    expect((await engine.query('grain', 10)).hits.map((h) => h.articleId)).toEqual(['three.txt'])
    expect((await engine.query('gone', 10)).total).toBe(0)
    await engine.close()
  })

  it('answers each batch the scan sent once its own transaction is in, not when the last batch is', async () => {
    const engine = new SearchEngine(join(root, 'lib'), join(root, 'prefill-acks', 'search.sqlite'))
    const batch = (b: number): PrefillDocument[] => scannedReports(300, `b${b}-`, (i) => `Report ${i} on grain.`)
    const done: number[] = []
    // Sent back to back: the first two fill one transaction (BATCH is 500 articles), the third goes in the next.
    const sent = [0, 1, 2].map((b) => engine.prefill(batch(b)).then(() => done.push(b)))
    await sent[0]
    expect(done).not.toContain(2)
    await Promise.all(sent)
    expect((await engine.query('grain', 5)).total).toBe(900)
    await engine.close()
  })

  it("writes a first build's transaction of 500 long articles as one segment, not one per megabyte of postings", async () => {
    const file = join(root, 'one-segment', 'search.sqlite')
    const engine = new SearchEngine(join(root, 'lib'), file)
    // 500 articles of 1,200 words from a 5,000-word vocabulary: about 3 MB of postings.
    let seed = 7
    const word = (): string => `w${((seed = (seed * 48271) % 2147483647) % 5000).toString(36)}`
    await engine.prefill(scannedReports(500, 'long-', () => Array.from({ length: 1200 }, word).join(' ')))
    await engine.close()
    const db = openSqlite(file)
    try {
      // FTS5 lists each segment's leaf pages in its %_idx table.
      expect(db.get('SELECT count(DISTINCT segid) AS n FROM fts_idx')?.n).toBe(1)
    } finally {
      db.close()
    }
  })

  // Batches sent back to back (as the worker receives a fast scan's) are indexed in one transaction.
  it.each(['one at a time', 'back to back'])('keeps only the last text of a file the scan handed over twice (%s), and re-reads one whose text the library no longer has', async (pace) => {
    const engine = new SearchEngine(join(root, 'lib'), join(root, `prefill-twice-${pace}`, 'search.sqlite'))
    const [first, second, ...rest] = entries.map(({ id: _, ...fields }) => fields)
    const batches = [
      [{ ...first!, textHash: 'draft', body: 'A draft about sanctions.' }],
      [
        { ...first!, body: 'The final text about pipelines.' },
        { ...second!, textHash: 'an older text', body: 'Outdated wording.' },
      ],
      rest.map((r) => ({ ...r, body: `Text of ${r.title}.` })),
    ]
    if (pace === 'one at a time') for (const b of batches) await engine.prefill(b)
    else await Promise.all(batches.map((b) => engine.prefill(b)))
    let reread = -1
    await engine.sync(entries, (_, total) => (reread = total))
    expect(reread).toBe(1)
    expect((await engine.query('sanctions', 10)).total).toBe(0)
    expect((await engine.query('pipelines', 10)).hits.map((h) => h.articleId)).toEqual([entries[0]!.id])
    expect((await engine.query('outdated', 10)).total).toBe(0)
    await engine.close()
  })
})
