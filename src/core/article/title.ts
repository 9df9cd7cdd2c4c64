import { splitSentences } from './sentences'

const MAX_TITLE = 100

/**
 * Derives a readable title for an article without one: its first sentence, with a
 * newspaper-style all-caps opening word ("CHINESE President…") put in normal case, cut at a
 * word boundary near 90 characters. Falls back to the file name without its hash-like parts.
 */
export function deriveTitle(text: string, fileName: string): { title: string; fromText: boolean } {
  const first = splitSentences(text.slice(0, 2000))[0]
  if (first) {
    let sentence = text.slice(first.start, first.end).replace(/\s+/g, ' ').trim()
    sentence = sentence.replace(/^([A-Z]{2,})(?=\s)/, (w) => w[0] + w.slice(1).toLowerCase())
    sentence = sentence.replace(/[.!?]$/, '')
    if (sentence.length > MAX_TITLE) {
      const cut = sentence.lastIndexOf(' ', MAX_TITLE)
      sentence = sentence.slice(0, cut > 40 ? cut : MAX_TITLE).replace(/[,;:]$/, '')
      // Do not end on a dangling function word ("…held a video summit on…").
      sentence = sentence.replace(/(\s+(a|an|the|of|on|in|to|for|and|or|with|by|at|from|as|that|his|her|their|its))+$/i, '') + '…'
    }
    if (sentence.length >= 3) return { title: sentence, fromText: true }
  }
  return { title: titleFromFileName(fileName), fromText: false }
}

/** "000_92639f20422bd322.txt" → "000"; "my-report_v2.md" → "my report v2". */
export function titleFromFileName(fileName: string): string {
  const base = fileName.replace(/\.[^.]+$/, '')
  const words = base.split(/[_\-\s.]+/).filter((w) => w && !/^[0-9a-f]{12,}$/i.test(w))
  return words.join(' ') || base || 'Untitled'
}
