import nlp from 'compromise'
import { describe, expect, it } from 'vitest'
import { factDifferences, numberDocument, numbersOf } from '../facts'

const span = (text: string) => ({ start: 0, end: text.length, text })

describe('fact diff', () => {
  it('reads numbers with what they count, spelled out or not', () => {
    expect(numbersOf('about fifteen hundred troops crossed')).toEqual([{ text: 'fifteen hundred troops', value: 1500, unit: 'troop' }])
    expect(numbersOf('a $30 billion deal').map((n) => [n.value, n.unit])).toEqual([[30e9, 'usd']])
    expect(numbersOf('a deal worth 30 billion dollars').map((n) => [n.value, n.unit])).toEqual([[30e9, 'usd']])
  })

  it("finds the numbers compromise's full tagger finds, with its first pass alone where that is enough", () => {
    const sentences = [
      'Russia and China signed 12 agreements worth $30 billion on Tuesday.',
      'The strike killed 23 people and wounded more than 100,000 in the 1990s.',
      'A third of the 700 firms said half of their staff, or 7.5% of the workforce, had left.',
      'Two-thirds of voters and a quarter of the 1,500 delegates backed it.',
      'The deal is worth $1.2bn, or 5bn yuan, the G20 said on 3 March 2023.',
      'No one expected the F-16 and Su-35 jets to fly 1,200 km.',
      'COVID-19 cases rose by twenty-five thousand in one week, up 40 per cent.',
      'The first of two summits drew fifteen hundred troops and a million protesters.',
      'Prices fell 0.5 percent in the second quarter, the lowest since 2008.',
      'The 75-year-old leader served three terms and won 87% of the vote.',
      'Exports reached ¥3 trillion, while imports were worth 240 billion dollars.',
    ]
    const numbers = (doc: ReturnType<typeof nlp>): Array<[string, number]> =>
      (doc.numbers().json() as Array<{ text: string; number?: { num?: number } }>).flatMap((n) => (Number.isFinite(n.number?.num) ? [[n.text, n.number!.num!] as [string, number]] : []))
    for (const s of sentences) expect(numbers(numberDocument(s)), s).toEqual(numbers(nlp(s)))
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
