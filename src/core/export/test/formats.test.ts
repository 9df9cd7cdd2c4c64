import { crc32, deflateRawSync } from 'node:zlib'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse as parseCsv } from 'csv-parse/sync'
import { strFromU8, unzipSync } from 'fflate/browser'
import { parseHTML } from 'linkedom'
import { marked } from 'marked'
import { describe, expect, it } from 'vitest'
import { CSV_COLUMNS, toCsv } from '../csv'
import { toHtml } from '../html'
import { toMarkdown } from '../markdown'
import { toQdpx } from '../qdpx'
import { HOSTILE, sampleExport } from './fixtures'

const XSD = join(__dirname, '../../../../test-fixtures/conformance/refi-qda/Project-mrt2019.xsd')

describe('CSV export', () => {
  const data = sampleExport()
  const text = toCsv(data)
  const rows = parseCsv(text.replace(/^\uFEFF/, ''), { columns: true, relax_column_count: false }) as Array<Record<string, string>>

  it('starts with a BOM, has the documented columns, and one row per highlight, article note and link', () => {
    expect(text.startsWith('\uFEFF')).toBe(true)
    expect(Object.keys(rows[0]!)).toEqual([...CSV_COLUMNS])
    expect(rows.map((r) => r.record_type)).toEqual(['highlight', 'highlight', 'article_note', 'link'])
  })

  it('keeps hostile text exact but neutralises what a spreadsheet would run as a formula', () => {
    expect(rows[0]!.note).toBe(`'${HOSTILE}`)
    expect(rows[0]!.quote).toBe('sovereignty and security')
    expect(rows[0]!.tags).toBe('Security / Sovereignty "core"')
    expect(rows[3]).toMatchObject({ link_type: 'paraphrase', linked_article_id: 'a-right', linked_quote: 'support each other on key issues' })
    expect(Number(rows[0]!.start)).toBe(data.highlights[0]!.place!.start)
  })
})

describe('Markdown export', () => {
  it('escapes everything typed so it stays text, with front matter and quotes in reading order', () => {
    const data = sampleExport()
    data.scope = { kind: 'article', label: 'One article' }
    data.articles = [data.articles[0]!]
    data.highlights = [data.highlights[0]!]
    const md = toMarkdown(data)
    expect(md).toMatch(/^---\ntitle: Xi, Putin hold phone call\noutlet: Global Times/)
    expect(md).toContain('tags:\n  - Security')
    const html = marked.parse(md.replace(/^---[\s\S]*?---\n/, '')) as string
    const { document } = parseHTML(`<html><body>${html}</body></html>`)
    expect(document.querySelectorAll('script, a, strong, table, img').length).toBe(0)
    expect(document.querySelector('blockquote')?.textContent?.trim()).toBe('sovereignty and security')
    // The note reads back as exactly what was typed (line breaks aside).
    expect(document.body.textContent).toContain('=HYPERLINK("http://evil") <script>alert(1)</script> **bold** | pipe | "quoted", comma')
  })

  it('writes a comparison as a two-column table of linked passages, then what only each says', () => {
    const data = sampleExport()
    data.scope = { kind: 'comparison', label: 'Phone call vs video summit' }
    data.comparison = { leftId: 'a-left', rightId: 'a-right', onlyLeft: [{ start: 0, end: 5, text: 'Only | left' }], onlyRight: [{ start: 0, end: 5, text: 'Only right' }] }
    const html = marked.parse(toMarkdown(data).replace(/^---[\s\S]*?---\n/, '')) as string
    const { document } = parseHTML(`<html><body>${html}</body></html>`)
    const cells = [...document.querySelectorAll('table tbody tr td')].map((td) => td.textContent)
    expect(cells).toEqual(['sovereignty and security', 'support each other on key issues', 'paraphrase', 'Same support, other words'])
    expect(document.body.textContent).toContain('Only | left')
  })
})

describe('HTML report', () => {
  it('is inert: no script, every typed character shown as text, highlights marked in their colours', () => {
    const { document } = parseHTML(toHtml(sampleExport()))
    expect(document.querySelectorAll('script, iframe, img, a').length).toBe(0)
    expect(document.querySelector('.notes .note')?.textContent).toBe(HOSTILE)
    const marks = [...document.querySelectorAll('mark')]
    expect(marks.map((m) => m.textContent?.replace(/\d+$/, ''))).toEqual(['sovereignty and security', 'video summit'])
    expect(marks[0]!.getAttribute('style')).toContain('#bfe8b5')
  })
})

describe('REFI-QDA project', () => {
  it('validates against the QDA-XML schema, counts code points, keeps sources/ lowercase and no BOM', () => {
    const data = sampleExport()
    // A non-BMP character before a highlight: QDA-XML positions count code points, not UTF-16 units.
    const a = data.articles[0]!
    a.text = `𝔛 ${a.text}`
    for (const h of data.highlights) if (h.record.target.articleId === 'a-left' && h.place) h.place = { start: h.place.start + 3, end: h.place.end + 3 }
    const zip = unzipSync(toQdpx(data))
    const names = Object.keys(zip).sort()
    expect(names[0]).toBe('project.qde')
    expect(names.slice(1)).toHaveLength(2)
    for (const n of names.slice(1)) expect(n).toMatch(/^sources\/[0-9A-F-]{36}\.txt$/)
    const xml = strFromU8(zip['project.qde']!)
    expect(xml.startsWith('<?xml')).toBe(true)
    const dir = mkdtempSync(join(tmpdir(), 'parallax-qdpx-'))
    try {
      writeFileSync(join(dir, 'project.qde'), xml)
      const lint = spawnSync('xmllint', ['--noout', '--schema', XSD, join(dir, 'project.qde')], { encoding: 'utf8' })
      expect(lint.stderr).toMatch(/validates/)
      expect(lint.status).toBe(0)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
    const selection = /<PlainTextSelection guid="[^"]+" name="sovereignty and security" startPosition="(\d+)" endPosition="(\d+)"/.exec(xml)!
    const textCodePoints = [...a.text]
    expect(textCodePoints.slice(Number(selection[1]), Number(selection[2])).join('')).toBe('sovereignty and security')
    expect(xml).toContain('<Code guid=')
    expect(xml).toContain('<Link ')
    expect(xml).toContain('<TextValue>Global Times</TextValue>')
    expect(xml).not.toContain('\u0007')
    // A host's own deflate (zlib) makes the same files.
    const native = unzipSync(toQdpx(data, (bytes) => ({ deflated: deflateRawSync(bytes, { level: 1 }), crc: crc32(bytes) })))
    expect(Object.keys(native).sort()).toEqual(names)
    for (const n of names) expect(strFromU8(native[n]!)).toBe(strFromU8(zip[n]!))
  })
})

describe('Markdown escaping', () => {
  it('keeps list, heading, rule, link and HTML syntax typed in a note as plain text', async () => {
    const { escapeMarkdown } = await import('../escape')
    const typed =
      '# Not a heading\n- not a list\n+ nor this\n1. nor this\n===\nsee www.example.org, https://example.org or me@example.org\n<img src=x onerror=alert(1)> [link](javascript:alert(1)) **b** _i_ `c` | cell'
    const html = marked.parse(escapeMarkdown(typed)) as string
    const { document } = parseHTML(`<html><body>${html}</body></html>`)
    expect(document.querySelectorAll('h1, h2, ul, ol, hr, a, img, strong, em, code').length).toBe(0)
    expect(document.body.textContent?.replace(/\s+/g, ' ').trim()).toBe(typed.replace(/\s+/g, ' ').trim())
  })
})
