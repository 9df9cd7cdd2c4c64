/**
 * Sentences glued together by a lost space ("transformations.The economic…"), as scraped or
 * pasted text often has. A sentence end (. ! ? with an optional closing quote or bracket) after
 * a word of two or more lower-case letters, directly followed by a capitalised word, gets its
 * space back. Never inside abbreviations and initials ("U.S.", "e.g.", "Mr.Smith" keeps its
 * title), decimals ("3.5"), domain names or URLs ("example.com", "www.Example.org").
 */
// Anchored on the sentence end, with the word before it looked behind: the regex engine then
// only stops at punctuation (a leading lower-case run made it try every letter of every word).
const GLUED = /(?<=\p{Ll}{2}|[\p{Ll}\d]%)[.!?]["”’)\]]?(?=\p{Lu}[\p{Ll}\p{Lu}])/gu
const LOWER = /\p{Ll}/u
const TITLES = new Set(['mr', 'mrs', 'ms', 'dr', 'st', 'prof', 'gen', 'col', 'sen', 'rep', 'gov', 'lt', 'sgt', 'capt', 'jr', 'sr', 'vs', 'etc', 'no', 'vol', 'fig'])
/** Second-level names that follow a dot in a host name, not a new sentence. */
const DOMAIN_TAIL = /^(?:Com|Org|Net|Gov|Edu|Int|Info|Io|Co)\b/

export function separateGluedSentences(text: string): { text: string; count: number } {
  let count = 0
  const out = text.replace(GLUED, (end: string, offset: number, whole: string) => {
    // The word before the sentence end: its lower-case letters, or a percentage ("5%").
    let wordStart = offset
    if (whole[offset - 1] === '%') wordStart = offset - 2
    else while (wordStart > 0 && LOWER.test(whole[wordStart - 1]!)) wordStart--
    const word = whole.slice(wordStart, offset)
    // The whole token the dot sits in: URLs, e-mail addresses and host names stay as they are.
    const tokenStart = whole.lastIndexOf(' ', wordStart) + 1
    const token = whole.slice(tokenStart, offset)
    if (/[/@:]|www$|^www\./i.test(token) || token.includes('.')) return end
    if (TITLES.has(word.toLowerCase())) return end
    if (DOMAIN_TAIL.test(whole.slice(offset + end.length))) return end
    count++
    return `${end} `
  })
  return { text: out, count }
}
