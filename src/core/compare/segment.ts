import type { Span } from './types'

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' })

/**
 * The sentences of a text, with their offsets. Paragraphs are segmented one by one (a sentence
 * never runs across a paragraph break), with the Unicode sentence rules of `Intl.Segmenter`;
 * surrounding white space is trimmed off each span.
 */
export function sentencesOf(text: string): Span[] {
  const out: Span[] = []
  const paragraph = /[^\n]+/g
  for (let p = paragraph.exec(text); p; p = paragraph.exec(text)) {
    for (const { segment, index } of segmenter.segment(p[0])) {
      const lead = segment.length - segment.trimStart().length
      const body = segment.trim()
      if (!/[\p{L}\p{N}]/u.test(body)) continue
      const start = p.index + index + lead
      out.push({ start, end: start + body.length, text: body })
    }
  }
  return mergeAbbreviationBreaks(out, text)
}

/** "Mr" / "Dr" / single initials end no sentence: a break right after one is undone. */
function mergeAbbreviationBreaks(spans: Span[], text: string): Span[] {
  const out: Span[] = []
  for (const s of spans) {
    const prev = out[out.length - 1]
    if (prev && /(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Sen|Rep|Gov|No|Vol|vs)|\b\p{Lu})\.$/u.test(prev.text) && text.slice(prev.end, s.start).trim() === '') {
      out[out.length - 1] = { start: prev.start, end: s.end, text: text.slice(prev.start, s.end) }
    } else out.push(s)
  }
  return out
}
