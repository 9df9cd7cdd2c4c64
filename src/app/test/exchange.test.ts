import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { strFromU8, unzipSync } from 'fflate'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ParallaxService } from '../parallax-service'

const SAMPLES = join(__dirname, '../../../resources/sample-library')
const ATLAS = join(__dirname, '../../../test-fixtures/conformance/refi-qda/sample-atlas-project.qdpx')
let dir: string
const services: ParallaxService[] = []
async function library(name: string): Promise<ParallaxService> {
  cpSync(SAMPLES, join(dir, name), { recursive: true })
  const s = await ParallaxService.open({ libraryFolder: join(dir, name), fallbackDataFolder: join(dir, `${name}-fb`), host: 'http', version: 'test', user: 'tester' })
  await s.scan()
  services.push(s)
  return s
}
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'parallax-exchange-'))
})
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.close()))
  rmSync(dir, { recursive: true, force: true })
})

/** Highlights, tags, notes and links of a library, as comparable values (ids aside). */
async function contents(s: ParallaxService) {
  const list = await s.handlers['library.list']({})
  const tags = new Map((await s.handlers['codebook.list']({})).map((t) => [t.id, t.name]))
  const out: string[] = []
  for (const a of list) {
    const ann = await s.handlers['annotations.list']({ articleId: a.id })
    for (const h of ann.highlights) out.push(`H ${a.path} ${h.anchor.start}-${h.anchor.end} ${h.colour} [${h.tagIds.map((t) => tags.get(t)).join(',')}] ${h.note}`)
    if (ann.articleNote) out.push(`N ${a.path} ${ann.articleNote.note} [${ann.articleNote.tagIds.map((t) => tags.get(t)).join(',')}]`)
    for (const l of ann.links) if (l.source.articleId === a.id) out.push(`L ${l.source.quote.exact} ↔ ${l.target.quote.exact} ${l.linkType} ${l.note}`)
  }
  return out.sort()
}

async function annotate(s: ParallaxService): Promise<void> {
  const list = await s.handlers['library.list']({})
  const [left, right] = [list.find((a) => a.path.startsWith('000_'))!, list.find((a) => a.path.startsWith('004_'))!]
  const parent = await s.handlers['codebook.create']({ name: 'Security', description: 'Security framing', parentId: null })
  const child = await s.handlers['codebook.create']({ name: 'Sovereignty', description: '', parentId: parent.id })
  const view = await s.handlers['article.open']({ id: left.id })
  const quote = 'core interests concerning sovereignty and security'
  const at = view.text.indexOf(quote)
  await s.handlers['annotations.createHighlight']({
    articleId: left.id,
    start: at,
    end: at + quote.length,
    textHash: view.textHash,
    colour: 'green',
    tagIds: [child.id],
    note: '=SUM(A1) <b>not bold</b>\nsecond line العربية',
  })
  await s.handlers['annotations.createHighlight']({ articleId: left.id, start: 0, end: 30, textHash: view.textHash, colour: 'blue', tagIds: [], note: '' })
  await s.handlers['annotations.setArticleNote']({ articleId: right.id, note: 'A later summit', tagIds: [parent.id] })
  const cmp = await s.handlers['compare.open']({ leftId: left.id, rightId: right.id })
  const suggestion = cmp.suggestions.find((x) => x.left.text.includes('sovereignty'))!
  await s.handlers['compare.confirm']({ leftId: left.id, rightId: right.id, key: suggestion.key, linkType: 'paraphrase', note: 'mutual support' })
}

describe('export and import', () => {
  it('round-trips a library through W3C JSON-LD into an empty library, and never duplicates on a second import', async () => {
    const a = await library('a')
    await annotate(a)
    const file = await a.handlers['export.run']({ scope: { kind: 'library' }, format: 'w3c' })
    expect(file.fileName).toMatch(/\.jsonld$/)
    const b = await library('b')
    const first = await b.handlers['import.run']({ fileName: file.fileName, base64: Buffer.from(file.content).toString('base64') })
    expect(first).toMatchObject({ highlights: 2, notes: 1, links: 1, duplicates: 0, unmatched: [] })
    expect(await contents(b)).toEqual(await contents(a))
    const second = await b.handlers['import.run']({ fileName: file.fileName, base64: Buffer.from(file.content).toString('base64') })
    expect(second).toMatchObject({ highlights: 0, notes: 0, links: 0, tags: 0, duplicates: 4 })
    expect(await contents(b)).toEqual(await contents(a))
  })

  it('round-trips through a .qdpx project and reads the codebook of another tool’s project', async () => {
    const a = await library('a')
    await annotate(a)
    const file = await a.handlers['export.run']({ scope: { kind: 'library' }, format: 'qdpx' })
    expect(file.encoding).toBe('base64')
    const b = await library('b')
    const summary = await b.handlers['import.run']({ fileName: file.fileName, base64: file.content })
    expect(summary).toMatchObject({ highlights: 2, links: 1, duplicates: 0 })
    const hs = (await contents(b)).filter((x) => x.startsWith('H '))
    expect(hs.map((x) => x.replace(/ (green|blue|yellow) /, ' ')).join('\n')).toContain('[Sovereignty] =SUM(A1) <b>not bold</b>\nsecond line العربية')
    expect((await b.handlers['import.run']({ fileName: file.fileName, base64: file.content })).duplicates).toBe(3)
    const atlas = await b.handlers['import.run']({ fileName: 'sample-atlas-project.qdpx', base64: readFileSync(ATLAS).toString('base64') })
    expect(atlas.tags).toBe(3)
    expect((await b.handlers['codebook.list']({})).map((t) => t.name)).toEqual(expect.arrayContaining(['Commits', '2022-05-10T02:05:59Z 19e4dce']))
  })

  it('writes HTML and .qdpx files with the texts read back from disk one at a time: the same report as the in-memory export', async () => {
    const a = await library('a')
    await annotate(a)
    const undated = (text: string): string => text.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'DATE')
    const html = await a.handlers['export.run']({ scope: { kind: 'library' }, format: 'html' })
    await a.exportToFile({ kind: 'library' }, 'html', join(dir, 'report.html'))
    expect(undated(readFileSync(join(dir, 'report.html'), 'utf8'))).toBe(undated(html.content))
    expect(html.content).toContain('core interests concerning sovereignty and security')

    const qdpx = await a.handlers['export.run']({ scope: { kind: 'library' }, format: 'qdpx' })
    await a.exportToFile({ kind: 'library' }, 'qdpx', join(dir, 'project.qdpx'))
    const fromFile = unzipSync(readFileSync(join(dir, 'project.qdpx')))
    const inMemory = unzipSync(Buffer.from(qdpx.content, 'base64'))
    expect(Object.keys(fromFile).sort()).toEqual(Object.keys(inMemory).sort())
    for (const name of Object.keys(inMemory)) expect(undated(strFromU8(fromFile[name]!)), name).toBe(undated(strFromU8(inMemory[name]!)))
    expect(Object.keys(fromFile).filter((n) => n.startsWith('sources/'))).toHaveLength(2)
  })

  it('exports each scope and format; a comparison carries its links and what only each report says', async () => {
    const a = await library('a')
    await annotate(a)
    const list = await a.handlers['library.list']({})
    const [left, right] = [list.find((x) => x.path.startsWith('000_'))!, list.find((x) => x.path.startsWith('004_'))!]
    const md = await a.handlers['export.run']({ scope: { kind: 'comparison', leftId: left.id, rightId: right.id }, format: 'markdown' })
    expect(md.content).toContain('| paraphrase | mutual support |')
    expect(md.content).toMatch(/## Only in “Xi, Putin hold phone call/)
    const tag = (await a.handlers['codebook.list']({})).find((t) => t.name === 'Security')!
    const csv = await a.handlers['export.run']({ scope: { kind: 'tag', tagId: tag.id }, format: 'csv' })
    // Code retrieval includes sub-codes: the Sovereignty highlight, the article note and the link are under Security only through… the note (tagged Security) and the highlight (Sovereignty ⊂ Security).
    expect(
      csv.content
        .split('\r\n')
        .filter((l) => /^(highlight|article_note|link),/.test(l))
        .map((l) => l.split(',')[0]),
    ).toEqual(['highlight', 'article_note'])
    const html = await a.handlers['export.run']({ scope: { kind: 'article', articleId: left.id }, format: 'html' })
    expect(html.content).toContain('&lt;b&gt;not bold&lt;/b&gt;')
  })

  it('reports progress, can be cancelled, and previews only the first articles', async () => {
    const a = await library('a')
    await annotate(a)
    const events: Array<{ done: number; total: number }> = []
    a.onEvent((e) => e.type === 'export.progress' && e.exportId === 'x1' && events.push({ done: e.done, total: e.total }))
    await a.handlers['export.run']({ scope: { kind: 'library' }, format: 'csv', exportId: 'x1' })
    expect(events.at(-1)).toEqual({ done: 2, total: 2 })
    await a.handlers['export.cancel']({ exportId: 'x2' })
    await expect(a.handlers['export.run']({ scope: { kind: 'library' }, format: 'csv', exportId: 'x2' })).rejects.toMatchObject({ code: 'cancelled' })
    const preview = await a.handlers['export.run']({ scope: { kind: 'library' }, format: 'csv', previewArticles: 1 })
    expect(preview.counts.articles).toBe(1)
    const rows = preview.content.split('\r\n').filter((l) => /^(highlight|article_note|link),/.test(l))
    const articleIds = new Set(rows.map((l) => l.split(',')[2]))
    expect(articleIds.size).toBe(1)
  })
})
