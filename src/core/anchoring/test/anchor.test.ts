import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseArticle } from '../../article/parse'
import { anchorPassage, describePassage } from '../anchor'

// Real text: the phone-call report's body. Each case edits it the way an updated article changes.
const outcome = await parseArticle(new Uint8Array(readFileSync(join(__dirname, '../../../../resources/sample-library/000_92639f20422bd322.txt'))), 'a.txt')
if (!outcome.readable) throw new Error('sample unreadable')
const TEXT = outcome.article.text
const QUOTE = "Putin hailed China's remarkable developments and achievements"
const START = TEXT.indexOf(QUOTE)
const target = describePassage('a', TEXT, 'h0', START, START + QUOTE.length)

describe('anchorPassage', () => {
  it('keeps an unchanged passage exact', () => {
    expect(anchorPassage(TEXT, target)).toEqual({ status: 'exact', start: START, end: START + QUOTE.length, score: 1 })
  })

  it('moves a passage when text is inserted before it', () => {
    const edited = "EDITOR'S NOTE: updated.\n" + TEXT
    const a = anchorPassage(edited, target)
    expect(a.status).toBe('moved')
    expect(edited.slice(a.start, a.end)).toBe(QUOTE)
  })

  it('stays exact when text is inserted after it', () => {
    expect(anchorPassage(TEXT + '\nCorrection appended.', target).status).toBe('exact')
  })

  it('finds a passage fuzzily when a word inside it changed', () => {
    const edited = TEXT.replace('remarkable developments', 'remarkable development')
    const a = anchorPassage(edited, target)
    expect(a.status).toBe('fuzzy')
    expect(edited.slice(a.start!, a.end!)).toContain('remarkable development')
    expect(a.start).toBeGreaterThan(START - 5)
  })

  it('finds a passage fuzzily after whitespace changes', () => {
    const edited = TEXT.replace("Putin hailed China's", "Putin  hailed\nChina's")
    const a = anchorPassage(edited, target)
    expect(a.status).toBe('fuzzy')
    expect(edited.slice(a.start!, a.end!)).toMatch(/^Putin\s+hailed\s+China's remarkable/)
  })

  it('orphans a passage whose quote was deleted', () => {
    const edited = TEXT.replace(/For his part, Putin hailed[^\n]*\n/, '')
    expect(anchorPassage(edited, target)).toEqual({ status: 'orphan', score: 0 })
  })

  it('chooses the duplicate whose context matches when the quote appears twice', () => {
    const dup = 'Xi said'
    const second = TEXT.indexOf(dup, TEXT.indexOf(dup) + 1)
    const t = describePassage('a', TEXT, 'h0', second, second + dup.length)
    // Push everything by 10 characters so the stored position is wrong for every occurrence.
    const edited = '0123456789' + TEXT
    const a = anchorPassage(edited, t)
    expect(a.status).toBe('moved')
    expect(a.start).toBe(second + 10)
  })

  it('survives a change of encoding repair (non-breaking space becomes plain)', () => {
    // A highlight made when the repair left "fairer\u00a0 and"; the text now reads "fairer and".
    const before = TEXT.replace('fairer and', 'fairer\u00a0 and')
    const q = 'a fairer\u00a0 and more reasonable world order'
    const s = before.indexOf(q)
    expect(s).toBeGreaterThan(0)
    const t = describePassage('a', before, 'h0', s, s + q.length)
    const edited = TEXT
    const a = anchorPassage(edited, t)
    expect(a.status).toBe('fuzzy')
    expect(edited.slice(a.start!, a.end!)).toContain('more reasonable world order')
  })
})
