/**
 * Sentences glued together by a lost space ("transformations.The economic…"), as scraped or
 * pasted text often has. A sentence end (. ! ? with an optional closing quote or bracket) after
 * a word of two or more lower-case letters, directly followed by a capitalised word, gets its
 * space back. Never inside abbreviations and initials ("U.S.", "e.g.", "Mr.Smith" keeps its
 * title), decimals ("3.5"), domain names or URLs ("example.com", "www.Example.org").
 */
const GLUED = /([\p{Ll}]{2,}|[\p{Ll}\d]%)([.!?]["”’)\]]?)(\p{Lu}[\p{Ll}\p{Lu}])/gu
const TITLES = new Set(['mr', 'mrs', 'ms', 'dr', 'st', 'prof', 'gen', 'col', 'sen', 'rep', 'gov', 'lt', 'sgt', 'capt', 'jr', 'sr', 'vs', 'etc', 'no', 'vol', 'fig'])
/** Second-level names that follow a dot in a host name, not a new sentence. */
const DOMAIN_TAIL = /^(?:Com|Org|Net|Gov|Edu|Int|Info|Io|Co)\b/

export function separateGluedSentences(text: string): { text: string; count: number } {
  let count = 0
  const out = text.replace(GLUED, (match: string, word: string, end: string, next: string, offset: number, whole: string) => {
    // The whole token the dot sits in: URLs, e-mail addresses and host names stay as they are.
    const tokenStart = whole.lastIndexOf(' ', offset) + 1
    const token = whole.slice(tokenStart, offset + word.length)
    if (/[/@:]|www$|^www\./i.test(token) || token.includes('.')) return match
    if (TITLES.has(word.toLowerCase())) return match
    if (DOMAIN_TAIL.test(whole.slice(offset + word.length + end.length))) return match
    count++
    return `${word}${end} ${next}`
  })
  return { text: out, count }
}
