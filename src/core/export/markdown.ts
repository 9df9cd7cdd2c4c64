import { stringify as yaml } from 'yaml'
import { escapeMarkdown, markdownCell, markdownQuote } from './escape'
import { articleNoteOf, articleOf, type ExportArticle, type ExportData, highlightsOf, tagNames } from './model'

const hashTag = (name: string): string => `#${name.replace(/[^\p{L}\p{N}_/-]+/gu, '_')}`

function frontMatter(article: ExportArticle, tags: string[], generatedAt: string): string {
  const meta: Record<string, unknown> = {
    title: article.title,
    outlet: article.outlet,
    author: article.author,
    date: article.date,
    categories: article.categories,
    tags,
    source: article.path,
    exported: generatedAt,
  }
  for (const k of Object.keys(meta)) if (meta[k] === undefined) delete meta[k]
  return `---\n${yaml(meta, { lineWidth: 0 }).trimEnd()}\n---\n`
}

function articleSection(data: ExportData, article: ExportArticle, level: number): string {
  const h = '#'.repeat(level)
  const note = articleNoteOf(data, article.id)
  const lines: string[] = [`${h} ${escapeMarkdown(article.title)}`, '']
  const meta = [article.outlet, article.author, article.date].filter(Boolean).map((x) => escapeMarkdown(x!))
  if (meta.length) lines.push(`*${meta.join(' · ')}*`, '')
  if (note?.note.trim()) lines.push(`${h}# Article note`, '', escapeMarkdown(note.note), '')
  const highlights = highlightsOf(data, article.id)
  if (highlights.length) lines.push(`${h}# Highlights`, '')
  for (const { record, place } of highlights) {
    lines.push(markdownQuote(record.target.quote.exact), '')
    const tags = tagNames(data, record.tagIds).map(hashTag)
    lines.push(`— ${[record.colour, ...tags, place ? `characters ${place.start}–${place.end}` : 'passage no longer found'].join(' · ')}`, '')
    if (record.note.trim()) lines.push(escapeMarkdown(record.note), '')
  }
  return lines.join('\n')
}

/**
 * Markdown notes for Obsidian/Zotero-style notebooks: YAML front matter with the article's
 * metadata and tags, highlights as block quotes in reading order with their tags and notes,
 * the article note. A comparison is the two articles with the linked passages in a two-column
 * table (type and note) and what only each report says. Everything typed is escaped.
 */
export function toMarkdown(data: ExportData): string {
  return [...markdownChunks(data)].join('')
}

/** The same notes an article at a time. */
export function* markdownChunks(data: ExportData): Generator<string> {
  const comparison = data.comparison
  if (data.scope.kind === 'article' && data.articles.length === 1) {
    const a = data.articles[0]!
    const note = articleNoteOf(data, a.id)
    yield `${frontMatter(a, tagNames(data, note?.tagIds ?? []), data.generatedAt)}\n${articleSection(data, a, 1)}`
    return
  }
  const out: string[] = [
    `---\n${yaml({ title: data.scope.label, exported: data.generatedAt, generator: data.generator }, { lineWidth: 0 }).trimEnd()}\n---\n`,
    `# ${escapeMarkdown(data.scope.label)}`,
    '',
  ]
  if (comparison) {
    const left = articleOf(data, comparison.leftId)
    const right = articleOf(data, comparison.rightId)
    const record = data.comparisons[0]
    if (record?.note.trim()) out.push('## Comparison note', '', escapeMarkdown(record.note), '')
    out.push('## Linked passages', '', `| ${markdownCell(left?.title ?? 'Left')} | ${markdownCell(right?.title ?? 'Right')} | Link | Note |`, '| --- | --- | --- | --- |')
    for (const { record: l } of data.links) {
      const [a, b] = l.source.articleId === comparison.leftId ? [l.source, l.target] : [l.target, l.source]
      out.push(`| ${markdownCell(a.quote.exact)} | ${markdownCell(b.quote.exact)} | ${l.linkType} | ${markdownCell(l.note)} |`)
    }
    out.push('')
    out.push(`## Only in “${escapeMarkdown(left?.title ?? 'left')}”`, '', ...comparison.onlyLeft.map((s) => `- ${markdownCell(s.text)}`), '')
    out.push(`## Only in “${escapeMarkdown(right?.title ?? 'right')}”`, '', ...comparison.onlyRight.map((s) => `- ${markdownCell(s.text)}`), '')
  }
  yield out.join('\n') + '\n'
  for (const a of data.articles) yield articleSection(data, a, 2) + '\n'
}
