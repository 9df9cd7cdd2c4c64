/**
 * The search box's language, parsed into a tree the index can answer:
 *   sovereignty security          both words (prefix matching on the last word as you type)
 *   "strategic partnership"       an exact phrase
 *   Xi OR Putin                   either
 *   -Ukraine                      not this word (or -"phrase")
 *   title:summit  author:smith  outlet:"south china"  tag:Sovereignty
 *   after:2024-01-01  before:2024-12-31  date:2024-05 (a year, month or day)
 * Words are folded as the index folds them: case, accents, and the hyphen of a compound
 * ("co-operation" is looked up as both "co operation" and "cooperation").
 */

export type QueryField = 'title' | 'author' | 'outlet'

export interface QueryWord {
  /** Lower-cased, accents kept (the index removes them itself). */
  word: string
  /** Typed without a following space: also matches longer words ("Blago" → "Blagoveshchensk"). */
  prefix: boolean
}

export type QueryNode =
  | { kind: 'word'; word: QueryWord; field?: QueryField }
  /** `text` is the phrase as typed (punctuation kept), for the exact check. */
  | { kind: 'phrase'; words: string[]; field?: QueryField; text?: string }
  | { kind: 'or'; items: QueryNode[] }

export interface ParsedSearch {
  /** Every clause must match. */
  all: QueryNode[]
  /** No clause may match. */
  none: QueryNode[]
  /** Tag names (the app resolves them to articles). */
  tags: string[]
  /** Inclusive ISO date bounds (`YYYY`, `YYYY-MM` or `YYYY-MM-DD` prefixes are widened). */
  after?: string
  before?: string
}

/** Words of a piece of query text as the index tokenises them (letters and digits; hyphens split). */
export function queryWords(text: string): string[] {
  return [
    ...text
      .normalize('NFKC')
      .toLowerCase()
      .matchAll(/[\p{L}\p{N}]+/gu),
  ].map((m) => m[0])
}

const TOKEN = /(-?)(?:(\w+):)?(?:"([^"]*)"?|(\S+))/gu
const FIELDS = new Set(['title', 'author', 'outlet'])

/**
 * Parses what the researcher typed; never throws (unknown syntax is searched as words). A query
 * still being typed (`asYouType`) matches its last word as a prefix until a space follows it; a
 * query given whole (an API client, the CLI) means its words as written.
 */
export function parseSearch(q: string, { asYouType = false } = {}): ParsedSearch {
  const out: ParsedSearch = { all: [], none: [], tags: [] }
  const trimmedEnd = asYouType && q.length > 0 && !/\s$/.test(q)
  const tokens = [...q.matchAll(TOKEN)]
  let pendingOr = false
  tokens.forEach((m, i) => {
    const [, minus, rawField, quoted, bare] = m
    const field = rawField?.toLowerCase()
    const isLast = i === tokens.length - 1
    if (bare === 'OR' && !minus && !field) {
      pendingOr = out.all.length > 0
      return
    }
    const value = quoted ?? bare ?? ''
    if (field === 'tag') return void (value.trim() && out.tags.push(value.trim()))
    if (field === 'after' || field === 'before' || field === 'date') {
      const range = dateRange(value)
      if (range) {
        if (field !== 'before') out.after = range[0]
        if (field !== 'after') out.before = range[1]
        return
      }
    }
    const known = field && FIELDS.has(field) ? (field as QueryField) : undefined
    // An unknown "field:" is part of the text (a time like 10:30, a URL).
    const text = field && !known ? `${rawField}:${value}` : value
    const node = nodeOf(text, quoted !== undefined, known, isLast && trimmedEnd && quoted === undefined)
    if (!node) return
    if (minus) return void out.none.push(node)
    const previous = out.all[out.all.length - 1]
    if (pendingOr && previous) out.all[out.all.length - 1] = { kind: 'or', items: [...(previous.kind === 'or' ? previous.items : [previous]), node] }
    else out.all.push(node)
    pendingOr = false
  })
  return out
}

function nodeOf(text: string, quoted: boolean, field: QueryField | undefined, typing: boolean): QueryNode | undefined {
  const words = queryWords(text)
  if (words.length === 0) return undefined
  // A quoted phrase, or a compound typed with hyphens ("co-operation"): the words in order.
  if (quoted || words.length > 1) return { kind: 'phrase', words, field, text: text.trim() }
  // Two letters would expand to thousands of index terms; from three, a prefix narrows well.
  return { kind: 'word', word: { word: words[0]!, prefix: typing && words[0]!.length >= 3 }, field }
}

/** `2024` → [2024-01-01, 2024-12-31]; `2024-05` → the month; `2024-05-09` → that day. */
function dateRange(value: string): [string, string] | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value.trim())
  if (!m) return undefined
  const [, y, mo, d] = m
  if (d) return [`${y}-${mo}-${d}`, `${y}-${mo}-${d}`]
  if (mo) return [`${y}-${mo}-01`, `${y}-${mo}-31`]
  return [`${y}-01-01`, `${y}-12-31`]
}

/** A word or phrase a snippet marks. */
export interface WantedTerm {
  words: string[]
  /** The last word is being typed: longer words match it. */
  prefix: boolean
  /** For a phrase, what was typed between its words ("." and ". " in "U.S. sanctions"), whitespace collapsed. */
  gaps?: string[]
}

/** What was typed between the words of a phrase, whitespace collapsed. */
const gapsOf = (text: string): string[] =>
  text
    .normalize('NFKC')
    .split(/[\p{L}\p{N}]+/u)
    .slice(1, -1)
    .map((g) => g.replace(/\s+/gu, ' '))

/** Every word and phrase the query looks for (for marking snippets), exclusions left out. */
export function wantedTerms(parsed: ParsedSearch): WantedTerm[] {
  const out: WantedTerm[] = []
  const visit = (n: QueryNode): void => {
    if (n.kind === 'or') n.items.forEach(visit)
    else if (n.kind === 'word') out.push({ words: [n.word.word], prefix: n.word.prefix })
    else out.push({ words: n.words, prefix: false, gaps: n.text === undefined ? undefined : gapsOf(n.text) })
  }
  parsed.all.forEach(visit)
  return out
}

/**
 * Spelling variants of an English word that news outlets spell both ways (British and
 * American): organisation/organization, defence/defense, centre/center, colour/color,
 * analyse/analyze, dialogue/dialog. Searched together, so either spelling finds both.
 */
export function spellingVariants(word: string): string[] {
  const out = new Set<string>([word])
  const swaps: Array<[RegExp, string]> = [
    [/is(ation|ations|e|es|ed|ing)$/, 'iz$1'],
    [/iz(ation|ations|e|es|ed|ing)$/, 'is$1'],
    [/ys(e|es|ed|ing)$/, 'yz$1'],
    [/yz(e|es|ed|ing)$/, 'ys$1'],
    [/ence$/, 'ense'],
    [/ense$/, 'ence'],
    [/([^aeiou])our(s|ed|ing|ite|ites|able)?$/, '$1or$2'],
    [/([^aeiou])or(s|ed|ing|ite|ites|able)?$/, '$1our$2'],
    [/([^aeiou])re(s|d)?$/, '$1er$2'],
    [/([^aeiou])er(s)?$/, '$1re$2'],
    [/ogue(s)?$/, 'og$1'],
    [/og(s)?$/, 'ogue$1'],
  ]
  // Short words ("rise", "or", "her") have no such variants worth the noise.
  if (word.length >= 6) for (const [from, to] of swaps) if (from.test(word)) out.add(word.replace(from, to))
  return [...out]
}

/** Lower case without accents ("Zürich" → "zurich"), as the index folds words; ASCII only lower-cased. */
export const fold = (s: string): string =>
  /^[\x00-\x7f]*$/.test(s)
    ? s.toLowerCase()
    : s
        .normalize('NFD')
        .replace(/\p{M}+/gu, '')
        .toLowerCase()
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** What may separate the words of a phrase as a reader counts it: spaces or a hyphen (a character class body). */
export const PHRASE_GAP_CHARS = '\\s\\-\u2010\u2011'

/** The phrases the exact check decides (a field's phrase is left to the index). */
const checkedPhrases = (parsed: ParsedSearch): Array<Extract<QueryNode, { kind: 'phrase' }>> => parsed.all.filter((n): n is Extract<QueryNode, { kind: 'phrase' }> => n.kind === 'phrase' && !n.field)

/**
 * The exact check for the query's phrases, as a reader (or `grep -iF`) would count them: the
 * words in order, separated by spaces or a hyphen (or joined: "co-operation" = "cooperation"),
 * case and accents ignored, in the title or the text. The index finds phrases by word
 * positions, which also matches across punctuation ("of the. Summit"); this decides.
 * Undefined when the query has no phrase to check.
 */
export function phraseCheck(parsed: ParsedSearch): ((title: string, body: string) => boolean) | undefined {
  const phrases = checkedPhrases(parsed)
  if (phrases.length === 0) return undefined
  const gap = `(?:[${PHRASE_GAP_CHARS}]+|)`
  const patterns = phrases.map(
    (p) =>
      new RegExp(
        fold(p.text ?? p.words.join(' '))
          .split(new RegExp(`[${PHRASE_GAP_CHARS}]+`, 'u'))
          .filter(Boolean)
          .map(escape)
          .join(gap),
        'u',
      ),
  )
  return (title, body) => {
    const text = `${fold(title)}\n${fold(body)}`
    return patterns.every((re) => re.test(text))
  }
}

/** The exact phrase check, with the literal texts that settle it quickly (see phraseFilter). */
export interface PhraseFilter {
  /** Each phrase as typed, spaces collapsed, A–Z lower-cased: a text holding every one of these passes. */
  literals: string[]
  /** The full check, for texts that do not hold the literals as typed (other spacing, accents, case beyond ASCII). */
  passes: (title: string, body: string) => boolean
}

/**
 * The query's phrase check in two steps: most texts that pass hold the phrase exactly as typed,
 * which the index can test without handing the text over; only the rest need `phraseCheck`.
 */
export function phraseFilter(parsed: ParsedSearch): PhraseFilter | undefined {
  const passes = phraseCheck(parsed)
  if (!passes) return undefined
  const literals = checkedPhrases(parsed).map((p) =>
    (p.text ?? p.words.join(' '))
      .trim()
      .replace(/\s+/g, ' ')
      .replace(/[A-Z]/g, (c) => c.toLowerCase()),
  )
  return { literals, passes }
}

/** The query with field filters dropped (`title:x` searches x): for indexes without those fields. */
export function withoutFields(parsed: ParsedSearch): ParsedSearch {
  const strip = (n: QueryNode): QueryNode => (n.kind === 'or' ? { ...n, items: n.items.map(strip) } : { ...n, field: undefined })
  return { ...parsed, all: parsed.all.map(strip), none: parsed.none.map(strip) }
}
