import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { TextSpool } from '../text-spool'

describe('TextSpool', () => {
  it('gives back each text exactly, in any order, and leaves nothing behind', () => {
    const spool = new TextSpool()
    const texts = ['Plain text.', 'العربية and 中文 and 😀 emoji', '', 'x'.repeat(200_000)]
    texts.forEach((t, i) => spool.put(`a${i}`, t))
    expect([3, 0, 2, 1].map((i) => spool.get(`a${i}`))).toEqual([3, 0, 2, 1].map((i) => texts[i]))
    expect(spool.get('unknown')).toBe('')
    const dir = (spool as unknown as { dir: string }).dir
    expect(existsSync(dir)).toBe(true)
    spool.dispose()
    expect(existsSync(dir)).toBe(false)
  })
})
