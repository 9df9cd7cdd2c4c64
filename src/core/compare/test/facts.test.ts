import { describe, expect, it } from 'vitest'
import { factDifferences, numbersOf } from '../facts'

const span = (text: string) => ({ start: 0, end: text.length, text })

describe('fact diff', () => {
  it('reads numbers with what they count, spelled out or not', () => {
    expect(numbersOf('about fifteen hundred troops crossed')).toEqual([{ text: 'fifteen hundred troops', value: 1500, unit: 'troop' }])
    expect(numbersOf('a $30 billion deal').map((n) => [n.value, n.unit])).toEqual([[30e9, 'usd']])
    expect(numbersOf('a deal worth 30 billion dollars').map((n) => [n.value, n.unit])).toEqual([[30e9, 'usd']])
  })

  it('marks 1,200 troops against about fifteen hundred as a mismatch, $30 billion against 30 billion dollars as none', () => {
    const troops = factDifferences(span('Russia sent 1,200 troops to the border.'), span('Moscow sent about fifteen hundred troops to the border.'), [])
    expect(troops.filter((d) => d.kind === 'number')).toEqual([{ kind: 'number', left: '1,200 troops', right: 'fifteen hundred troops' }])
    const money = factDifferences(span('They signed a $30 billion gas deal.'), span('They signed a gas deal worth 30 billion dollars.'), [])
    expect(money.filter((d) => d.kind === 'number')).toEqual([])
  })

  it('sets dates and framing side by side', () => {
    const d = factDifferences(span('Xi held a phone call with Putin on Wednesday.'), span('Xi held a video summit with Putin on Thursday.'), [])
    expect(d).toContainEqual({ kind: 'date', left: 'Wednesday', right: 'Thursday' })
    expect(d.find((x) => x.kind === 'wording')).toMatchObject({ left: expect.stringContaining('phone'), right: expect.stringContaining('video') })
  })
})
