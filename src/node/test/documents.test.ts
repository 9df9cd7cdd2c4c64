import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Document, Packer, Paragraph, TextRun } from 'docx'
import { strToU8, zipSync } from 'fflate'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import { afterAll, describe, expect, it } from 'vitest'
import { readArticleFile } from '../library/read-article-file'

const root = mkdtempSync(join(tmpdir(), 'parallax-documents-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

/** A news report as a PDF: a running header and page numbers on every page, a word hyphenated across lines. */
async function reportPdf(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  doc.setTitle('Leaders meet in Kazan')
  doc.setAuthor('Jane Reporter')
  doc.setCreationDate(new Date('2024-10-22T09:00:00Z'))
  const font = await doc.embedFont(StandardFonts.Helvetica)
  for (let p = 0; p < pages; p++) {
    const page = doc.addPage([595, 842])
    const line = (text: string, y: number, size = 12): void => void page.drawText(text, { x: 60, y, size, font })
    line('Example Wire - World News', 810, 9)
    line(`The leaders met in Kazan on day ${p + 1} and agreed on closer co-`, 700)
    line('operation in energy and in trade between the two countries.', 685)
    line('A second paragraph follows after a wider gap, as printed reports', 640)
    line('set their paragraphs apart.', 625)
    page.drawText(`Page ${p + 1} of ${pages}`, { x: 270, y: 30, size: 9, font })
  }
  return doc.save()
}

describe('PDF and Word articles', () => {
  it('reads a PDF text layer in reading order, joins hyphenation, drops running headers and page numbers, and takes its properties', async () => {
    writeFileSync(join(root, 'report.pdf'), await reportPdf(3))
    const { summary, article } = await readArticleFile(root, 'report.pdf')
    expect(summary.readable).toBe(true)
    expect(summary.format).toBe('pdf')
    expect(summary.meta).toMatchObject({ title: 'Leaders meet in Kazan', author: 'Jane Reporter', date: '2024-10-22' })
    const text = article!.text
    expect(text).toContain('agreed on closer cooperation in energy and in trade')
    expect(text).not.toContain('Example Wire')
    expect(text).not.toMatch(/Page \d of 3/)
    expect(article!.blocks.length).toBe(6)
    expect(text.split('\n')[1]).toBe('A second paragraph follows after a wider gap, as printed reports set their paragraphs apart.')
    expect(summary.repairs.join(' ')).toMatch(/Joined 3 words hyphenated.*Left out 6 running headers/)
  })

  it('says a PDF without a text layer is probably a scan', async () => {
    const doc = await PDFDocument.create()
    doc.addPage([595, 842]).drawRectangle({ x: 50, y: 50, width: 400, height: 600 })
    writeFileSync(join(root, 'scan.pdf'), await doc.save())
    const { summary } = await readArticleFile(root, 'scan.pdf')
    expect(summary.readable).toBe(false)
    expect(summary.warnings[0]).toMatchObject({ code: 'no-text-layer' })
    expect(summary.warnings[0]!.message).toMatch(/scan.*OCR/)
  })

  it('gives a clear reason for a damaged PDF', async () => {
    writeFileSync(join(root, 'broken.pdf'), '%PDF-1.7\nthis is not really a pdf')
    const { summary } = await readArticleFile(root, 'broken.pdf')
    expect(summary.readable).toBe(false)
    expect(summary.warnings[0]!.message).toMatch(/PDF could not be read|no text layer/)
  })

  it('reads a Word document paragraph by paragraph, with its title, author and date', async () => {
    const doc = new Document({
      title: 'Summit communiqué',
      creator: 'Desk Editor',
      sections: [
        {
          children: [
            new Paragraph({ children: [new TextRun('Both sides reaffirmed their '), new TextRun({ text: 'strategic', bold: true }), new TextRun(' partnership.')] }),
            new Paragraph('Trade rose by 12 per cent.'),
          ],
        },
      ],
    })
    writeFileSync(join(root, 'communique.docx'), await Packer.toBuffer(doc))
    const { summary, article } = await readArticleFile(root, 'communique.docx')
    expect(summary.readable).toBe(true)
    expect(summary.format).toBe('docx')
    expect(summary.meta).toMatchObject({ title: 'Summit communiqué', author: 'Desk Editor' })
    expect(article!.text).toBe('Both sides reaffirmed their strategic partnership.\nTrade rose by 12 per cent.')
    expect(article!.blocks).toHaveLength(2)
  })

  it('reads an EPUB chapter by chapter in spine order, with its Dublin Core metadata', async () => {
    const chapter = (title: string, body: string): Uint8Array =>
      strToU8(`<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>${title}</title><script>var leak = 1</script></head><body><h1>${title}</h1>${body}</body></html>`)
    const epub = zipSync({
      mimetype: strToU8('application/epub+zip'),
      'META-INF/container.xml': strToU8('<?xml version="1.0"?><container><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>'),
      'OEBPS/content.opf': strToU8(
        '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" xmlns:dc="http://purl.org/dc/elements/1.1/"><metadata><dc:title>Reporting the Summits</dc:title><dc:creator>A. Scholar</dc:creator><dc:date>2023-05-01</dc:date></metadata><manifest><item id="c2" href="two.xhtml"/><item id="c1" href="one.xhtml"/></manifest><spine><itemref idref="c1"/><itemref idref="c2"/></spine></package>',
      ),
      'OEBPS/one.xhtml': chapter('First chapter', '<p>The first summit was held online.</p><ul><li><p>A listed point.</p></li></ul>'),
      'OEBPS/two.xhtml': chapter('Second chapter', '<p>The second met in person.</p>'),
    })
    writeFileSync(join(root, 'book.epub'), epub)
    const { summary, article } = await readArticleFile(root, 'book.epub')
    expect(summary.readable).toBe(true)
    expect(summary.format).toBe('epub')
    expect(summary.meta).toMatchObject({ title: 'Reporting the Summits', author: 'A. Scholar', date: '2023-05-01' })
    expect(article!.text).toBe('First chapter\nThe first summit was held online.\nA listed point.\nSecond chapter\nThe second met in person.')
  })

  it('reads a web page saved as one file (.mhtml) through the HTML reader, dated by the snapshot', async () => {
    const mhtml = [
      'From: <Saved by Blink>',
      'Snapshot-Content-Location: https://example.org/news/summit',
      'Subject: Summit ends',
      'Date: Tue, 22 Oct 2024 09:00:00 +0000',
      'MIME-Version: 1.0',
      'Content-Type: multipart/related; type="text/html"; boundary="----B"',
      '',
      '------B',
      'Content-Type: text/html',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      '<html><head><title>Summit ends | Example</title></head><body><nav>Home</nav><article><h1>Summit ends with a joint state=',
      'ment</h1><p>The leaders signed a caf=C3=A9 accord on Tuesday.</p><p>Both called it a turning point.</p></article><script>alert(1)</script></body></html>',
      '------B',
      'Content-Type: image/png',
      'Content-Transfer-Encoding: base64',
      '',
      'iVBORw0KGgo=',
      '------B--',
      '',
    ].join('\r\n')
    writeFileSync(join(root, 'summit.mhtml'), mhtml)
    const { summary, article } = await readArticleFile(root, 'summit.mhtml')
    expect(summary.readable).toBe(true)
    expect(summary.format).toBe('mhtml')
    expect(summary.meta).toMatchObject({ date: '2024-10-22', extra: { url: 'https://example.org/news/summit' } })
    expect(summary.meta.title).toMatch(/^Summit ends/)
    expect(article!.text).toContain('The leaders signed a café accord on Tuesday.')
    expect(article!.text).not.toContain('alert')
    expect(article!.text).not.toContain('Home')
  })

  it('reads a 200-page PDF', async () => {
    writeFileSync(join(root, 'long.pdf'), await reportPdf(200))
    const started = performance.now()
    const { summary, article } = await readArticleFile(root, 'long.pdf')
    const took = performance.now() - started
    expect(summary.readable).toBe(true)
    expect(article!.text).toContain('day 200 and agreed on closer cooperation')
    expect(article!.text).not.toContain('Example Wire')
    process.stdout.write(`200-page PDF read in ${took.toFixed(0)} ms\n`)
  })
})
