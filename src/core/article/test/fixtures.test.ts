import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseArticle } from '../parse'

/**
 * Byte-level fixtures: each file in ./fixtures is a real file as a researcher's folder may hold
 * it (written by the generator noted in each case). To add one: drop the file in ./fixtures and
 * add its expected outcome here.
 */
const read = (name: string): ReturnType<typeof parseArticle> => parseArticle(new Uint8Array(readFileSync(join(__dirname, 'fixtures', name))), name)
const BODY_START = 'Parallax reads “quoted” words, café and naïve text.'

async function article(name: string) {
  const outcome = await read(name)
  if (!outcome.readable) throw new Error(`${name}: ${outcome.warning.message}`)
  return outcome.article
}

describe('decoding', () => {
  it.each([
    ['utf8-bom.txt', 'utf-8', 'UTF-8 with BOM'],
    ['utf16le-bom.txt', 'utf-16le', 'UTF-16 LE'],
    ['utf16be-bom.txt', 'utf-16be', 'UTF-16 BE'],
    ['utf16le-nobom.txt', 'utf-16le', 'UTF-16 LE without BOM'],
    ['crlf.txt', 'utf-8', 'CRLF'],
    ['cr.txt', 'utf-8', 'Old Mac CR'],
  ])('%s decodes as %s with the exact text', async (file, encoding, title) => {
    const a = await article(file)
    expect(a.encoding).toBe(encoding)
    expect(a.meta.title).toBe(title)
    expect(a.text.startsWith(BODY_START)).toBe(true)
    expect(a.text).not.toMatch(/[\r\ufeff\u0000]/)
    expect(a.blocks).toHaveLength(2)
  })

  it('detects Windows-1252 and says the encoding was guessed', async () => {
    const a = await article('windows-1252.txt')
    expect(a.encoding).toBe('windows-1252')
    expect(a.text).toContain(BODY_START)
    expect(a.text).toContain('5 € in Zürich’s markets')
    expect(a.warnings.map((w) => w.code)).toContain('encoding-guessed')
  })

  it('notes line-ending normalisation as a repair', async () => {
    expect((await article('crlf.txt')).repairs.join(' ')).toMatch(/line endings/)
  })

  it('repairs double-encoded UTF-8 and marks the article as repaired', async () => {
    const a = await article('mojibake.txt')
    expect(a.meta.title).toBe('Mojibake')
    expect(a.text.startsWith(BODY_START)).toBe(true)
    expect(a.text).toContain('— with an em dash')
    expect(a.warnings.map((w) => w.code)).toContain('mojibake-repaired')
  })
})

describe('bad input gets one clear reason', () => {
  it.each([
    ['binary.txt', 'binary', /binary data/],
    ['empty.txt', 'empty', /empty/],
    ['whitespace.txt', 'empty', /blank space/],
    // Documents go through the Node layer's document readers (src/node/test/documents.test.ts).
    ['report.pdf', 'unreadable', /document reader/],
  ])('%s → %s', async (file, code, message) => {
    const outcome = await read(file)
    expect(outcome.readable).toBe(false)
    if (outcome.readable) return
    expect(outcome.warning.code).toBe(code)
    expect(outcome.warning.message).toMatch(message)
  })

  it('refuses a file over the size limit', async () => {
    const outcome = await parseArticle(new Uint8Array(2048).fill(65), 'big.txt', 1024)
    expect(outcome).toMatchObject({ readable: false, warning: { code: 'too-large' } })
  })

  it('lists a header-only file with a warning', async () => {
    const a = await article('header-only.txt')
    expect(a.meta.title).toBe('Only a header')
    expect(a.warnings.map((w) => w.code)).toContain('header-only')
  })

  it('keeps a malformed date as extra metadata and warns', async () => {
    const a = await article('bad-date.txt')
    expect(a.meta.date).toBeUndefined()
    expect(a.meta.extra['published time']).toBe('sometime last spring')
    expect(a.warnings.find((w) => w.code === 'bad-date')?.message).toMatch(/sometime last spring/)
  })
})

describe('formats', () => {
  it('reads header keys in any case and order, splits categories, keeps unknown keys', async () => {
    const a = await article('header-any-order.txt')
    expect(a.meta).toMatchObject({
      title: 'Keys in any case and order',
      author: 'Jane Doe',
      outlet: 'Example Times',
      date: '2021-03-04T10:15:00',
      categories: ['Economy', 'World'],
      extra: { language: 'en' },
    })
    expect(a.text).toBe('The body starts on the same line.\nAnd continues here.\n')
  })

  it('derives a title for a bare text file', async () => {
    const a = await article('no-header.txt')
    expect(a.meta.title).toBe('Moscow -- Officials met on Tuesday')
    expect(a.meta.titleSource).toBe('derived')
  })

  it('reads Markdown front matter and renders Markdown as text, never as HTML', async () => {
    const a = await article('front-matter.md')
    expect(a.meta).toMatchObject({
      title: 'Markdown with front matter',
      date: '2024-05-06',
      author: 'A. Writer',
      outlet: 'The Example',
      categories: ['energy', 'trade policy'],
      extra: { reviewer: 'Someone' },
    })
    expect(a.blocks.map((b) => b.kind)).toEqual(['h', 'p', 'li', 'li', 'quote'])
    expect(a.text).toContain('A paragraph with bold and a link.')
    expect(a.text).not.toContain('<script>')
    expect(a.text).not.toContain('**')
  })

  it('survives broken front matter with a warning', async () => {
    const a = await article('bad-front-matter.md')
    expect(a.text).toContain('Body of a file whose front matter is broken.')
    expect(a.warnings.map((w) => w.code)).toContain('bad-header')
  })

  it('extracts the readable article from a saved web page, dropping scripts and navigation', async () => {
    const a = await article('saved-page.html')
    expect(a.meta).toMatchObject({ title: 'Leaders meet for talks', outlet: 'Example News', date: '2024-02-03T09:00:00Z', categories: ['diplomacy', 'energy'], author: 'Jo Reporter' })
    expect(a.text).toContain('The two leaders met on Monday to discuss energy cooperation')
    expect(a.text).not.toMatch(/pwned|window\.evil|Home|Sport|color:red/)
    expect(a.warnings.map((w) => w.code)).toContain('html-sanitised')
  })

  it('reduces hostile HTML to inert text', async () => {
    const a = await article('hostile.htm')
    expect(a.text).toContain('Click me')
    expect(a.text).toContain('Second & last paragraph <script> as text.')
    expect(a.text).not.toMatch(/fetch|onerror|alert/)
  })
})
