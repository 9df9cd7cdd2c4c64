import { Lexer, type Token, type Tokens } from 'marked'
import { parse as parseYaml } from 'yaml'
import { parseDate } from './dates'
import type { DecodedText } from './decode'
import { deriveTitle } from './title'
import type { ArticleMeta, ArticleWarning, ParsedArticle, TextBlock } from './types'

const FRONT_MATTER = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/

/**
 * Parses a Markdown article: YAML front matter for metadata, then the Markdown turned into
 * plain-text blocks (headings, paragraphs, list items, quotations). Raw HTML is reduced to its
 * text and never rendered, so a hostile `<script>` in a note file cannot run.
 */
export function parseMarkdownArticle(decoded: DecodedText, fileName: string): ParsedArticle {
  const warnings: ArticleWarning[] = []
  let source = decoded.text
  const meta: Partial<ArticleMeta> & { categories: string[]; extra: Record<string, string> } = {
    categories: [],
    extra: {},
  }
  const fm = FRONT_MATTER.exec(source)
  if (fm) {
    source = source.slice(fm[0].length)
    try {
      const data: unknown = parseYaml(fm[1] ?? '')
      if (data && typeof data === 'object' && !Array.isArray(data)) applyFrontMatter(meta, data as Record<string, unknown>, warnings)
    } catch (error) {
      warnings.push({ code: 'bad-header', message: `The front matter is not valid YAML and was ignored (${firstLine(error)}).` })
    }
  }

  const builder = new BlockBuilder()
  walk(new Lexer().lex(source), builder, 0)
  const { text, blocks } = builder
  if (fm && text.trim() === '') warnings.push({ code: 'header-only', message: 'This file has front matter but no article text.' })
  const firstHeading = blocks.find((b) => b.kind === 'h' && (b.level ?? 1) <= 2)
  let title = meta.title
  let titleSource: ArticleMeta['titleSource'] = 'front-matter'
  if (!title && firstHeading) {
    title = text.slice(firstHeading.start, firstHeading.end)
    titleSource = 'derived'
  }
  if (!title) {
    const d = deriveTitle(text, fileName)
    title = d.title
    titleSource = d.fromText ? 'derived' : 'file-name'
  }
  return {
    format: 'markdown',
    meta: { ...meta, title, titleSource },
    text,
    blocks,
    encoding: decoded.encoding,
    repairs: decoded.repairs,
    warnings,
  }
}

function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error).split('\n')[0] ?? ''
}

function applyFrontMatter(meta: Partial<ArticleMeta> & { categories: string[]; extra: Record<string, string> }, data: Record<string, unknown>, warnings: ArticleWarning[]): void {
  for (const [rawKey, value] of Object.entries(data)) {
    const key = rawKey.toLowerCase()
    const str = value instanceof Date ? value.toISOString().slice(0, 10) : Array.isArray(value) ? value.map(String).join(', ') : value == null ? '' : String(value)
    if (key === 'title') meta.title = str
    else if (key === 'date' || key === 'published' || key === 'published time') {
      const date = parseDate(str)
      if (date) meta.date = date
      else {
        meta.extra[key] = str
        warnings.push({ code: 'bad-date', message: `The date "${str}" could not be read; set it in the article's details.` })
      }
    } else if (key === 'author' || key === 'authors' || key === 'byline') meta.author = str
    else if (key === 'outlet' || key === 'source' || key === 'publisher' || key === 'publication') meta.outlet = str
    else if (key === 'tags' || key === 'categories' || key === 'category') {
      const list = Array.isArray(value) ? value.map(String) : str.split(/[,;]/)
      for (const c of list.map((s) => s.trim()).filter(Boolean)) if (!meta.categories.includes(c)) meta.categories.push(c)
    } else meta.extra[key] = str
  }
}

/** Accumulates plain text and block offsets, separating blocks by a blank line. */
class BlockBuilder {
  text = ''
  blocks: TextBlock[] = []
  add(kind: TextBlock['kind'], content: string, level?: number): void {
    const clean = content
      .replace(/[ \t]*\n[ \t]*/g, ' ')
      .replace(/\s+$/, '')
      .replace(/^\s+/, '')
    if (!clean) return
    if (this.text) this.text += '\n\n'
    const start = this.text.length
    this.text += clean
    this.blocks.push({ kind, start, end: this.text.length, ...(level ? { level } : {}) })
  }
}

function walk(tokens: Token[], out: BlockBuilder, depth: number): void {
  for (const token of tokens) {
    switch (token.type) {
      case 'heading':
        out.add('h', inlineText((token as Tokens.Heading).tokens), (token as Tokens.Heading).depth)
        break
      case 'paragraph':
        out.add(depth > 0 ? 'quote' : 'p', inlineText((token as Tokens.Paragraph).tokens))
        break
      case 'text':
        out.add('p', (token as Tokens.Text).tokens ? inlineText((token as Tokens.Text).tokens!) : (token as Tokens.Text).text)
        break
      case 'blockquote':
        walk((token as Tokens.Blockquote).tokens, out, depth + 1)
        break
      case 'list':
        for (const item of (token as Tokens.List).items) out.add('li', item.tokens.map((t) => ('tokens' in t && t.tokens ? inlineText(t.tokens) : 'text' in t ? String(t.text) : '')).join(' '))
        break
      case 'code':
        out.add('p', (token as Tokens.Code).text)
        break
      case 'html':
        out.add('p', stripTags((token as Tokens.HTML).text))
        break
      case 'table': {
        const table = token as Tokens.Table
        for (const row of [table.header, ...table.rows]) out.add('p', row.map((cell) => inlineText(cell.tokens)).join(' | '))
        break
      }
      default:
        break
    }
  }
}

function inlineText(tokens: Token[]): string {
  let s = ''
  for (const t of tokens) {
    if (t.type === 'html') s += stripTags((t as Tokens.HTML).text)
    else if (t.type === 'br') s += '\n'
    else if (t.type === 'image') s += (t as Tokens.Image).text
    else if ('tokens' in t && t.tokens && t.tokens.length) s += inlineText(t.tokens)
    else if (t.type === 'escape' || t.type === 'text' || t.type === 'codespan') s += decodeEntities((t as Tokens.Text).text)
  }
  return s
}

/** Drops tags and the contents of script/style; the result is shown as text only. */
function stripTags(html: string): string {
  return decodeEntities(html.replace(/<(script|style)[\s\S]*?<\/\1\s*>/gi, '').replace(/<[^>]*>/g, ''))
}

function decodeEntities(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: '\u00a0' })[e] ?? _)
}
