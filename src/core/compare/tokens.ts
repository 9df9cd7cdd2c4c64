import { stem } from 'porter2'
import { eng } from 'stopword'

const STOP_WORDS = new Set(eng)
const WORD = /[\p{L}\p{N}]+(?:[-'’.][\p{L}\p{N}]+)*/gu

/**
 * The words of a text, lower-cased, NFKC-normalised, hyphens and inner dots dropped
 * ("co-operation" → "cooperation", "U.S." → "us"), possessive 's removed.
 */
export function wordsOf(text: string): string[] {
  const out: string[] = []
  for (const m of text.normalize('NFKC').toLowerCase().matchAll(WORD)) {
    const w = m[0].replace(/['’]s$/, '').replace(/[-.'’]/g, '')
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

/** Content words reduced to their Porter2 stems: what similarity compares. */
export function termsOf(text: string): string[] {
  return contentWordsOf(text).map((w) => (/^\d/.test(w) ? w : stem(w)))
}
