import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ParallaxService } from '../parallax-service'

const SAMPLES = join(__dirname, '../../../resources/sample-library')
let dir: string
let service: ParallaxService
const open = async (): Promise<ParallaxService> => {
  const s = await ParallaxService.open({ libraryFolder: join(dir, 'lib'), fallbackDataFolder: join(dir, 'fb'), host: 'http', version: 'test', user: 'tester' })
  await s.scan()
  return s
}
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'parallax-compare-'))
  cpSync(SAMPLES, join(dir, 'lib'), { recursive: true })
  service = await open()
})
afterEach(async () => {
  await service.close()
  rmSync(dir, { recursive: true, force: true })
})

async function pair(s: ParallaxService): Promise<{ leftId: string; rightId: string }> {
  const list = await s.handlers['library.list']({})
  return { leftId: list.find((a) => a.path.startsWith('000_'))!.id, rightId: list.find((a) => a.path.startsWith('004_'))!.id }
}

describe('comparing two articles', () => {
  it('keeps confirmed, rejected and hand-drawn links and the pair note across a restart; undo and search see them', async () => {
    const ids = await pair(service)
    const view = await service.handlers['compare.open'](ids)
    const sovereignty = view.suggestions.find((s) => s.left.text.includes('core interests concerning sovereignty'))!
    const other = view.suggestions.find((s) => s !== sovereignty)!
    expect(sovereignty.state).toBe('suggested')
    await service.handlers['compare.confirm']({ ...ids, key: sovereignty.key, linkType: 'paraphrase', note: 'Both stress mutual support' })
    await service.handlers['compare.reject']({ ...ids, key: other.key })
    const l = view.onlyLeft.find((s) => s.text.includes('Ukraine crisis')) ?? view.onlyLeft[0]!
    const r = view.onlyRight.find((s) => s.text.includes('visa-free'))!
    const manual = await service.handlers['compare.link']({
      ...ids,
      left: { start: l.start, end: l.end, textHash: view.leftTextHash },
      right: { start: r.start, end: r.end, textHash: view.rightTextHash },
      linkType: 'different-framing',
      note: 'Security vs travel',
      tagIds: [],
    })
    await service.handlers['compare.setNote']({ ...ids, note: 'Two summits, two framings.' })
    await service.close()

    service = await open()
    const again = await service.handlers['compare.open'](ids)
    expect(again.suggestions.find((s) => s.key === sovereignty.key)?.state).toBe('confirmed')
    expect(again.suggestions.find((s) => s.key === other.key)?.state).toBe('rejected')
    expect(again.links.map((x) => [x.linkType, x.origin, x.note]).sort()).toEqual([
      ['different-framing', 'manual', 'Security vs travel'],
      ['paraphrase', 'suggested', 'Both stress mutual support'],
    ])
    expect(again.links.find((x) => x.id === manual.linkId)?.left?.text).toBe(l.text)
    expect(again.note).toBe('Two summits, two framings.')
    // Opened the other way round, the same work shows, mirrored.
    const swapped = await service.handlers['compare.open']({ leftId: ids.rightId, rightId: ids.leftId })
    expect(swapped.links.find((x) => x.id === manual.linkId)?.right?.text).toBe(l.text)
    expect(swapped.suggestions.filter((s) => s.state === 'rejected')).toHaveLength(1)
    expect(swapped.note).toBe('Two summits, two framings.')
    // A coded link is retrieved with its code, both passages quoted.
    const code = await service.handlers['codebook.create']({ name: 'Framing', description: '', parentId: null })
    await service.handlers['compare.updateLink']({ id: manual.linkId, patch: { tagIds: [code.id] } })
    const coded = await service.handlers['codebook.passages']({ tagId: code.id })
    expect(coded).toHaveLength(1)
    expect(coded[0]!.quote).toContain(' ↔ ')
    expect(coded[0]!.highlightId).toBeNull()
    // Links are found by their notes, like highlights.
    expect((await service.handlers['search.annotations']({ q: 'travel' })).map((h) => h.note)).toEqual(['Security vs travel'])
    await service.handlers['compare.deleteLink']({ id: manual.linkId })
    expect((await service.handlers['compare.open'](ids)).links).toHaveLength(1)
    await service.handlers['history.undo']({})
    expect((await service.handlers['compare.open'](ids)).links).toHaveLength(2)
  })

  it('refuses a hand-drawn link on a stale text, an empty passage, or the same article twice', async () => {
    const ids = await pair(service)
    const view = await service.handlers['compare.open'](ids)
    await expect(
      service.handlers['compare.link']({
        ...ids,
        left: { start: 0, end: 10, textHash: 'old' },
        right: { start: 0, end: 10, textHash: view.rightTextHash },
        linkType: 'same-fact',
        note: '',
        tagIds: [],
      }),
    ).rejects.toThrow(/changed on disk/)
    await expect(
      service.handlers['compare.link']({
        ...ids,
        left: { start: 5, end: 5, textHash: view.leftTextHash },
        right: { start: 0, end: 10, textHash: view.rightTextHash },
        linkType: 'same-fact',
        note: '',
        tagIds: [],
      }),
    ).rejects.toThrow(/Select a passage/)
    await expect(service.handlers['compare.open']({ leftId: ids.leftId, rightId: ids.leftId })).rejects.toThrow(/two different articles/)
  })
})
