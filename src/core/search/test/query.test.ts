import { describe, expect, it } from 'vitest'
import { editDistance } from '../edit-distance'
import { parseSearch, phraseCheck, spellingVariants, wantedTerms } from '../query'
import { snippetOf } from '../snippet'

describe('parseSearch', () => {
  it('reads words, phrases, OR, exclusions, fields, tags and dates', () => {
    const p = parseSearch('Xi OR Putin "strategic partnership" -Ukraine title:summit outlet:"south china" tag:Sovereignty after:2024-01 before:2024 co-operation ')
    expect(p.all).toEqual([
      {
        kind: 'or',
        items: [
          { kind: 'word', word: { word: 'xi', prefix: false } },
          { kind: 'word', word: { word: 'putin', prefix: false } },
        ],
      },
      { kind: 'phrase', words: ['strategic', 'partnership'], text: 'strategic partnership' },
      { kind: 'word', word: { word: 'summit', prefix: false }, field: 'title' },
      { kind: 'phrase', words: ['south', 'china'], field: 'outlet', text: 'south china' },
      { kind: 'phrase', words: ['co', 'operation'], text: 'co-operation' },
    ])
    expect(p.none).toEqual([{ kind: 'word', word: { word: 'ukraine', prefix: false } }])
    expect(p.tags).toEqual(['Sovereignty'])
    expect([p.after, p.before]).toEqual(['2024-01-01', '2024-12-31'])
  })

  it('treats the last word as a prefix while it is being typed, and unknown fields as text', () => {
    expect(parseSearch('ushak', { asYouType: true }).all).toEqual([{ kind: 'word', word: { word: 'ushak', prefix: true } }])
    // A space ends the word being typed; a query given whole means its words as written.
    expect(parseSearch('ushak ', { asYouType: true }).all).toEqual([{ kind: 'word', word: { word: 'ushak', prefix: false } }])
    expect(parseSearch('ushak').all).toEqual([{ kind: 'word', word: { word: 'ushak', prefix: false } }])
    expect(parseSearch('at 10:30').all.map((n) => n.kind)).toEqual(['word', 'phrase'])
    expect(parseSearch('OR').all).toEqual([])
    expect(parseSearch('').all).toEqual([])
  })
})

describe('phraseCheck', () => {
  it('counts a phrase as grep -iF would: words in order, spaces or hyphens between, punctuation as typed', () => {
    const check = (q: string, text: string): boolean => phraseCheck(parseSearch(q))!('', text)
    expect(check('"of the summit"', 'the outcome of the  Summit was')).toBe(true)
    expect(check('"of the summit"', 'the outcome of the. Summit was')).toBe(false)
    expect(check('co-operation', 'deeper cooperation')).toBe(true)
    expect(check('"co operation"', 'deeper co-operation')).toBe(true)
    expect(check('"U.S. sanctions"', 'new U.S.  sanctions')).toBe(true)
    expect(check('"US sanctions"', 'new U.S. sanctions')).toBe(false)
    expect(check('"Zürich talks"', 'the zurich talks')).toBe(true)
    expect(phraseCheck(parseSearch('plain words'))).toBeUndefined()
  })
})

describe('spelling variants and edit distance', () => {
  it('pairs British and American spellings, leaving short words alone', () => {
    expect(spellingVariants('organisation')).toContain('organization')
    expect(spellingVariants('defense')).toContain('defence')
    expect(spellingVariants('colour')).toContain('color')
    expect(spellingVariants('centre')).toContain('center')
    expect(spellingVariants('rise')).toEqual(['rise'])
  })

  it('counts edits (a transposition is one) and stops past the limit', () => {
    expect(editDistance('ushakow', 'ushakov', 2)).toBe(1)
    expect(editDistance('sovreignty', 'sovereignty', 2)).toBe(1)
    expect(editDistance('sanctoins', 'sanctions', 2)).toBe(1)
    expect(editDistance('kremlin', 'beijing', 2)).toBe(3)
  })
})

describe('snippetOf', () => {
  const text = 'His counterpart spoke of economic co-operation. Later, cooperation was praised; co operation too.'
  const marked = (q: Parameters<typeof snippetOf>[1]): string[] => {
    const s = snippetOf(text, q)
    return s.marks.map(([a, b]) => s.text.slice(a, b))
  }
  it('marks whole words and compounds however they are written, never parts of other words', () => {
    expect(marked([{ words: ['co', 'operation'], prefix: false }])).toEqual(['co-operation', 'cooperation', 'co operation'])
    // Typed as one word: the split the index was asked for ("co operation") comes as a phrase.
    expect(
      marked([
        { words: ['cooperation'], prefix: false },
        { words: ['co', 'operation'], prefix: false },
      ]),
    ).toEqual(['co-operation', 'cooperation', 'co operation'])
    expect(marked([{ words: ['cooperation'], prefix: false }])).toEqual(['co-operation', 'cooperation'])
    expect(marked([{ words: ['counter'], prefix: false }])).toEqual([])
    expect(marked([{ words: ['counter'], prefix: true }])).toEqual(['counterpart'])
  })
  it('finds words after letters whose lower case is longer (İ), beyond ASCII, and across surrogate pairs', () => {
    const marks = (text: string, words: string[]): string[] => {
      const s = snippetOf(text, [{ words, prefix: false }])
      return s.marks.map(([a, b]) => s.text.slice(a, b))
    }
    expect(marks('İstanbul hosted the summit, then another summit.', ['summit'])).toEqual(['summit', 'summit'])
    expect(marks('Les élections à Zürich: Élysée répond.', ['elysee'])).toEqual(['Élysée'])
    expect(marks('𝐀 note: the Ушаков meeting; ушаков spoke.', ['ушаков'])).toEqual(['Ушаков', 'ушаков'])
  })
  it('marks a one-letter word of a phrase', () => {
    const s = snippetOf('There was a lot of grain, and a lot more wheat.', [{ words: ['a', 'lot'], prefix: false }])
    expect(s.marks.map(([a, b]) => s.text.slice(a, b))).toEqual(['a lot', 'a lot'])
  })
  it('starts the window near the first match and maps offsets back to the article', () => {
    const long = `${'word '.repeat(100)}the   treaty was signed`
    const s = snippetOf(long, [{ words: ['treaty'], prefix: false }])
    expect(s.text.startsWith('…')).toBe(true)
    expect(long.slice(s.firstMatch!, s.firstMatch! + 6)).toBe('treaty')
    expect(s.marks.map(([a, b]) => s.text.slice(a, b))).toEqual(['treaty'])
  })
  it('marks a phrase only where its words are written as the phrase check counts it, not across punctuation', () => {
    const s = snippetOf('A statement of the, two sides noted. The outcome of the two sides was agreed.', [{ words: ['of', 'the', 'two', 'sides'], prefix: false }])
    expect(s.marks.map(([a, b]) => s.text.slice(a, b))).toEqual(['of the two sides'])
    // Punctuation typed in the phrase is matched as typed.
    const us = snippetOf('New U.S. sanctions (again) were announced.', wantedTerms(parseSearch('"U.S. sanctions"')))
    expect(us.marks.map(([a, b]) => us.text.slice(a, b))).toEqual(['U.S. sanctions'])
  })
  it('prefers the longer of two marks that begin at one word', () => {
    // "co" and "operation" asked apart and as the compound the index also has.
    const s = snippetOf('Economic co-operation grew.', [
      { words: ['co'], prefix: false },
      { words: ['operation'], prefix: false },
      { words: ['cooperation'], prefix: false },
    ])
    expect(s.marks.map(([a, b]) => s.text.slice(a, b))).toEqual(['co-operation'])
  })
})
