import { parseDate } from './dates'
import type { ArticleMeta, ArticleWarning } from './types'

/**
 * The metadata header used by the news-scraping tools researchers feed Parallax:
 *   Published Time: 2022-06-15
 *   Title: …
 *   Category 1: CHINA; Category 2: DIPLOMACY
 *   Author: Global Times
 *   Text: <body starts here or on the next line>
 * Keys are case-insensitive and in any order; unknown keys are kept as extra metadata.
 */
export interface HeaderResult {
  meta: Partial<ArticleMeta> & { categories: string[]; extra: Record<string, string> }
  /** Offset in the text where the body begins (0 when there is no header). */
  bodyStart: number
  hasHeader: boolean
  /** True when a `Text:` key ended the header (the body may still be empty). */
  explicitBody: boolean
  warnings: ArticleWarning[]
}

const KNOWN_KEYS = new Set([
  'published time',
  'published',
  'date',
  'title',
  'author',
  'authors',
  'byline',
  'outlet',
  'source',
  'publisher',
  'publication',
  'text',
  'url',
  'link',
  'category',
  'categories',
  'tags',
])
const KEY_VALUE = /^\s*([A-Za-z][A-Za-z0-9 _-]{0,40}?)\s*:\s?(.*)$/

/** Splits a header line into key/value pairs: `Category 1: X; Category 2: Y` has two. */
function pairsOfLine(line: string): Array<[string, string]> | undefined {
  const first = KEY_VALUE.exec(line)
  if (!first) return undefined
  const parts = line.split(/;\s*(?=[A-Za-z][A-Za-z0-9 _-]{0,40}:)/)
  const pairs: Array<[string, string]> = []
  for (const part of parts) {
    const m = KEY_VALUE.exec(part)
    if (!m) return undefined
    // KEY_VALUE has two capture groups, both always set when it matches.
    pairs.push([m[1]!.trim().toLowerCase(), m[2]!.trim()])
  }
  return pairs
}

function isKnown(key: string): boolean {
  return KNOWN_KEYS.has(key) || /^category \d+$/.test(key)
}

export function parseHeader(text: string): HeaderResult {
  const meta: HeaderResult['meta'] = { categories: [], extra: {} }
  const warnings: ArticleWarning[] = []
  const none: HeaderResult = { meta, bodyStart: 0, hasHeader: false, explicitBody: false, warnings }

  let offset = 0
  // Skip leading blank lines before deciding whether a header is present.
  while (text.startsWith('\n', offset)) offset++
  const firstLineEnd = text.indexOf('\n', offset)
  const firstPairs = pairsOfLine(text.slice(offset, firstLineEnd < 0 ? undefined : firstLineEnd))
  if (!firstPairs || !firstPairs.some(([k]) => isKnown(k))) return none

  let knownSeen = 0
  while (offset < text.length) {
    const end = text.indexOf('\n', offset)
    const lineEnd = end < 0 ? text.length : end
    const line = text.slice(offset, lineEnd)
    const next = end < 0 ? text.length : end + 1
    const textKey = /^\s*text\s*:\s?/i.exec(line)
    if (textKey) {
      const inline = line.slice(textKey[0].length)
      const bodyStart = inline.trim() ? offset + textKey[0].length : next
      return finish(meta, warnings, bodyStart, true)
    }
    const pairs = line.trim() === '' ? undefined : pairsOfLine(line)
    if (!pairs) {
      // A header without `Text:` ends at the first line that is not `Key: value`;
      // a blank line right after the header is not part of the body.
      if (knownSeen === 0) return none
      return finish(meta, warnings, line.trim() === '' ? next : offset, false)
    }
    for (const [key, value] of pairs) {
      if (isKnown(key)) knownSeen++
      applyPair(meta, warnings, key, value)
    }
    offset = next
  }
  return finish(meta, warnings, text.length, false)
}

function finish(meta: HeaderResult['meta'], warnings: ArticleWarning[], bodyStart: number, explicitBody: boolean): HeaderResult {
  return { meta, bodyStart, hasHeader: true, explicitBody, warnings }
}

/** Placeholder values scrapers write instead of leaving a field empty. */
const PLACEHOLDER = /^(n\/?a|none|null|unknown|-|author details not found)$/i

function applyPair(meta: HeaderResult['meta'], warnings: ArticleWarning[], key: string, value: string): void {
  if (PLACEHOLDER.test(value) || value === '') {
    if (!isKnown(key)) meta.extra[key] = value
    return
  }
  switch (key) {
    case 'title':
      meta.title = value
      return
    case 'published time':
    case 'published':
    case 'date': {
      const date = parseDate(value)
      if (date) meta.date = date
      else {
        meta.extra[key] = value
        warnings.push({ code: 'bad-date', message: `The date "${value}" could not be read; set it in the article's details.` })
      }
      return
    }
    case 'author':
    case 'authors':
    case 'byline':
      meta.author = value
      return
    case 'outlet':
    case 'source':
    case 'publisher':
    case 'publication':
      meta.outlet = value
      return
    case 'category':
    case 'categories':
    case 'tags':
      for (const c of value.split(/[,;]/)) addCategory(meta.categories, c)
      return
    default:
      if (/^category \d+$/.test(key)) addCategory(meta.categories, value)
      else meta.extra[key] = value
  }
}

function addCategory(categories: string[], raw: string): void {
  const name = raw.trim()
  if (name && !categories.some((c) => c.toLowerCase() === name.toLowerCase())) categories.push(name)
}
