import { describe, expect, it } from 'vitest'
import { overlapSegments } from '../overlaps'

const p = (start: number, end: number) => ({ start, end })

describe('overlapSegments', () => {
  it('finds where two or more passages cover the same text', () => {
    expect(overlapSegments([p(0, 10), p(5, 15)])).toEqual([[5, 10]])
    expect(overlapSegments([p(0, 30), p(5, 10), p(20, 25)])).toEqual([
      [5, 10],
      [20, 25],
    ])
  })

  it('treats a triple overlap as one stretch and ignores passages that only touch', () => {
    expect(overlapSegments([p(0, 20), p(5, 15), p(8, 30)])).toEqual([[5, 20]])
    expect(overlapSegments([p(0, 10), p(10, 20)])).toEqual([])
    expect(overlapSegments([p(3, 9), p(3, 9)])).toEqual([[3, 9]])
    expect(overlapSegments([])).toEqual([])
  })
})
