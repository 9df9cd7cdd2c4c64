import { spellingVariants, wantedTerms, type ParsedSearch, type QueryField, type QueryNode, type WantedTerm } from './query'

/**
 * What the index knows about its own words, for folding a query onto them: the answers come
 * from the index's vocabulary and postings, never from a scan of the texts.
 */
export interface Lexicon {
  /** Whether an FTS5 expression matches any article. */
  matchesAny(match: string): boolean
  /** Splits of a compound written both ways ("cooperation" → ["co", "operation"]) found in the index. */
  splitsOf(word: string): string[][]
  /** Index terms within a small edit distance of a word no article contains (typos). */
  correctionsOf(word: string): string[]
  /** Index terms (stems) that a word typed past its stem begins with ("organizati" → "organ"). */
  stemsWithin(prefix: string): string[]
  /** The index term a word becomes through the index's own tokenizer ("security" → "secur"). */
  termOf(word: string): string
}

const quoted = (words: string[]): string => `"${words.join(' ')}"`
const anyOf = (alternatives: string[]): string => (alternatives.length === 1 ? alternatives[0]! : `(${alternatives.join(' OR ')})`)
const inField = (field: QueryField | undefined, expr: string): string => (field ? `${field} : ${expr.startsWith('(') ? expr : `(${expr})`}` : expr)

/** What a query asked the index besides its own words, for snippets to mark. */
interface Asked {
  /** Index terms put in for typed words no article contains (typo corrections). */
  corrections: string[]
  /** Compounds typed as one word and asked as two ("cooperation" → "co operation"). */
  splits: string[][]
}

/** A word with its spelling variants, compound splits and (when nothing matches) typo corrections. */
function wordAlternatives(word: string, prefix: boolean, lexicon: Lexicon, asked: Asked): string[] {
  const out = new Set<string>()
  // A word being typed is asked as a prefix, which holds the word itself (FTS5 stems a prefix as
  // it stems a word): asking for both would read the same postings twice.
  for (const v of spellingVariants(word)) if (!prefix || v !== word) out.add(quoted([v]))
  for (const parts of lexicon.splitsOf(word)) {
    out.add(quoted(parts))
    asked.splits.push(parts)
  }
  if (prefix) {
    out.add(`${quoted([word])}*`)
    const own = lexicon.termOf(word)
    for (const stem of lexicon.stemsWithin(word)) if (!stem.startsWith(own)) out.add(quoted([stem]))
  }
  if (word.length >= 5 && !lexicon.matchesAny(anyOf([...out])))
    for (const c of lexicon.correctionsOf(word)) {
      out.add(quoted([c]))
      asked.corrections.push(c)
    }
  return [...out]
}

/** A phrase as typed, with compounds joined ("co operation" → "cooperation") or split where the index has them so. */
function phraseAlternatives(words: string[], lexicon: Lexicon): string[] {
  const out = new Set<string>([quoted(words)])
  if (words.length <= 8) {
    const joined: string[] = []
    for (let i = 0; i < words.length; i++) {
      const next = words[i + 1]
      if (next !== undefined && lexicon.matchesAny(quoted([words[i]! + next]))) {
        joined.push(words[i]! + next)
        i++
      } else joined.push(words[i]!)
    }
    out.add(quoted(joined))
    out.add(quoted(words.flatMap((w) => lexicon.splitsOf(w)[0] ?? [w])))
  }
  return [...out]
}

function nodeExpr(node: QueryNode, lexicon: Lexicon, asked: Asked): string {
  if (node.kind === 'or') return `(${node.items.map((n) => nodeExpr(n, lexicon, asked)).join(' OR ')})`
  const alternatives = node.kind === 'word' ? wordAlternatives(node.word.word, node.word.prefix, lexicon, asked) : phraseAlternatives(node.words, lexicon)
  return inField(node.field, anyOf(alternatives))
}

/**
 * The FTS5 MATCH expression of a parsed query, or undefined when it has no words (only
 * filters). Exclusions are returned apart: FTS5 cannot answer "NOT x" alone.
 */
export function toFtsMatch(
  parsed: ParsedSearch,
  lexicon: Lexicon,
): {
  match?: string
  exclude?: string
  /** What a snippet marks: the words and phrases asked, as the index was asked them (corrections, and compounds typed apart or together, included). */
  wanted: WantedTerm[]
} {
  const clauses: string[] = []
  const asked: Asked = { corrections: [], splits: [] }
  const joined: Array<[string, string]> = []
  const all = parsed.all
  for (let i = 0; i < all.length; i++) {
    const node = all[i]!
    const next = all[i + 1]
    // Two words typed apart that the index has as one ("co operation" → "cooperation").
    if (node.kind === 'word' && next?.kind === 'word' && !node.field && !next.field && lexicon.matchesAny(quoted([node.word.word + next.word.word]))) {
      clauses.push(`((${nodeExpr(node, lexicon, asked)} AND ${nodeExpr(next, lexicon, asked)}) OR ${quoted([node.word.word + next.word.word])})`)
      joined.push([node.word.word, next.word.word])
      i++
      continue
    }
    clauses.push(nodeExpr(node, lexicon, asked))
  }
  const none = parsed.none.map((n) => nodeExpr(n, lexicon, { corrections: [], splits: [] }))
  // Two words the index also has as one are marked as that one word, or as the pair, besides one by one.
  const wanted = [
    ...wantedTerms(parsed),
    ...joined.flatMap(([a, b]) => [
      { words: [a, b], prefix: false },
      { words: [a + b], prefix: false },
    ]),
    ...asked.corrections.map((c) => ({ words: [c], prefix: false })),
    ...asked.splits.map((parts) => ({ words: parts, prefix: false })),
  ]
  return { match: clauses.length ? clauses.join(' AND ') : undefined, exclude: none.length ? none.join(' OR ') : undefined, wanted }
}
