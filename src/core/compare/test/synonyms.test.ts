import { describe, expect, it } from 'vitest'
import { synonymStemsOf } from '../synonyms'
import { stemOf } from '../tokens'

describe('WordNet synonyms for comparison', () => {
  it('gives the stems of a word’s synonyms in its common senses, both ways', () => {
    expect(synonymStemsOf('practical')).toContain(stemOf('pragmatic'))
    expect(synonymStemsOf('pragmatic')).toContain(stemOf('practical'))
    expect(synonymStemsOf('truce')).toContain(stemOf('ceasefire'))
  })

  it('finds inflected and hyphenated forms', () => {
    expect(synonymStemsOf('treaties')).toContain(stemOf('pact'))
    expect(synonymStemsOf('ceasefire')).toContain(stemOf('truce'))
  })

  it('gives none for words with many senses, whose synonyms mislead', () => {
    for (const word of ['hold', 'make', 'state', 'support', 'call']) expect(synonymStemsOf(word)).toEqual([])
  })
})
