import { strFromU8, unzipSync } from 'fflate/browser'
import { DOMParser } from 'linkedom'
import type { PassageLink } from '@core/annotations/model'
import { type W3CImport } from '@core/export/w3c'
import { ApiError } from '@shared/contract'

/** The part of the DOM that reading QDA-XML needs (linkedom's XML document provides it). */
interface XmlElement {
  localName: string
  children: ArrayLike<XmlElement> & Iterable<XmlElement>
  parentElement: XmlElement | null
  textContent: string | null
  getAttribute(name: string): string | null
  getElementsByTagName(name: string): ArrayLike<XmlElement> & Iterable<XmlElement>
}

/** Reads a `.qdpx` into the same shape as a W3C import: codes, and coded selections by source. */
export function fromQdpx(bytes: Uint8Array): W3CImport & { sources: Array<{ name: string; text: string; guid: string }> } {
  const zip = unzipSync(bytes)
  const qde = zip['project.qde']
  if (!qde) throw new ApiError('invalid-argument', 'This .qdpx file has no project.qde inside.')
  const doc = new DOMParser().parseFromString(strFromU8(qde), 'text/xml') as unknown as XmlElement
  const out: ReturnType<typeof fromQdpx> = { articles: [], codebook: [], highlights: [], articleNotes: [], links: [], comparisons: [], skipped: [], sources: [] }
  const codeName = new Map<string, string>()
  const walk = (el: XmlElement, parentId: string | null): void => {
    for (const code of [...el.children].filter((c) => c.localName === 'Code')) {
      const id = (code.getAttribute('guid') ?? '').toLowerCase()
      const name = code.getAttribute('name') ?? 'Code'
      codeName.set(id, name)
      const description = [...code.children].find((c) => c.localName === 'Description')?.textContent ?? undefined
      out.codebook.push({ id, name, parentId, colour: code.getAttribute('color') ?? undefined, description })
      walk(code, id)
    }
  }
  const codes = doc.getElementsByTagName('Codes')[0]
  if (codes) walk(codes, null)
  const notes = new Map<string, string>()
  for (const n of [...doc.getElementsByTagName('Note')]) notes.set((n.getAttribute('guid') ?? '').toLowerCase(), [...n.children].find((c) => c.localName === 'PlainTextContent')?.textContent ?? '')
  // Selections that are only the ends of <Link>s become links, not highlights.
  const linkEnds = new Set<string>()
  const linkElements = [...doc.getElementsByTagName('Link')]
  for (const l of linkElements) for (const a of ['originGUID', 'targetGUID']) linkEnds.add((l.getAttribute(a) ?? '').toLowerCase())
  const ends = new Map<string, { articleId: string; quote: W3CImport['highlights'][number]['quote']; position: W3CImport['highlights'][number]['position'] }>()
  for (const source of [...doc.getElementsByTagName('TextSource')]) {
    if (source.parentElement?.localName === 'Notes') continue
    const guid = (source.getAttribute('guid') ?? '').toLowerCase()
    const path = (source.getAttribute('plainTextPath') ?? '').replace(/^internal:\/\//, 'sources/')
    const inline = [...source.children].find((c) => c.localName === 'PlainTextContent')?.textContent
    const file = Object.keys(zip).find((k) => k.toLowerCase() === path.toLowerCase())
    const text = inline ?? (file ? strFromU8(zip[file]!) : '')
    out.sources.push({ name: source.getAttribute('name') ?? '', text, guid })
    // QDA-XML positions count code points; the reader's offsets count UTF-16 units. One table per source.
    const utf16At: number[] = [0]
    for (const ch of text) utf16At.push(utf16At[utf16At.length - 1]! + ch.length)
    const toUtf16 = (cp: number): number => utf16At[Math.min(Math.max(0, cp), utf16At.length - 1)]!
    for (const sel of [...source.children].filter((c) => c.localName === 'PlainTextSelection')) {
      const start = toUtf16(Number(sel.getAttribute('startPosition') ?? 0))
      const end = toUtf16(Number(sel.getAttribute('endPosition') ?? 0))
      const tags = [...sel.children]
        .filter((c) => c.localName === 'Coding')
        .map((c) => codeName.get((c.getElementsByTagName('CodeRef')[0]?.getAttribute('targetGUID') ?? '').toLowerCase()) ?? '')
        .filter(Boolean)
      const note = [...sel.children]
        .filter((c) => c.localName === 'NoteRef')
        .map((r) => notes.get((r.getAttribute('targetGUID') ?? '').toLowerCase()) ?? '')
        .join('\n\n')
      const exact = text.slice(start, end)
      if (!exact.trim()) {
        out.skipped.push(`A selection in “${source.getAttribute('name') ?? guid}” is empty or outside its text.`)
        continue
      }
      const when = sel.getAttribute('creationDateTime') ?? new Date(0).toISOString()
      const selId = (sel.getAttribute('guid') ?? '').toLowerCase()
      const quote = { type: 'TextQuoteSelector' as const, exact, prefix: text.slice(Math.max(0, start - 32), start), suffix: text.slice(end, end + 32) }
      if (linkEnds.has(selId)) ends.set(selId, { articleId: guid, quote, position: { type: 'TextPositionSelector', start, end } })
      if (linkEnds.has(selId) && tags.length === 0 && !note) continue
      out.highlights.push({
        id: (sel.getAttribute('guid') ?? '').toLowerCase(),
        articleId: guid,
        quote: { type: 'TextQuoteSelector', exact, prefix: text.slice(Math.max(0, start - 32), start), suffix: text.slice(end, end + 32) },
        position: { type: 'TextPositionSelector', start, end },
        colour: 'yellow',
        tags,
        note,
        created: when,
        modified: sel.getAttribute('modifiedDateTime') ?? when,
        creator: 'QDA import',
      })
    }
  }
  const LINK_TYPES = ['same-fact', 'paraphrase', 'adds-detail', 'contradicts', 'different-framing']
  for (const l of linkElements) {
    const [from, to] = [ends.get((l.getAttribute('originGUID') ?? '').toLowerCase()), ends.get((l.getAttribute('targetGUID') ?? '').toLowerCase())]
    if (!from || !to) {
      out.skipped.push(`A link “${l.getAttribute('name') ?? ''}” that does not join two text selections.`)
      continue
    }
    const name = l.getAttribute('name') ?? ''
    const note = [...l.children]
      .filter((c) => c.localName === 'NoteRef')
      .map((r) => notes.get((r.getAttribute('targetGUID') ?? '').toLowerCase()) ?? '')
      .join('\n\n')
    out.links.push({
      id: (l.getAttribute('guid') ?? '').toLowerCase(),
      source: from,
      target: to,
      linkType: (LINK_TYPES.includes(name) ? name : 'same-fact') as PassageLink['linkType'],
      tags: [],
      note,
      created: new Date(0).toISOString(),
      modified: new Date(0).toISOString(),
      creator: 'QDA import',
    })
  }
  return out
}
