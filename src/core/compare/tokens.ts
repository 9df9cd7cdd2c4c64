import { stem } from 'porter2'
import { eng } from 'stopword'

const STOP_WORDS = new Set(eng)
/** A word with inner punctuation, which wordsOf folds (most words have none). */
const PUNCTUATED = /[-.'’]/
const WORD = /[\p{L}\p{N}]+(?:[-'’.][\p{L}\p{N}]+)*/gu

/**
 * The words of a text, lower-cased, NFKC-normalised, hyphens and inner dots dropped
 * ("co-operation" → "cooperation", "U.S." → "us"), possessive 's removed.
 */
export function wordsOf(text: string): string[] {
  const out: string[] = []
  for (const m of text.normalize('NFKC').toLowerCase().matchAll(WORD)) {
    const w = PUNCTUATED.test(m[0]) ? m[0].replace(/['’]s$/, '').replace(/[-.'’]/g, '') : m[0]
    if (w) out.push(w)
  }
  return out
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word)
}

/** Content words: not a stop word, and a number or at least two letters. */
export function contentWordsOf(text: string): string[] {
  return wordsOf(text).filter((w) => !STOP_WORDS.has(w) && (w.length > 1 || /\d/.test(w)))
}

/** Stems of words already seen: a report repeats its vocabulary, and stemming is the costly step. */
const stems = new Map<string, string>()
const STEM_CACHE_LIMIT = 100_000

/** A content word's Porter2 stem (numbers are kept as they are). */
export function stemOf(word: string): string {
  let s = stems.get(word)
  if (s === undefined) {
    if (stems.size >= STEM_CACHE_LIMIT) stems.clear()
    stems.set(word, (s = /^\d/.test(word) ? word : stem(word)))
  }
  return s
}

/** Content words reduced to their Porter2 stems: what similarity compares. */
export function termsOf(text: string): string[] {
  return contentWordsOf(text).map(stemOf)
}
