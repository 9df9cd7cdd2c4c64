import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import Ajv from 'ajv-draft-04'
import { describe, expect, it } from 'vitest'
import { fromW3C, toW3C } from '../w3c'
import { HOSTILE, sampleExport } from './fixtures'

const CONFORMANCE = join(__dirname, '../../../../test-fixtures/conformance/w3c-web-annotation')

/** Every MUST assertion of the W3C test suite, compiled with its definitions loaded by their ids. */
function mustAssertions(): Array<{ name: string; expectValid: boolean; validate: (x: unknown) => boolean; message: string }> {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false })
  for (const f of readdirSync(join(CONFORMANCE, 'definitions'))) ajv.addSchema(JSON.parse(readFileSync(join(CONFORMANCE, 'definitions', f), 'utf8')))
  const list = JSON.parse(readFileSync(join(CONFORMANCE, 'annotations/annotationMusts.test'), 'utf8')) as { assertions: string[] }
  return list.assertions.map((path) => {
    const schema = JSON.parse(readFileSync(join(CONFORMANCE, path), 'utf8')) as { expectedResult: string; errorMessage: string }
    const validate = ajv.compile(schema)
    return { name: path, expectValid: schema.expectedResult === 'valid', validate: (x) => validate(x) as boolean, message: schema.errorMessage }
  })
}

describe('W3C Web Annotation export', () => {
  const collection = toW3C(sampleExport()) as { type: string; total: number; first: { items: Array<Record<string, unknown>> } }
  const assertions = mustAssertions()

  it('passes every MUST assertion of the W3C test suite, for every annotation', () => {
    expect(assertions.length).toBeGreaterThan(50)
    expect(collection.first.items.length).toBe(4)
    for (const annotation of collection.first.items) {
      for (const a of assertions) expect(a.validate(annotation), `${a.name} on ${String(annotation.id)}: ${a.message}`).toBe(a.expectValid)
    }
  })

  it('fails the assertions when an annotation breaks the model (the check can fail)', () => {
    const broken = { ...collection.first.items[0], '@context': 'http://example.org/not-anno' }
    expect(assertions.some((a) => a.validate(broken) !== a.expectValid)).toBe(true)
  })

  it('carries quote and position selectors, tags, notes, colours, links and the codebook; reads back exactly', () => {
    const [h1, , note, link] = collection.first.items
    expect(h1).toMatchObject({
      type: 'Annotation',
      motivation: 'commenting',
      target: { styleClass: 'pl-green', selector: [{ type: 'TextQuoteSelector', exact: 'sovereignty and security' }, { type: 'TextPositionSelector' }] },
    })
    expect(String(h1!.id)).toMatch(/^urn:uuid:[0-9a-f-]{36}$/)
    expect(note).toMatchObject({ motivation: 'commenting', target: 'urn:parallax:article:a-left' })
    expect(link).toMatchObject({ motivation: 'linking', target: [{ source: 'urn:parallax:article:a-left' }, { source: 'urn:parallax:article:a-right' }] })
    const back = fromW3C(JSON.parse(JSON.stringify(collection)))
    expect(back.skipped).toEqual([])
    expect(back.highlights).toHaveLength(2)
    expect(back.highlights[0]).toMatchObject({ articleId: 'a-left', colour: 'green', tags: ['Sovereignty "core"'], note: HOSTILE })
    expect(back.links[0]).toMatchObject({ linkType: 'paraphrase', note: 'Same support, other words', tags: ['Security'] })
    expect(back.articleNotes[0]).toMatchObject({ articleId: 'a-left', note: 'Whole-article note', tags: ['Security'] })
    expect(back.codebook.map((t) => t.name)).toEqual(['Security', 'Sovereignty "core"'])
    expect(back.articles.map((a) => a.path)).toEqual(['left.txt', 'sub/right.txt'])
  })
})

describe('W3C export written piece by piece', () => {
  it('is the same collection as the one built whole, with and without annotations', async () => {
    const { w3cChunks } = await import('../w3c')
    const data = sampleExport()
    expect(JSON.parse([...w3cChunks(data)].join(''))).toEqual(JSON.parse(JSON.stringify(toW3C(data))))
    const empty = { ...data, highlights: [], articleNotes: [], links: [] }
    expect(JSON.parse([...w3cChunks(empty)].join(''))).toEqual(JSON.parse(JSON.stringify(toW3C(empty))))
  })
})
