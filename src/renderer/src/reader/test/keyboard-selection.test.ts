import { describe, expect, it } from 'vitest'
import { stepSelection, type Span } from '../keyboard-selection'

const text = 'Xi met Putin. They spoke of trade, e.g. grain. A third sentence follows.'
const show = (s: Span | undefined): string => (s ? text.slice(s.start, s.end) : '')

describe('stepSelection', () => {
  it('selects sentence by sentence from the first one in view, then back', () => {
    const first = stepSelection(text, undefined, 0, 'sentence.next')
    expect(show(first)).toBe('Xi met Putin.')
    const second = stepSelection(text, first, 0, 'sentence.next')
    expect(show(second)).toBe('They spoke of trade, e.g. grain.')
    expect(show(stepSelection(text, second, 0, 'sentence.previous'))).toBe('Xi met Putin.')
    expect(show(stepSelection(text, undefined, text.indexOf('A third'), 'sentence.next'))).toBe('A third sentence follows.')
  })

  it('grows and shrinks the selection by sentences and by words', () => {
    const first = stepSelection(text, undefined, 0, 'sentence.next')
    const two = stepSelection(text, first, 0, 'sentence.extend')
    expect(show(two)).toBe('Xi met Putin. They spoke of trade, e.g. grain.')
    expect(show(stepSelection(text, two, 0, 'sentence.shrink'))).toBe('Xi met Putin.')
    const word = stepSelection(text, first, 0, 'word.extend')
    expect(show(word)).toBe('Xi met Putin. They')
    expect(show(stepSelection(text, word, 0, 'word.shrink'))).toBe('Xi met Putin')
  })
})
