import { randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Highlight } from '@core/annotations/model'
import { migrateShard, SCHEMA_VERSION } from '@core/annotations/migrations'
import { createRecord, reviseRecord } from '@core/annotations/records'
import { AnnotationStore } from '../store'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'parallax-store-'))
  mkdirSync(join(dir, 'lib'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

const ctx = { now: () => new Date('2026-01-01T00:00:00Z'), newId: randomUUID, creator: 'tester' }
const open = (): Promise<AnnotationStore> => AnnotationStore.open({ libraryFolder: join(dir, 'lib'), fallbackFolder: join(dir, 'fallback') })
const highlight = (articleId: string, note = ''): Highlight =>
  createRecord<Highlight>(ctx, {
    kind: 'highlight',
    target: { articleId, quote: { type: 'TextQuoteSelector', exact: 'quote', prefix: '', suffix: '' }, position: { type: 'TextPositionSelector', start: 0, end: 5 }, textHash: 'h' },
    colour: 'yellow',
    tagIds: [],
    note,
  })
const shardFile = (articleId: string): string => join(dir, 'lib', '.parallax', 'annotations', `${articleId}.json`)

describe('AnnotationStore', () => {
  it('keeps annotations in .parallax inside the library, one small file per article', async () => {
    const store = await open()
    await store.saveAnnotations([highlight('a1'), highlight('a1'), highlight('a2')])
    expect(
      readdirSync(join(dir, 'lib', '.parallax', 'annotations'))
        .filter((f) => f.endsWith('.json'))
        .sort(),
    ).toEqual(['a1.json', 'a2.json'])
    const reopened = await open()
    expect(await reopened.annotationsOf('a1')).toHaveLength(2)
    expect(JSON.parse(readFileSync(shardFile('a1'), 'utf8')).schemaVersion).toBe(SCHEMA_VERSION)
  })

  it('falls back to the app data folder, with a notice, when the library is not writable', async () => {
    // A file where the data folder should be makes it uncreatable even for root (CI runs as
    // root, which ignores chmod), the same code path as a read-only library.
    writeFileSync(join(dir, 'lib', '.parallax'), 'not a folder')
    const store = await open()
    expect(store.dataFolder).toBe(join(dir, 'fallback'))
    expect(store.notices[0]).toMatch(/read-only/)
  })

  it('moves a corrupt file aside, restores the last good copy and says so', async () => {
    const store = await open()
    const first = highlight('a1', 'first')
    await store.saveAnnotations([first])
    await store.saveAnnotations([highlight('a1', 'second')])
    // Saves are journaled; a compaction writes the snapshot this test damages.
    await store.shard('a1').compact()
    writeFileSync(shardFile('a1'), '{"schemaVersion":2,"records":{"trunc')
    const reopened = await open()
    const notes = (await reopened.annotationsOf('a1')).map((a) => a.note)
    // .bak1 holds the snapshot before the compaction, and the folded journal is replayed onto it: nothing is lost.
    expect(notes.sort()).toEqual(['first', 'second'])
    expect(reopened.recoveries.map((r) => r.message).join(' ')).toMatch(/a1\.json was damaged .*kept as a1\.json\.corrupt-.*last good copy was restored/)
    const aside = readdirSync(join(dir, 'lib', '.parallax', 'annotations')).find((f) => f.includes('.corrupt-'))
    expect(aside).toBeDefined()
    expect(readFileSync(join(dir, 'lib', '.parallax', 'annotations', aside!), 'utf8')).toContain('trunc')
  })

  it('treats a file that fails validation as corrupt, never overwriting it', async () => {
    const store = await open()
    await store.saveAnnotations([highlight('a1', 'kept')])
    await store.saveAnnotations([highlight('a1')])
    await store.shard('a1').compact()
    const bad = JSON.stringify({ schemaVersion: 2, records: { x: { kind: 'highlight', id: 'not-a-uuid' } } })
    writeFileSync(shardFile('a1'), bad)
    const reopened = await open()
    expect(reopened.recoveries.length).toBe(1)
    expect((await reopened.annotationsOf('a1')).map((a) => a.note).sort()).toEqual(['', 'kept'])
    const aside = readdirSync(join(dir, 'lib', '.parallax', 'annotations')).find((f) => f.includes('.corrupt-'))!
    expect(readFileSync(join(dir, 'lib', '.parallax', 'annotations', aside), 'utf8')).toBe(bad)
  })

  it('with no good backup, keeps the damaged file aside and starts afresh, saying so', async () => {
    const store = await open()
    await store.saveAnnotations([highlight('a1')])
    await store.shard('a1').compact()
    writeFileSync(shardFile('a1'), '')
    for (const f of readdirSync(join(dir, 'lib', '.parallax', 'annotations'))) if (/\.(bak\d|journal)/.test(f)) rmSync(join(dir, 'lib', '.parallax', 'annotations', f))
    const reopened = await open()
    expect(await reopened.annotationsOf('a1')).toEqual([])
    expect(reopened.recoveries[0]!.message).toMatch(/had no good backup/)
    expect(existsSync(shardFile('a1'))).toBe(false)
  })

  it('refuses a file from a newer Parallax instead of guessing', () => {
    expect(() => migrateShard({ schemaVersion: SCHEMA_VERSION + 1, records: {} })).toThrow(/newer Parallax/)
  })

  it('migrates a v1 file (records as an array) on read and writes v2 on the next save', async () => {
    const h = highlight('a1', 'from v1')
    mkdirSync(join(dir, 'lib', '.parallax', 'annotations'), { recursive: true })
    writeFileSync(shardFile('a1'), JSON.stringify({ schemaVersion: 1, records: [h] }))
    const store = await open()
    expect((await store.annotationsOf('a1')).map((a) => a.note)).toEqual(['from v1'])
    expect(JSON.parse(readFileSync(shardFile('a1'), 'utf8')).schemaVersion).toBe(1)
    await store.saveAnnotations([highlight('a1', 'new')])
    // An old-format file is rewritten whole on its first save, not journaled onto.
    const saved = JSON.parse(readFileSync(shardFile('a1'), 'utf8'))
    expect(saved.schemaVersion).toBe(2)
    expect(Object.keys(saved.records)).toHaveLength(2)
  })

  it('two instances on one library merge instead of clobbering each other', async () => {
    const a = await open()
    const b = await open()
    const fromA = highlight('shared', 'from A')
    const fromB = highlight('shared', 'from B')
    await a.saveAnnotations([fromA])
    await b.saveAnnotations([fromB])
    // B re-read A's write before saving; A sees B's on its next read.
    expect((await a.annotationsOf('shared')).map((x) => x.note).sort()).toEqual(['from A', 'from B'])
    // Concurrent edits of the same record: the higher version wins everywhere.
    const edited = reviseRecord(ctx, fromA, { note: 'edited by B' })
    await b.saveAnnotations([edited])
    await a.saveAnnotations([highlight('shared', 'another from A')])
    const c = await open()
    const notes = (await c.annotationsOf('shared')).map((x) => x.note).sort()
    expect(notes).toEqual(['another from A', 'edited by B', 'from B'])
  })

  it('concurrent saves to one article in one process all land', async () => {
    const store = await open()
    await Promise.all(Array.from({ length: 50 }, (_, i) => store.saveAnnotations([highlight('busy', `n${i}`)])))
    expect(await (await open()).annotationsOf('busy')).toHaveLength(50)
  })
})

describe('the journal behind each shard', () => {
  const journal = (articleId: string): string => `${shardFile(articleId)}.journal`

  it('saves by appending to a journal: the snapshot is not rewritten, and a reopen sees every save', async () => {
    const store = await open()
    await store.saveAnnotations([highlight('j', 'one')])
    const snapshot = readFileSync(shardFile('j'), 'utf8')
    for (let i = 0; i < 20; i++) await store.saveAnnotations([highlight('j', `n${i}`)])
    expect(readFileSync(shardFile('j'), 'utf8')).toBe(snapshot)
    expect(readFileSync(journal('j'), 'utf8').trim().split('\n').length).toBeGreaterThanOrEqual(21)
    expect(await (await open()).annotationsOf('j')).toHaveLength(21)
  })

  it('ignores a line cut short by a crash (never acknowledged) and keeps appending after it', async () => {
    const store = await open()
    await store.saveAnnotations([highlight('j', 'whole')])
    writeFileSync(journal('j'), readFileSync(journal('j'), 'utf8') + '{"r":{"kind":"highlight","id":"cut sho', { flag: 'w' })
    const reopened = await open()
    expect((await reopened.annotationsOf('j')).map((a) => a.note)).toEqual(['whole'])
    await reopened.saveAnnotations([highlight('j', 'after')])
    expect((await (await open()).annotationsOf('j')).map((a) => a.note).sort()).toEqual(['after', 'whole'])
  })

  it('compacts a journal that outgrows the snapshot, keeping the folded journal for recovery', async () => {
    const store = await open()
    for (let i = 0; i < 40; i++) await store.saveAnnotations([highlight('big', 'x'.repeat(10_000) + i)])
    await store.shard('big').compact()
    expect(existsSync(journal('big'))).toBe(false)
    expect(existsSync(`${journal('big')}.bak1`)).toBe(true)
    expect(Object.keys(JSON.parse(readFileSync(shardFile('big'), 'utf8')).records)).toHaveLength(40)
    expect(await (await open()).annotationsOf('big')).toHaveLength(40)
  })
})
