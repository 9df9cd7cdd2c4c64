/**
 * Sentences glued together by a lost space ("transformations.The economic…"), as scraped or
 * pasted text often has. A sentence end (. ! ? with an optional closing quote or bracket) after
 * a word of two or more lower-case letters, directly followed by a capitalised word, gets its
 * space back. Never inside abbreviations and initials ("U.S.", "e.g.", "Mr.Smith" keeps its
 * title), decimals ("3.5"), domain names or URLs ("example.com", "www.Example.org").
 */
/** Sentence ends: found by a plain search, then each one checked (a Unicode regex over every letter cost a third of a file's parse). */
const END = /[.!?]/g
const CLOSERS = new Set(['"', '”', '’', ')', ']'])
const LOWER = /^\p{Ll}$/u
const UPPER = /^\p{Lu}$/u
const LETTER = /^[\p{Ll}\p{Lu}]$/u
const LOWER_OR_DIGIT = /^[\p{Ll}\d]$/u
const TITLES = new Set(['mr', 'mrs', 'ms', 'dr', 'st', 'prof', 'gen', 'col', 'sen', 'rep', 'gov', 'lt', 'sgt', 'capt', 'jr', 'sr', 'vs', 'etc', 'no', 'vol', 'fig'])
/** Second-level names that follow a dot in a host name, not a new sentence. */
const DOMAIN_TAIL = /^(?:Com|Org|Net|Gov|Edu|Int|Info|Io|Co)\b/

export function separateGluedSentences(text: string): { text: string; count: number } {
  const cuts: number[] = []
  for (const m of text.matchAll(END)) {
    const dot = m.index
    // A capitalised word right after the sentence end (and its closing quote or bracket, if any).
    let next = dot + 1
    if (CLOSERS.has(text[next]!)) next++
    if (!UPPER.test(text[next] ?? '') || !LETTER.test(text[next + 1] ?? '')) continue
    // The word before it: two or more lower-case letters, or a percentage ("5%").
    let wordStart = dot
    if (text[dot - 1] === '%' && LOWER_OR_DIGIT.test(text[dot - 2] ?? '')) wordStart = dot - 2
    else {
      while (wordStart > 0 && LOWER.test(text[wordStart - 1]!)) wordStart--
      if (dot - wordStart < 2) continue
    }
    // The whole token the dot sits in: URLs, e-mail addresses and host names stay as they are.
    const token = text.slice(text.lastIndexOf(' ', wordStart) + 1, dot)
    if (/[/@:]|www$|^www\./i.test(token) || token.includes('.')) continue
    if (TITLES.has(text.slice(wordStart, dot).toLowerCase())) continue
    if (DOMAIN_TAIL.test(text.slice(next))) continue
    cuts.push(next)
  }
  if (cuts.length === 0) return { text, count: 0 }
  let out = ''
  let from = 0
  for (const at of cuts) {
    out += `${text.slice(from, at)} `
    from = at
  }
  return { text: out + text.slice(from), count: cuts.length }
}
