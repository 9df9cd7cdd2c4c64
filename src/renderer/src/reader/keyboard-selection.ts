import { sentencesOf } from '@core/compare/segment'

export interface Span {
  start: number
  end: number
}

/** How the keyboard moves or grows the selection in the reader. */
export type SelectionStep = 'sentence.next' | 'sentence.previous' | 'sentence.extend' | 'sentence.shrink' | 'word.extend' | 'word.shrink'

const WORD = /[\p{L}\p{N}]+(?:[-‐‑'’.][\p{L}\p{N}]+)*/gu

const sentenceCache = new Map<string, Span[]>()
function sentences(text: string): Span[] {
  let s = sentenceCache.get(text)
  if (!s) {
    if (sentenceCache.size > 8) sentenceCache.clear()
    sentenceCache.set(text, (s = sentencesOf(text).map(({ start, end }) => ({ start, end }))))
  }
  return s
}
const words = (text: string): Span[] => [...text.matchAll(WORD)].map((m) => ({ start: m.index, end: m.index + m[0].length }))

/**
 * The selection after a keyboard step, so a reader who does not use a mouse can select exactly
 * what to highlight: a sentence at a time (starting from the first one in view), then grown or
 * shrunk by sentences or words. `from` is where "next" starts without a selection.
 */
export function stepSelection(text: string, current: Span | undefined, from: number, step: SelectionStep): Span | undefined {
  const all = sentences(text)
  switch (step) {
    case 'sentence.next': {
      const after = current ? current.end : from
      return all.find((s) => (current ? s.start >= after : s.end > after)) ?? (current ? current : all[all.length - 1])
    }
    case 'sentence.previous': {
      const before = current ? current.start : from
      return [...all].reverse().find((s) => s.end <= before) ?? all[0]
    }
    case 'sentence.extend': {
      if (!current) return stepSelection(text, current, from, 'sentence.next')
      const next = all.find((s) => s.end > current.end)
      return next ? { start: current.start, end: next.end } : current
    }
    case 'sentence.shrink': {
      if (!current) return undefined
      const last = [...all].reverse().find((s) => s.end < current.end && s.end > current.start)
      return last ? { start: current.start, end: last.end } : current
    }
    case 'word.extend': {
      if (!current) return words(text).find((w) => w.end > from)
      const next = words(text).find((w) => w.end > current.end)
      return next ? { start: current.start, end: next.end } : current
    }
    case 'word.shrink': {
      if (!current) return undefined
      const last = [...words(text)].reverse().find((w) => w.end < current.end && w.end > current.start)
      return last ? { start: current.start, end: last.end } : current
    }
  }
}
