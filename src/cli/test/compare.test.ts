import { join } from 'node:path'
import { capture } from './capture'
import { describe, expect, it } from 'vitest'
import { runCompare } from '../compare'

const CORPUS = join(__dirname, '../../../resources/sample-library')
const A = join(CORPUS, '000_92639f20422bd322.txt')
const B = join(CORPUS, '004_b2fc31442e9245ef.txt')

describe('parallax compare', () => {
  it('prints the documented JSON for the two sample reports', async () => {
    const { code, out } = await capture(() => runCompare(A, B, { json: true }))
    expect(code).toBe(0)
    const json = JSON.parse(out) as {
      left: { path: string; title: string }
      right: { path: string; title: string }
      links: Array<{
        left: { start: number; end: number; text: string }
        right: { start: number; end: number; text: string }
        score: number
        kind: string
        differences: Array<{ kind: string; left: string; right: string }>
      }>
      onlyLeft: Array<{ start: number; end: number; text: string }>
      onlyRight: unknown[]
      entities: { onlyLeft: Array<{ name: string; type: string }>; onlyRight: Array<{ name: string; type: string }>; both: Array<{ name: string; type: string }> }
      statements: Array<{ side: string; speaker: string; start: number; end: number; text: string }>
    }
    expect(json.left).toEqual({ path: A, title: 'Xi, Putin hold phone call, vow pragmatic cooperation' })
    expect(json.right.path).toBe(B)
    expect(json.links.some((l) => l.left.text.includes('sovereignty and security') && l.right.text.includes('key issues concerning national interests'))).toBe(true)
    for (const l of json.links) {
      expect(['same-fact', 'paraphrase', 'adds-detail', 'contradicts', 'different-framing']).toContain(l.kind)
      for (const d of l.differences) expect(['number', 'date', 'place', 'person', 'organisation', 'wording']).toContain(d.kind)
    }
    expect(json.entities.onlyRight).toContainEqual(expect.objectContaining({ name: 'Donald Trump', type: 'person' }))
    expect(json.statements).toContainEqual(expect.objectContaining({ side: 'right', speaker: 'Yuri Ushakov' }))
    expect(json.onlyLeft.length + json.links.length).toBeGreaterThan(5)
  })

  it('prints a side-by-side summary, and a clear message for a missing file', async () => {
    const { code, out } = await capture(() => runCompare(A, B, { json: false }))
    expect(code).toBe(0)
    expect(out).toMatch(/linked passages/)
    expect(out).toMatch(/│/)
    expect(out).toMatch(/Who said what:/)
    const missing = await capture(() => runCompare(A, join(CORPUS, 'nope.txt'), { json: false }))
    expect(missing.code).toBe(2)
    expect(missing.err).toMatch(/nope\.txt: no such file/)
  })
})
