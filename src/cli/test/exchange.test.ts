import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ParallaxService } from '../../app/parallax-service'
import { runExport, runImport } from '../exchange'
import { capture } from './capture'

const SAMPLES = join(__dirname, '../../../resources/sample-library')
let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'parallax-cli-exchange-'))
  process.env.XDG_DATA_HOME = join(dir, 'xdg')
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('parallax export / import', () => {
  it('exports a library with a highlight made by the app, refuses to overwrite without --force, and imports it into another library once', async () => {
    cpSync(SAMPLES, join(dir, 'a'), { recursive: true })
    cpSync(SAMPLES, join(dir, 'b'), { recursive: true })
    const app = await ParallaxService.open({ libraryFolder: join(dir, 'a'), fallbackDataFolder: join(dir, 'fb'), host: 'http', version: 't', user: 'app' })
    await app.scan()
    const phone = (await app.handlers['library.list']({})).find((x) => x.path.startsWith('000_'))!
    const view = await app.handlers['article.open']({ id: phone.id })
    await app.handlers['annotations.createHighlight']({ articleId: phone.id, start: 0, end: 26, textHash: view.textHash, colour: 'pink', tagIds: [], note: 'opening line' })
    // The CLI runs while the app still has the library open.
    const out = join(dir, 'notes.jsonld')
    expect((await capture(() => runExport(join(dir, 'a'), { format: 'w3c', out, force: false }))).code).toBe(0)
    await app.close()
    expect(JSON.parse(readFileSync(out, 'utf8')).total).toBe(1)
    const again = await capture(() => runExport(join(dir, 'a'), { format: 'w3c', out, force: false }))
    expect(again).toMatchObject({ code: 2, err: expect.stringMatching(/exists; add --force/) })
    expect((await capture(() => runExport(join(dir, 'a'), { format: 'w3c', out, force: true }))).code).toBe(0)
    const md = await capture(() => runExport(join(dir, 'a'), { format: 'markdown', article: '000_92639f20422bd322.txt', out: '-', force: false }))
    expect(md.out).toMatch(/^---\ntitle: Xi, Putin hold phone call/)
    expect(md.out).toContain('opening line')
    const first = await capture(() => runImport(join(dir, 'b'), out))
    expect(first.out).toMatch(/Imported 1 highlights/)
    const second = await capture(() => runImport(join(dir, 'b'), out))
    expect(second.out).toMatch(/Imported 0 highlights.*1 already in the library/)
    expect(existsSync(join(dir, 'b', '.parallax'))).toBe(true)
  })

  it('says what is wrong with bad arguments', async () => {
    cpSync(SAMPLES, join(dir, 'a'), { recursive: true })
    expect((await capture(() => runExport(join(dir, 'a'), { format: 'pdf', out: 'x', force: false }))).err).toMatch(/--format w3c\|csv\|markdown\|html\|qdpx/)
    expect((await capture(() => runExport(join(dir, 'a'), { format: 'qdpx', out: '-', force: false }))).err).toMatch(/zip file/)
    expect((await capture(() => runExport(join(dir, 'a'), { format: 'csv', article: 'nope.txt', out: '-', force: false }))).err).toMatch(/nope\.txt is not an article/)
    writeFileSync(join(dir, 'junk.json'), 'not json')
    expect((await capture(() => runImport(join(dir, 'a'), join(dir, 'junk.json')))).err).toMatch(/neither a W3C Web Annotation/)
  })
})
