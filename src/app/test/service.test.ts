import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ApiEvent } from '@shared/types'
import { ParallaxService } from '../parallax-service'

const SAMPLES = join(__dirname, '../../../resources/sample-library')
const PHONE = '000_92639f20422bd322.txt'
let dir: string
let service: ParallaxService
let events: ApiEvent[]

async function openService(): Promise<ParallaxService> {
  const s = await ParallaxService.open({ libraryFolder: join(dir, 'lib'), fallbackDataFolder: join(dir, 'fb'), host: 'http', version: 'test', user: 'tester' })
  await s.scan()
  s.onEvent((e) => events.push(e))
  return s
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'parallax-service-'))
  cpSync(SAMPLES, join(dir, 'lib'), { recursive: true })
  events = []
  service = await openService()
})
afterEach(async () => {
  await service.close()
  rmSync(dir, { recursive: true, force: true })
})

const h = (): ParallaxService['handlers'] => service.handlers
const phoneId = async (): Promise<string> => (await h()['library.list']({})).find((a) => a.path === PHONE)!.id

async function highlightQuote(articleId: string, quote: string, colour: 'yellow' | 'green' = 'yellow') {
  const view = await h()['article.open']({ id: articleId })
  const start = view.text.indexOf(quote)
  return h()['annotations.createHighlight']({ articleId, start, end: start + quote.length, textHash: view.textHash, colour, tagIds: [], note: '' })
}

describe('ParallaxService', () => {
  it('lists the library whole, or in pages by id that cover every article once', async () => {
    for (let i = 0; i < 23; i++) writeFileSync(join(dir, 'lib', `extra-${i}.txt`), `Title: Extra ${i}\nText:\nBody ${i}.\n`)
    await service.scan()
    const whole = await h()['library.list']({})
    expect(whole).toHaveLength(25)
    const paged: string[] = []
    for (let after: string | undefined; ;) {
      const page = await h()['library.list']({ after, limit: 4 })
      paged.push(...page.map((a) => a.id))
      if (page.length < 4) break
      after = page[page.length - 1]!.id
    }
    expect(paged).toHaveLength(25)
    expect(new Set(paged)).toEqual(new Set(whole.map((a) => a.id)))
  })

  it('creates, edits, deletes highlights with undo and redo, persisted across restarts', async () => {
    const id = await phoneId()
    const tag = await h()['codebook.create']({ name: 'Cooperation', description: '', parentId: null })
    const body = await highlightQuote(id, 'steady and long-term development of practical bilateral cooperation', 'green')
    expect(body.anchor.status).toBe('exact')
    await h()['annotations.updateHighlight']({ id: body.id, patch: { tagIds: [tag.id], note: 'Key framing' } })
    const list = await h()['annotations.list']({ articleId: id })
    expect(list.highlights.map((x) => x.note)).toEqual(['Key framing'])

    await h()['annotations.deleteHighlight']({ id: body.id })
    expect((await h()['annotations.list']({ articleId: id })).highlights).toHaveLength(0)
    expect((await h()['history.undo']({})).label).toBe('Delete highlight')
    expect((await h()['annotations.list']({ articleId: id })).highlights.map((x) => x.note)).toEqual(['Key framing'])
    expect((await h()['history.undo']({})).label).toBe('Edit note')
    expect((await h()['annotations.list']({ articleId: id })).highlights[0]!.note).toBe('')
    await h()['history.redo']({})
    await service.close()
    service = await openService()
    const after = await h()['annotations.list']({ articleId: id })
    expect(after.highlights.map((x) => [x.note, x.tagIds])).toEqual([['Key framing', [tag.id]]])
    expect(after.highlights[0]!.version).toBeGreaterThan(3)
  })

  it('refuses a highlight made on a stale text or outside the text', async () => {
    const id = await phoneId()
    await expect(h()['annotations.createHighlight']({ articleId: id, start: 0, end: 5, textHash: 'stale', colour: 'yellow', tagIds: [], note: '' })).rejects.toThrow(/changed on disk/)
    const view = await h()['article.open']({ id })
    await expect(h()['annotations.createHighlight']({ articleId: id, start: 0, end: view.text.length + 10, textHash: view.textHash, colour: 'yellow', tagIds: [], note: '' })).rejects.toThrow(
      /outside/,
    )
  })

  it('re-anchors highlights when the article file is edited, and keeps orphans', async () => {
    const id = await phoneId()
    const kept = await highlightQuote(id, 'Heihe-Blagoveshchensk cross-border highway bridge')
    const lost = await highlightQuote(id, 'The two sides also exchanged views over the Ukraine crisis.')
    const path = join(dir, 'lib', PHONE)
    const original = readFileSync(path, 'utf8')
    writeFileSync(path, original.replace('Text: \n', 'Text: \nUPDATE: This story has been corrected.\n').replace('The two sides also exchanged views over the Ukraine crisis.\n', ''))
    await service.fileChanged(PHONE)
    const list = await h()['annotations.list']({ articleId: id })
    expect(list.highlights.find((x) => x.id === kept.id)!.anchor.status).toBe('moved')
    expect(list.highlights.find((x) => x.id === lost.id)!.anchor.status).toBe('orphan')
    expect(events.some((e) => e.type === 'annotations.changed' && e.articleIds.includes(id))).toBe(true)
  })

  it('keeps an article id and its annotations when the file is renamed or moved', async () => {
    const id = await phoneId()
    await highlightQuote(id, 'Heihe-Blagoveshchensk')
    renameSync(join(dir, 'lib', PHONE), join(dir, 'lib', 'renamed.txt'))
    await service.fileRemoved(PHONE)
    await service.fileChanged('renamed.txt')
    const list = await h()['library.list']({})
    expect(list.find((a) => a.path === 'renamed.txt')?.id).toBe(id)
    expect(list.find((a) => a.id === id)!.highlightCount).toBe(1)
    // A rename found at startup (app closed while the file moved) is recognised by content hash too.
    await service.close()
    renameSync(join(dir, 'lib', 'renamed.txt'), join(dir, 'lib', 'moved-again.txt'))
    service = await openService()
    expect((await h()['library.list']({})).find((a) => a.path === 'moved-again.txt')?.id).toBe(id)
  })

  it('catches up with files added, edited, moved and deleted before the watcher was ready', async () => {
    const before = await h()['library.list']({})
    const summit = before.find((a) => a.path !== PHONE)!
    writeFileSync(join(dir, 'lib', 'added.txt'), 'Title: Added while opening\nText:\nA new report.\n')
    writeFileSync(join(dir, 'lib', PHONE), 'Title: Edited while opening\nText:\nThe call, revised.\n')
    renameSync(join(dir, 'lib', summit.path), join(dir, 'lib', 'moved.txt'))
    await service.catchUp()
    const after = await h()['library.list']({})
    expect(after.map((a) => a.title).sort()).toEqual(['Added while opening', 'Edited while opening', summit.title].sort())
    // The moved file keeps its id (and so its annotations); nothing else changes on a second pass.
    expect(after.find((a) => a.path === 'moved.txt')!.id).toBe(summit.id)
    expect(events.some((e) => e.type === 'library.changed' && e.renamed.some((r) => r.id === summit.id && r.to === 'moved.txt'))).toBe(true)
    const count = events.length
    await service.catchUp()
    expect(events).toHaveLength(count)
    unlinkSync(join(dir, 'lib', 'added.txt'))
    await service.catchUp()
    await service.whenRemovalsSettled()
    expect((await h()['library.list']({})).map((a) => a.title)).not.toContain('Added while opening')
  })

  it('never reads through a symbolic link a watcher reports that leads out of the library', async () => {
    const before = (await h()['library.list']({})).map((a) => a.path)
    const outside = join(dir, 'elsewhere')
    mkdirSync(outside)
    writeFileSync(join(outside, 'private.txt'), 'Title: Private diary\nText:\nNot part of the library.\n')
    symlinkSync(join(outside, 'private.txt'), join(dir, 'lib', 'diary.txt'))
    symlinkSync(outside, join(dir, 'lib', 'linked-folder'))
    writeFileSync(join(dir, 'lib', 'inside.txt'), 'Title: Inside\nText:\nIn the library.\n')
    symlinkSync(join(dir, 'lib', 'inside.txt'), join(dir, 'lib', 'alias.txt'))
    // What chokidar reports when a link's target changes: the link's own path.
    for (const path of ['diary.txt', 'linked-folder', 'linked-folder/private.txt', 'inside.txt', 'alias.txt']) await service.fileChanged(path)
    // A link that stays inside the library is an article like any other, as in the start-up walk.
    expect((await h()['library.list']({})).map((a) => a.path).sort()).toEqual([...before, 'alias.txt', 'inside.txt'].sort())
    expect(JSON.stringify(await h()['library.list']({}))).not.toContain('Private diary')
    // A file the library lists, later replaced by a link leading out, leaves the list.
    unlinkSync(join(dir, 'lib', 'inside.txt'))
    symlinkSync(join(outside, 'private.txt'), join(dir, 'lib', 'inside.txt'))
    await service.fileChanged('inside.txt')
    await service.whenRemovalsSettled()
    expect(JSON.stringify(await h()['library.list']({}))).not.toContain('Private diary')
  })

  it('stores metadata corrections without touching the file', async () => {
    const summit = (await h()['library.list']({})).find((a) => a.path !== PHONE)!
    const before = readFileSync(join(dir, 'lib', summit.path))
    const updated = await h()['article.setMetadata']({ id: summit.id, override: { title: 'Xi and Putin hold video summit', date: '2026-02-04', outlet: 'Morning Star' } })
    expect(updated).toMatchObject({ title: 'Xi and Putin hold video summit', date: '2026-02-04', outlet: 'Morning Star', titleSource: 'user', corrected: ['title', 'date', 'outlet'] })
    expect(readFileSync(join(dir, 'lib', summit.path)).equals(before)).toBe(true)
    await service.close()
    service = await openService()
    expect((await h()['library.list']({})).find((a) => a.id === summit.id)!.title).toBe('Xi and Putin hold video summit')
    await h()['article.setMetadata']({ id: summit.id, override: { title: '' } })
    expect((await h()['library.list']({})).find((a) => a.id === summit.id)!.titleSource).toBe('derived')
  })

  it('renames and merges tags everywhere they are used; code retrieval lists tagged passages', async () => {
    const id = await phoneId()
    const a = await h()['codebook.create']({ name: 'Sovereignty', description: '', parentId: null })
    const b = await h()['codebook.create']({ name: 'Security', description: '', parentId: null })
    const child = await h()['codebook.create']({ name: 'Core interests', description: '', parentId: a.id })
    const one = await highlightQuote(id, 'core interests concerning sovereignty and security')
    await h()['annotations.updateHighlight']({ id: one.id, patch: { tagIds: [a.id, child.id] } })
    await h()['annotations.setArticleNote']({ articleId: id, tagIds: [a.id], note: 'framing' })
    await h()['codebook.update']({ id: a.id, patch: { name: 'National sovereignty' } })
    expect((await h()['codebook.list']({})).find((t) => t.id === a.id)).toMatchObject({ name: 'National sovereignty', count: 2 })
    expect((await h()['codebook.passages']({ tagId: a.id })).map((p) => p.quote)).toEqual(['core interests concerning sovereignty and security'])
    await h()['codebook.merge']({ sourceId: a.id, targetId: b.id })
    const tags = await h()['codebook.list']({})
    expect(tags.map((t) => t.name)).toEqual(['Core interests', 'Security'])
    expect(tags.find((t) => t.id === b.id)!.count).toBe(2)
    expect(tags.find((t) => t.id === child.id)!.parentId).toBe(b.id)
    expect((await h()['annotations.list']({ articleId: id })).highlights[0]!.tagIds.sort()).toEqual([b.id, child.id].sort())
    await h()['history.undo']({})
    expect((await h()['codebook.list']({})).map((t) => t.name)).toEqual(['Core interests', 'National sovereignty', 'Security'])
    await expect(h()['codebook.create']({ name: 'security', description: '', parentId: null })).rejects.toThrow(/already exists/)
    await expect(h()['codebook.update']({ id: b.id, patch: { parentId: child.id } })).resolves.toBeDefined()
    await expect(h()['codebook.update']({ id: child.id, patch: { parentId: child.id } })).rejects.toThrow(/inside itself/)
  })

  it('imports uploads without overwriting, reports duplicates and unsupported files', async () => {
    const sample = readFileSync(join(SAMPLES, PHONE)).toString('base64')
    const report = await h()['library.upload']({
      files: [
        { name: 'new.txt', base64: Buffer.from('Title: New\nText:\nA new article.\n').toString('base64') },
        { name: PHONE, base64: sample },
        { name: 'slides.pptx', base64: 'AAAA' },
        { name: 'memo.rtf', base64: Buffer.from('{\\rtf1\\ansi A memo.}').toString('base64') },
        { name: '../../escape.txt', base64: Buffer.from('Title: Escape\nText:\nBody.\n').toString('base64') },
      ],
    })
    expect(report.imported.map((i) => i.path)).toEqual(['new.txt', 'escape.txt'])
    expect(report.duplicates.map((d) => d.existingPath)).toEqual([PHONE])
    expect(report.rejected[0]!.reason).toMatch(/cannot read \.pptx/)
    // A word processor's own formats: the researcher is told how to get the text in.
    expect(report.rejected[1]!.reason).toMatch(/cannot read \.rtf files yet: save it as \.docx or \.txt from your word processor/)
    expect(existsSync(join(dir, 'escape.txt'))).toBe(false)
    const again = await h()['library.upload']({ files: [{ name: 'new.txt', base64: Buffer.from('Title: Different\nText:\nOther.\n').toString('base64') }] })
    expect(again.imported[0]!.path).toBe('new (2).txt')
    expect((await h()['library.list']({})).map((a) => a.title)).toContain('Different')
  })

  it('imports dropped paths, checking each one', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'parallax-drop-'))
    writeFileSync(join(outside, 'dropped.md'), '---\ntitle: Dropped\n---\nText.\n')
    const report = await h()['library.importPaths']({ paths: [outside, 'relative/path.txt', join(dir, 'lib', PHONE), join(outside, 'missing.txt')] })
    expect(report.imported.map((i) => i.path)).toEqual(['dropped.md'])
    expect(report.rejected.map((r) => r.reason)).toEqual(['Not a file on this computer.', 'This file is already in the library folder.', 'This file no longer exists.'])
    rmSync(outside, { recursive: true })
  })

  it('says clearly when an open article was deleted, and keeps its annotations', async () => {
    const id = await phoneId()
    await highlightQuote(id, 'Heihe-Blagoveshchensk')
    unlinkSync(join(dir, 'lib', PHONE))
    await service.fileRemoved(PHONE)
    await service.whenRemovalsSettled()
    expect(events.some((e) => e.type === 'library.changed' && e.removed.includes(id))).toBe(true)
    await expect(h()['article.open']({ id })).rejects.toThrow(/no longer in the library/)
    cpSync(join(SAMPLES, PHONE), join(dir, 'lib', 'restored.txt'))
    await service.fileChanged('restored.txt')
    const back = (await h()['library.list']({})).find((a) => a.path === 'restored.txt')!
    expect(back.id).toBe(id)
    expect(back.highlightCount).toBe(1)
  })

  it('searches the library with prefix, fuzzy and phrase queries, and annotations', async () => {
    await service.whenSearchReady()
    const prefix = await h()['search.query']({ q: 'Blagovesh', limit: 10, asYouType: true })
    expect(prefix.hits.map((x) => x.title)).toEqual(['Xi, Putin hold phone call, vow pragmatic cooperation'])
    expect(prefix.hits[0]!.snippet.text).toContain('Heihe-Blagoveshchensk')
    // Given whole (not typed), or typed with a space after it, the word means itself.
    expect((await h()['search.query']({ q: 'Blagovesh', limit: 10 })).total).toBe(0)
    expect((await h()['search.query']({ q: 'Blagovesh ', limit: 10, asYouType: true })).total).toBe(0)
    const fuzzy = await h()['search.query']({ q: 'Ushakow', limit: 10 })
    expect(fuzzy.hits).toHaveLength(1)
    const phrase = await h()['search.query']({ q: '"springtime in Russia-China relations"', limit: 10 })
    expect(phrase.hits).toHaveLength(1)
    expect((await h()['search.query']({ q: '"springtime in the phone call"', limit: 10 })).hits).toHaveLength(0)
    const id = await phoneId()
    const hl = await highlightQuote(id, 'Heihe-Blagoveshchensk')
    await h()['annotations.updateHighlight']({ id: hl.id, patch: { note: 'infrastructure symbolism' } })
    expect((await h()['search.annotations']({ q: 'symbolism' })).map((x) => x.quote)).toEqual(['Heihe-Blagoveshchensk'])
  })

  it('searches notes, quotes and tag names in the full-text index, kept in step with every change', async () => {
    await service.whenNotesIndexed()
    const id = await phoneId()
    const hl = await highlightQuote(id, 'Heihe-Blagoveshchensk')
    const tag = await h()['codebook.create']({ name: 'Infrastructure links', description: '', parentId: null })
    await h()['annotations.updateHighlight']({ id: hl.id, patch: { note: 'A **bridge** of symbolic weight', tagIds: [tag.id] } })
    await service.whenNotesIndexed()
    const quotes = async (q: string): Promise<string[]> => (await h()['search.annotations']({ q })).map((x) => x.quote)
    expect(await quotes('symbolism')).toEqual(['Heihe-Blagoveshchensk']) // a stem of the note's "symbolic"
    expect(await quotes('bridges')).toEqual(['Heihe-Blagoveshchensk'])
    expect(await quotes('infrastructure')).toEqual(['Heihe-Blagoveshchensk']) // the tag's name
    expect(await quotes('blagoveshchensk')).toEqual(['Heihe-Blagoveshchensk']) // the quote
    expect(await quotes('bridge -symbolic')).toEqual([])
    await h()['codebook.update']({ id: tag.id, patch: { name: 'Transport' } })
    await service.whenNotesIndexed()
    expect(await quotes('transport')).toEqual(['Heihe-Blagoveshchensk'])
    expect(await quotes('infrastructure')).toEqual([])
    await h()['annotations.deleteHighlight']({ id: hl.id })
    await service.whenNotesIndexed()
    expect(await quotes('bridge')).toEqual([])
  })
})
