import { describe, expect, it } from 'vitest'
import { repairMojibake } from '../mojibake'

describe('repairMojibake', () => {
  it('repairs a double-encoded no-break space, and collapses it with a space beside it into one', () => {
    expect(repairMojibake('Xi said\u00c2\u00a0 that').text).toBe('Xi said that')
    expect(repairMojibake('Xi \u00c2\u00a0said').text).toBe('Xi said')
    // A no-break space the file really has is kept.
    expect(repairMojibake('Xi\u00c2\u00a0Jinping').text).toBe('Xi\u00a0Jinping')
    expect(repairMojibake('10\u00a0 km, no repair').text).toBe('10\u00a0 km, no repair')
  })
})
