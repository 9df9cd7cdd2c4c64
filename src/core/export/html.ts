import { escapeHtml } from './escape'
import { articleNoteOf, articleOf, type ExportArticle, type ExportData, HIGHLIGHT_HEX, highlightsOf, tagNames, textOf } from './model'

const STYLE = `
@page { size: A4; margin: 18mm 16mm; }
body { font: 11pt/1.55 Charter, 'Iowan Old Style', Georgia, 'Noto Serif', serif; color: #1f1d1a; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 20pt; line-height: 1.2; margin: 0 0 .3rem; }
h2 { font-size: 15pt; margin: 2rem 0 .4rem; break-after: avoid; }
h3 { font: 600 9pt system-ui, sans-serif; text-transform: uppercase; letter-spacing: .05em; color: #6b665d; margin: 1.4rem 0 .4rem; }
.meta { color: #6b665d; font: 9.5pt system-ui, sans-serif; }
.text p { margin: 0 0 .7rem; }
mark { border-radius: 2px; padding: 0 1px; color: inherit; }
mark sup { font: 600 7pt system-ui, sans-serif; color: #2f5d8a; }
.notes { list-style: none; padding: 0; }
.notes li { break-inside: avoid; border-left: 4px solid var(--c); padding: .2rem 0 .2rem .7rem; margin: 0 0 .7rem; }
.notes blockquote { margin: 0; font-style: italic; }
.tags { font: 9pt system-ui, sans-serif; color: #2f5d8a; }
.note { white-space: pre-wrap; overflow-wrap: anywhere; margin: .2rem 0 0; }
table { width: 100%; border-collapse: collapse; font-size: 10pt; }
th, td { text-align: left; vertical-align: top; padding: .35rem .4rem; border-bottom: 1px solid #ddd8cd; overflow-wrap: anywhere; }
.article { break-before: page; }
.article:first-of-type { break-before: auto; }
`

/** The article's text in paragraphs, highlighted passages in their colours and numbered. */
function markedText(data: ExportData, article: ExportArticle): string {
  const spans = highlightsOf(data, article.id)
    .filter((h) => h.place)
    .map((h, i) => ({ start: h.place!.start, end: h.place!.end, colour: HIGHLIGHT_HEX[h.record.colour], n: i + 1 }))
  const text = textOf(data, article)
  const cuts = [...new Set([0, text.length, ...spans.flatMap((s) => [s.start, s.end])])].sort((a, b) => a - b)
  let html = ''
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [a, b] = [cuts[i]!, cuts[i + 1]!]
    const covering = spans.filter((s) => s.start <= a && s.end >= b)
    const piece = escapeHtml(text.slice(a, b))
    const numbers = spans.filter((s) => s.end === b).map((s) => s.n)
    html += covering.length ? `<mark style="background:${covering[covering.length - 1]!.colour}">${piece}${numbers.length ? `<sup>${numbers.join(',')}</sup>` : ''}</mark>` : piece
  }
  return html
    .split(/\n+/)
    .filter((p) => p.trim())
    .map((p) => `<p>${p}</p>`)
    .join('\n')
}

function articleSection(data: ExportData, article: ExportArticle): string {
  const note = articleNoteOf(data, article.id)
  const highlights = highlightsOf(data, article.id)
  const meta = [article.outlet, article.author, article.date, article.path]
    .filter(Boolean)
    .map((x) => escapeHtml(x!))
    .join(' · ')
  const items = highlights
    .map(({ record }, i) => {
      const tags = tagNames(data, record.tagIds)
      return `<li style="--c:${HIGHLIGHT_HEX[record.colour]}"><blockquote><sup>${i + 1}</sup> ${escapeHtml(record.target.quote.exact)}</blockquote>${tags.length ? `<div class="tags">${tags.map((t) => `#${escapeHtml(t)}`).join(' ')}</div>` : ''}${record.note.trim() ? `<p class="note">${escapeHtml(record.note)}</p>` : ''}</li>`
    })
    .join('\n')
  return `<section class="article">
<h2>${escapeHtml(article.title)}</h2>
<p class="meta">${meta}</p>
${note?.note.trim() ? `<h3>Article note</h3><p class="note">${escapeHtml(note.note)}</p>` : ''}
${highlights.length ? `<h3>Highlights and notes</h3><ol class="notes">${items}</ol>` : ''}
<h3>Text</h3>
<div class="text">${markedText(data, article)}</div>
</section>`
}

/**
 * A printable report (the PDF is this page printed by Chromium): each article's highlights in
 * their colours with tags and notes, then its text with the passages marked; a comparison
 * adds the linked passages side by side. All text is escaped; the page loads nothing.
 */
export function toHtml(data: ExportData): string {
  return [...htmlChunks(data)].join('')
}

/** The same report a section at a time. */
export function* htmlChunks(data: ExportData): Generator<string> {
  const c = data.comparison
  let comparison = ''
  if (c) {
    const left = articleOf(data, c.leftId)
    const right = articleOf(data, c.rightId)
    const note = data.comparisons[0]?.note.trim()
    const rows = data.links
      .map(({ record: l }) => {
        const [a, b] = l.source.articleId === c.leftId ? [l.source, l.target] : [l.target, l.source]
        return `<tr><td>${escapeHtml(a.quote.exact)}</td><td>${escapeHtml(b.quote.exact)}</td><td>${escapeHtml(l.linkType)}</td><td>${escapeHtml(l.note)}</td></tr>`
      })
      .join('\n')
    comparison = `<section>${note ? `<h3>Comparison note</h3><p class="note">${escapeHtml(note)}</p>` : ''}
<h3>Linked passages</h3><table><thead><tr><th>${escapeHtml(left?.title ?? 'Left')}</th><th>${escapeHtml(right?.title ?? 'Right')}</th><th>Link</th><th>Note</th></tr></thead><tbody>${rows}</tbody></table>
<h3>Only in the left report</h3><ul>${c.onlyLeft.map((s) => `<li>${escapeHtml(s.text)}</li>`).join('')}</ul>
<h3>Only in the right report</h3><ul>${c.onlyRight.map((s) => `<li>${escapeHtml(s.text)}</li>`).join('')}</ul></section>`
  }
  yield `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(data.scope.label)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(data.scope.label)}</h1>
<p class="meta">Exported from ${escapeHtml(data.generator)} on ${escapeHtml(data.generatedAt)}</p>
${comparison}
`
  for (const a of data.articles) yield `${articleSection(data, a)}\n`
  yield '</body>\n</html>\n'
}
