import { lineBlocks } from './blocks'
import type { DecodedText } from './decode'
import { parseHeader } from './header'
import { deriveTitle } from './title'
import type { ArticleWarning, ParsedArticle } from './types'

/** Parses a decoded `.txt` article: optional metadata header, then one paragraph per line. */
export function parseTextArticle(decoded: DecodedText, fileName: string): ParsedArticle {
  const header = parseHeader(decoded.text)
  const text = decoded.text.slice(header.bodyStart)
  const warnings: ArticleWarning[] = [...header.warnings]
  if (header.hasHeader && text.trim() === '') {
    warnings.push({ code: 'header-only', message: 'This file has a metadata header but no article text after it.' })
  }
  const derived = header.meta.title ? undefined : deriveTitle(text, fileName)
  return {
    format: 'text',
    meta: {
      ...header.meta,
      title: header.meta.title ?? derived!.title,
      titleSource: header.meta.title ? 'header' : derived!.fromText ? 'derived' : 'file-name',
    },
    text,
    blocks: lineBlocks(text),
    encoding: decoded.encoding,
    repairs: decoded.repairs,
    warnings,
  }
}
