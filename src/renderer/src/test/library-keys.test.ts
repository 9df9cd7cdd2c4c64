import { describe, expect, it } from 'vitest'
import { collationKey } from '../library-keys'

const byKey = (titles: string[]): string[] => [...titles].sort((a, b) => (collationKey(a) < collationKey(b) ? -1 : collationKey(a) > collationKey(b) ? 1 : 0))

describe('library sort keys', () => {
  it('order titles as a reader expects: numbers by value, accents and case folded, leading quotes skipped', () => {
    expect(byKey(['Report 10', 'report 9', 'Report 100', 'Report 09b'])).toEqual(['report 9', 'Report 09b', 'Report 10', 'Report 100'])
    expect(byKey(['Zhou', 'Élysée talks', 'elections', '“Xi and Putin”', 'Apple'])).toEqual(['Apple', 'elections', 'Élysée talks', '“Xi and Putin”', 'Zhou'])
  })

  it('agree with a base-sensitivity numeric collator on plain Latin titles', () => {
    const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' })
    const titles = ['Xi, Putin hold phone call', 'Video summit', 'xi putin talks', 'Summit 2', 'Summit 12', 'Ürümqi report', 'Urals oil', 'Beijing 2022', 'beijing 2008']
    expect(byKey(titles)).toEqual([...titles].sort(collator.compare))
  })
})
