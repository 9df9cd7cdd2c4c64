import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ArticleAnnotations, ArticleSummary, ArticleView, TagWithCount } from '@shared/types'
import { AnnotationStore } from '../../node/store/store'
import { ParallaxService } from '../parallax-service'
import { namespacesAvailable, startServiceProcess, type ServiceProcess } from './processes'

const SAMPLES = join(__dirname, '../../../resources/sample-library')
const PHONE = '000_92639f20422bd322.txt'
type Outcome<T = unknown> = { ok: true; result: T } | { ok: false; code: string; message: string }

let dir: string
let lib: string
const children: ServiceProcess[] = []
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'parallax-integrity-'))
  lib = join(dir, 'lib')
  cpSync(SAMPLES, lib, { recursive: true })
})
afterEach(async () => {
  await Promise.all(children.splice(0).map((c) => c.exit()))
  rmSync(dir, { recursive: true, force: true })
})

function child(library = lib, setup?: string): ServiceProcess {
  const p = startServiceProcess(library, join(dir, `fallback-${children.length}`), setup)
  children.push(p)
  return p
}

async function openInProcess(): Promise<ParallaxService> {
  const s = await ParallaxService.open({ libraryFolder: lib, fallbackDataFolder: join(dir, 'fb'), host: 'http', version: 'test', user: 'tester' })
  await s.scan()
  return s
}

/** Arguments for `count` highlights of one sentence of the phone-call report, as a user makes them. */
async function highlightArgs(p: ServiceProcess, articleId: string, count: number, note = ''): Promise<object[]> {
  const view = await p.send<Outcome<ArticleView>>({ op: 'call', method: 'article.open', args: { id: articleId } })
  if (!view.ok) throw new Error(view.message)
  const quote = 'Chinese President Xi Jinping'
  const start = view.result.text.indexOf(quote)
  return Array.from({ length: count }, () => ({ articleId, start, end: start + quote.length, textHash: view.result.textHash, colour: 'yellow', tagIds: [], note }))
}

/** Registry entries on disk (snapshot + journal), read as a fresh process would. */
async function liveRegistry(): Promise<number> {
  const store = await AnnotationStore.open({ libraryFolder: lib, fallbackFolder: join(dir, 'unused') })
  return Object.keys(store.registry.records).length
}

describe('two processes on one library', () => {
  it('agree on every article id when they start at the same moment and when a file is added while both run', async () => {
    const [a, b] = [child(), child()]
    await Promise.all([a.send({ op: 'scan' }), b.send({ op: 'scan' })])
    const [idsA, idsB] = await Promise.all([a.send<Record<string, string>>({ op: 'ids' }), b.send<Record<string, string>>({ op: 'ids' })])
    expect(Object.keys(idsA)).toHaveLength(2)
    expect(idsB).toEqual(idsA)
    expect(await liveRegistry()).toBe(2)

    writeFileSync(join(lib, 'added.txt'), 'Title: Added later\nText:\nA report added while two hosts were running.\n')
    await Promise.all([a.send({ op: 'changed', path: 'added.txt' }), b.send({ op: 'changed', path: 'added.txt' })])
    const [afterA, afterB] = await Promise.all([a.send<Record<string, string>>({ op: 'ids' }), b.send<Record<string, string>>({ op: 'ids' })])
    expect(afterA['added.txt']).toBeTruthy()
    expect(afterB['added.txt']).toBe(afterA['added.txt'])
    expect(await liveRegistry()).toBe(3)
  })

  it('show every acknowledged highlight from both, and after a restart', async () => {
    const [a, b] = [child(), child()]
    await Promise.all([a.send({ op: 'scan' }), b.send({ op: 'scan' })])
    const id = (await a.send<Record<string, string>>({ op: 'ids' }))[PHONE]!
    const [argsA, argsB] = [await highlightArgs(a, id, 60), await highlightArgs(b, id, 60)]
    const [doneA, doneB] = await Promise.all([
      a.send<Outcome[]>({ op: 'many', method: 'annotations.createHighlight', args: argsA }),
      b.send<Outcome[]>({ op: 'many', method: 'annotations.createHighlight', args: argsB }),
    ])
    const acknowledged = [...doneA, ...doneB].filter((o) => o.ok).length
    expect(acknowledged).toBe(120)
    for (const p of [a, b]) {
      const list = await p.send<Outcome<ArticleAnnotations>>({ op: 'call', method: 'annotations.list', args: { articleId: id } })
      expect(list.ok && list.result.highlights.length).toBe(120)
    }
    await Promise.all(children.splice(0).map((c) => c.exit()))
    const fresh = await openInProcess()
    expect((await fresh.handlers['annotations.list']({ articleId: id })).highlights).toHaveLength(120)
    await fresh.close()
  })

  it('create one tag when 20 creations of one name (in any case) race across processes', async () => {
    const [a, b] = [child(), child()]
    await Promise.all([a.send({ op: 'scan' }), b.send({ op: 'scan' })])
    const names = (n: number): object[] => Array.from({ length: 10 }, (_, i) => ({ name: i % 2 ? 'Sovereignty' : 'SOVEREIGNTY', description: `from ${n}`, parentId: null }))
    const outcomes = (
      await Promise.all([a.send<Outcome[]>({ op: 'many', method: 'codebook.create', args: names(1) }), b.send<Outcome[]>({ op: 'many', method: 'codebook.create', args: names(2) })])
    ).flat()
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1)
    expect(outcomes.filter((o) => !o.ok).every((o) => !o.ok && o.code === 'conflict')).toBe(true)
    for (const p of [a, b]) {
      const list = await p.send<Outcome<TagWithCount[]>>({ op: 'call', method: 'codebook.list', args: {} })
      expect(list.ok && list.result.map((t) => t.name.toLowerCase())).toEqual(['sovereignty'])
    }
  })

  it('cannot nest two tags inside each other by racing, and repairs a codebook saved with a loop', async () => {
    const [a, b] = [child(), child()]
    await Promise.all([a.send({ op: 'scan' }), b.send({ op: 'scan' })])
    const create = async (name: string): Promise<string> => {
      const o = await a.send<Outcome<TagWithCount>>({ op: 'call', method: 'codebook.create', args: { name, description: '', parentId: null } })
      if (!o.ok) throw new Error(o.message)
      return o.result.id
    }
    const [tagA, tagB, tagC] = [await create('A'), await create('B'), await create('C')]
    await b.send({ op: 'call', method: 'codebook.list', args: {} })
    const [ab, ba] = await Promise.all([
      a.send<Outcome>({ op: 'call', method: 'codebook.update', args: { id: tagA, patch: { parentId: tagB } } }),
      b.send<Outcome>({ op: 'call', method: 'codebook.update', args: { id: tagB, patch: { parentId: tagA } } }),
    ])
    expect([ab.ok, ba.ok].filter(Boolean)).toHaveLength(1)
    // The next nesting answers (it hung the server for good when the loop was saved).
    const c = await a.send<Outcome>({ op: 'call', method: 'codebook.update', args: { id: tagC, patch: { parentId: tagA } } })
    expect(c.ok).toBe(true)
    await Promise.all(children.splice(0).map((p) => p.exit()))

    // A loop already on disk (an older version, a hand edit) is broken on open and reported.
    const raw = await AnnotationStore.open({ libraryFolder: lib, fallbackFolder: join(dir, 'unused') })
    const now = new Date().toISOString()
    const storedA = raw.codebook.records[tagA]!
    const storedB = raw.codebook.records[tagB]!
    await raw.codebook.put([
      { ...storedA, parentId: tagB, version: storedA.version + 1, updatedAt: now },
      { ...storedB, parentId: tagA, version: storedB.version + 1, updatedAt: now },
    ])
    const fresh = await openInProcess()
    expect((await fresh.handlers['app.info']({})).notices.join(' ')).toMatch(/nested inside each other.*moved to the top level/)
    const tags = await fresh.handlers['codebook.list']({})
    expect(tags.filter((t) => t.id === tagA || t.id === tagB).some((t) => t.parentId === null)).toBe(true)
    await fresh.handlers['codebook.update']({ id: tagC, patch: { parentId: tagB } })
    await fresh.close()
  })
})

describe('a damaged or lost registry', () => {
  for (const damage of ['truncated', 'emptied', 'deleted with its backups'] as const) {
    it(`relinks every annotation when registry.json is ${damage}`, async () => {
      let s = await openInProcess()
      const byPath = new Map((await s.handlers['library.list']({})).map((a: ArticleSummary) => [a.path, a.id]))
      const tag = await s.handlers['codebook.create']({ name: 'Sovereignty', description: '', parentId: null })
      for (const [path, id] of byPath) {
        const view = await s.handlers['article.open']({ id })
        for (let i = 0; i < 3; i++)
          await s.handlers['annotations.createHighlight']({ articleId: id, start: i * 10, end: i * 10 + 8, textHash: view.textHash, colour: 'green', tagIds: [tag.id], note: `${path} ${i}` })
      }
      await s.close()
      const registry = join(lib, '.parallax', 'registry.json')
      // The registry is a snapshot, its journal and backups: all of it is lost here.
      for (const f of readdirSync(join(lib, '.parallax')).filter((f) => f.startsWith('registry.json.'))) rmSync(join(lib, '.parallax', f))
      if (damage === 'truncated') truncateSync(registry, 40)
      else if (damage === 'emptied') writeFileSync(registry, '')
      else rmSync(registry)

      s = await openInProcess()
      const after = await s.handlers['library.list']({})
      for (const article of after) {
        expect(article.id).toBe(byPath.get(article.path))
        expect(article.highlightCount).toBe(3)
        expect((await s.handlers['annotations.list']({ articleId: article.id })).highlights.map((h) => h.note).sort()).toEqual([0, 1, 2].map((i) => `${article.path} ${i}`))
      }
      expect((await s.handlers['app.info']({})).notices.join(' ')).toMatch(/annotations of 2 articles were relinked/)
      await s.close()
    })
  }
})

describe.runIf(namespacesAvailable())('a disk that refuses writes', () => {
  it('shows nothing as saved that is not on disk when the disk is full, says so, and leaves no temp files', async () => {
    const disk = join(dir, 'disk')
    mkdirSync(disk)
    const setup = `mount -t tmpfs -o size=2m tmpfs ${disk} && cp -r ${lib} ${disk}/lib && dd if=/dev/zero of=${disk}/filler bs=64k count=4 2>/dev/null`
    const p = child(join(disk, 'lib'), setup)
    await p.send({ op: 'scan' })
    const id = (await p.send<Record<string, string>>({ op: 'ids' }))[PHONE]!
    const outcomes: Outcome[] = []
    for (const args of await highlightArgs(p, id, 200, 'x'.repeat(60_000))) {
      outcomes.push(await p.send<Outcome>({ op: 'call', method: 'annotations.createHighlight', args }))
      if (outcomes.filter((o) => !o.ok).length >= 5) break
    }
    const saved = outcomes.filter((o) => o.ok).length
    const refused = outcomes.filter((o): o is Extract<Outcome, { ok: false }> => !o.ok)
    expect(saved).toBeGreaterThan(0)
    expect(refused.length).toBe(5)
    for (const r of refused) expect(r).toMatchObject({ code: 'not-saved', message: expect.stringMatching(/^Not saved: the disk is full/) })
    const count = async (): Promise<number> => {
      const list = await p.send<Outcome<ArticleAnnotations>>({ op: 'call', method: 'annotations.list', args: { articleId: id } })
      return list.ok ? list.result.highlights.length : -1
    }
    expect(await count()).toBe(saved)
    const tag = await p.send<Outcome>({ op: 'call', method: 'codebook.create', args: { name: 'Energy'.padEnd(200, 'y'), description: 'd'.repeat(10_000), parentId: null } })
    const files = (await p.send<string[]>({ op: 'files', path: join(disk, 'lib', '.parallax') })).filter((f) => /\.tmp-/.test(f))
    expect(files).toEqual([])

    await p.send({ op: 'rm', path: join(disk, 'filler') })
    expect(await count()).toBe(saved)
    const more = await p.send<Outcome>({ op: 'call', method: 'annotations.createHighlight', args: (await highlightArgs(p, id, 1))[0]! })
    expect(more.ok).toBe(true)
    if (!tag.ok) {
      // The tag that failed never existed: creating it again is not "already exists".
      const again = await p.send<Outcome>({ op: 'call', method: 'codebook.create', args: { name: 'Energy'.padEnd(200, 'y'), description: '', parentId: null } })
      expect(again.ok).toBe(true)
    }
    await p.send({ op: 'reopen' })
    expect(await count()).toBe(saved + 1)
  })

  it('shows the annotations of a read-only library and keeps new work on top of them', async () => {
    let s = await openInProcess()
    const id = (await s.handlers['library.list']({})).find((a) => a.path === PHONE)!.id
    const tag = await s.handlers['codebook.create']({ name: 'Sovereignty', description: '', parentId: null })
    const view = await s.handlers['article.open']({ id })
    for (let i = 0; i < 3; i++)
      await s.handlers['annotations.createHighlight']({ articleId: id, start: i * 10, end: i * 10 + 8, textHash: view.textHash, colour: 'green', tagIds: [tag.id], note: `n${i}` })
    await s.close()

    const p = child(lib, `mount --bind ${lib} ${lib} && mount -o remount,bind,ro ${lib}`)
    await p.send({ op: 'scan' })
    expect((await p.send<Record<string, string>>({ op: 'ids' }))[PHONE]).toBe(id)
    expect((await p.send<string[]>({ op: 'notices' })).join(' ')).toMatch(/read-only: the 3 annotations saved in it are shown, and new work is kept in/)
    const list = await p.send<Outcome<ArticleAnnotations>>({ op: 'call', method: 'annotations.list', args: { articleId: id } })
    expect(list.ok && list.result.highlights.map((h) => h.note).sort()).toEqual(['n0', 'n1', 'n2'])
    const tags = await p.send<Outcome<TagWithCount[]>>({ op: 'call', method: 'codebook.list', args: {} })
    expect(tags.ok && tags.result.map((t) => [t.name, t.count])).toEqual([['Sovereignty', 3]])
    const added = await p.send<Outcome>({ op: 'call', method: 'annotations.createHighlight', args: (await highlightArgs(p, id, 1))[0] })
    expect(added.ok).toBe(true)
    await p.send({ op: 'reopen' })
    const again = await p.send<Outcome<ArticleAnnotations>>({ op: 'call', method: 'annotations.list', args: { articleId: id } })
    expect(again.ok && again.result.highlights).toHaveLength(4)
    s = await openInProcess()
    expect((await s.handlers['annotations.list']({ articleId: id })).highlights).toHaveLength(3)
    await s.close()
  })
})

describe('unknown article ids', () => {
  it('do not grow the store', async () => {
    const s = await openInProcess()
    const before = s.shardsInMemory
    for (let i = 0; i < 200; i++) await s.handlers['annotations.list']({ articleId: `made-up-${i}` })
    expect(s.shardsInMemory).toBe(before)
    await s.close()
  })
})

describe('a damaged annotation file', () => {
  it('is reported by the article’s title, with when the restored copy was saved', async () => {
    let s = await openInProcess()
    const article = (await s.handlers['library.list']({})).find((a) => a.path === PHONE)!
    const view = await s.handlers['article.open']({ id: article.id })
    for (let i = 0; i < 2; i++)
      await s.handlers['annotations.createHighlight']({ articleId: article.id, start: i * 10, end: i * 10 + 8, textHash: view.textHash, colour: 'green', tagIds: [], note: '' })
    await s.close()
    // Saves are journaled; fold them into the snapshot this test then damages.
    const folded = await AnnotationStore.open({ libraryFolder: lib, fallbackFolder: join(dir, 'unused') })
    await folded.shard(article.id).compact()
    writeFileSync(join(lib, '.parallax', 'annotations', `${article.id}.json`), '{"schemaVersion":2,"records":{"broken')
    s = await openInProcess()
    const { notices } = await s.handlers['app.info']({})
    expect(notices.join(' ')).toMatch(
      new RegExp(`Annotations for “${article.title.slice(0, 20)}.*” were damaged \\(.*\\); restored the copy saved at .*\\d{2}:\\d{2}; changes made after it are lost\\. The damaged file is kept as`),
    )
    // The snapshot before the compaction plus the journal it folded: both highlights are back.
    expect((await s.handlers['annotations.list']({ articleId: article.id })).highlights).toHaveLength(2)
    await s.close()
  })
})

describe('a file damaged while the app runs', () => {
  it('is restored and every UI is told at once', async () => {
    const s = await openInProcess()
    const article = (await s.handlers['library.list']({})).find((a) => a.path === PHONE)!
    const view = await s.handlers['article.open']({ id: article.id })
    await s.handlers['annotations.createHighlight']({ articleId: article.id, start: 0, end: 8, textHash: view.textHash, colour: 'green', tagIds: [], note: 'kept' })
    const other = await AnnotationStore.open({ libraryFolder: lib, fallbackFolder: join(dir, 'unused') })
    await other.shard(article.id).compact()
    const notices: string[] = []
    s.onEvent((e) => e.type === 'notice' && notices.push(e.message))
    // Another process (or a sync tool) leaves the file damaged.
    writeFileSync(join(lib, '.parallax', 'annotations', `${article.id}.json`), '{"schemaVersion":2,"rec')
    expect((await s.handlers['annotations.list']({ articleId: article.id })).highlights.map((h) => h.note)).toEqual(['kept'])
    expect(notices.join(' ')).toMatch(/Annotations for “Xi, Putin hold phone call.*” were damaged/)
    await s.close()
  })
})
