import { Readability } from '@mozilla/readability'
import { parseHTML } from 'linkedom'
import { parseDate } from './dates'
import type { DecodedText } from './decode'
import { deriveTitle } from './title'
import type { ArticleMeta, ArticleWarning, ParsedArticle, TextBlock } from './types'

const BLOCK_SELECTOR = 'h1,h2,h3,h4,h5,h6,p,li,blockquote,pre,td,figcaption'

/**
 * Extracts the readable article from a saved web page with Mozilla Readability (the engine
 * behind Firefox Reader View) over linkedom, a DOM that never runs scripts or loads resources.
 * Only text leaves this function; the page's markup is never shown, so hostile HTML is inert.
 */
export function parseHtmlArticle(decoded: DecodedText, fileName: string): ParsedArticle {
  const warnings: ArticleWarning[] = []
  const { document } = parseHTML(decoded.text.includes('<html') ? decoded.text : `<!doctype html><html><head></head><body>${decoded.text}</body></html>`)
  const metaOf = (selector: string): string | undefined => document.querySelector(selector)?.getAttribute('content')?.trim() || undefined
  const pageTitle = metaOf('meta[property="og:title"]') ?? document.querySelector('title')?.textContent?.trim()
  const published =
    metaOf('meta[property="article:published_time"]') ??
    metaOf('meta[name="date"]') ??
    metaOf('meta[name="pubdate"]') ??
    document.querySelector('time[datetime]')?.getAttribute('datetime') ??
    undefined
  const siteName = metaOf('meta[property="og:site_name"]')
  const keywords = metaOf('meta[name="keywords"]') ?? metaOf('meta[property="article:section"]')
  if (document.querySelector('script, iframe, object, embed, form')) {
    warnings.push({ code: 'html-sanitised', message: 'Scripts, frames and forms in this web page were removed; only its text is shown.' })
  }
  for (const el of document.querySelectorAll('script, style, noscript, template, iframe, object, embed')) el.remove()

  // Readability mutates the document; it returns null for pages without an article-like body.
  const article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], { charThreshold: 200 }).parse()
  const root = article?.content ? parseHTML(`<!doctype html><html><body>${article.content}</body></html>`).document.body : document.body
  const builder = { text: '', blocks: [] as TextBlock[] }
  collectBlocks(root as unknown as ParentLike, builder)

  const meta: ArticleMeta = { title: '', titleSource: 'html', categories: [], extra: {} }
  const title = (article?.title || pageTitle || '').trim()
  if (title) meta.title = title
  else {
    const d = deriveTitle(builder.text, fileName)
    meta.title = d.title
    meta.titleSource = d.fromText ? 'derived' : 'file-name'
  }
  // Bylines come as printed ("By Jo Reporter"); the author field holds the name.
  if (article?.byline) meta.author = article.byline.trim().replace(/^by\s+/i, '')
  if (article?.siteName || siteName) meta.outlet = (article?.siteName || siteName)!.trim()
  const date = parseDate(article?.publishedTime ?? published ?? '')
  if (date) meta.date = date
  if (keywords)
    meta.categories = keywords
      .split(/[,;]/)
      .map((k) => k.trim())
      .filter(Boolean)
  return { format: 'html', meta, text: builder.text, blocks: builder.blocks, encoding: decoded.encoding, repairs: decoded.repairs, warnings }
}

interface NodeLike {
  nodeType: number
  textContent: string | null
  tagName?: string
  childNodes: ArrayLike<NodeLike>
  querySelector?(s: string): NodeLike | null
}
type ParentLike = NodeLike

/** Walks block elements in document order; text outside any block becomes its own paragraph. */
function collectBlocks(node: ParentLike, out: { text: string; blocks: TextBlock[] }): void {
  let loose = ''
  const flush = (): void => {
    add(out, 'p', loose)
    loose = ''
  }
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === 3) {
      loose += child.textContent ?? ''
      continue
    }
    if (child.nodeType !== 1) continue
    const tag = child.tagName!.toLowerCase()
    const isBlock = BLOCK_SELECTOR.split(',').includes(tag)
    const hasInnerBlock = isBlock && tag !== 'p' && child.querySelector?.(BLOCK_SELECTOR)
    if (isBlock && !hasInnerBlock) {
      flush()
      const kind: TextBlock['kind'] = /^h\d$/.test(tag) ? 'h' : tag === 'li' ? 'li' : tag === 'blockquote' ? 'quote' : 'p'
      add(out, kind, child.textContent ?? '', kind === 'h' ? Number(tag[1]) : undefined)
    } else if (child.querySelector?.(BLOCK_SELECTOR)) {
      flush()
      collectBlocks(child, out)
    } else if (tag === 'br') {
      flush()
    } else {
      loose += child.textContent ?? ''
    }
  }
  flush()
}

function add(out: { text: string; blocks: TextBlock[] }, kind: TextBlock['kind'], raw: string, level?: number): void {
  const clean = raw.replace(/\s+/g, ' ').trim()
  if (!clean) return
  if (out.text) out.text += '\n\n'
  const start = out.text.length
  out.text += clean
  out.blocks.push({ kind, start, end: out.text.length, ...(level ? { level } : {}) })
}
