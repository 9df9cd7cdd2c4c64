import { strToU8, Zip, ZipDeflate, type ZipInputFile } from 'fflate/browser'
import { codePointOffset, escapeXml, guidFrom } from './escape'
import { articleNoteOf, articleOf, type ExportData, highlightsOf, textOf } from './model'

const attr = (name: string, value: string | number | undefined): string => (value === undefined || value === '' ? '' : ` ${name}="${escapeXml(String(value))}"`)
const guid = (id: string): string => (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id) ? id.toUpperCase() : guidFrom(id))
const colour = (c: string): string | undefined => (/^#([0-9a-f]{6}|[0-9a-f]{3})$/i.test(c) ? c : undefined)

/**
 * A REFI-QDA project (QDA-XML 1.0, `.qdpx`): `project.qde` and `sources/` with each article's
 * plain text. The codebook as nested `<Code>`s with colours; articles as `<TextSource>`s with
 * outlet, author, date and categories as `<Variable>` values; highlights as coded
 * `<PlainTextSelection>`s (positions in Unicode code points); notes as `<Note>`s referenced
 * where they belong; comparison links as `<Link>`s between selections.
 */
/** Fast deflate: a library export spends most of its time compressing the sources, and a larger zip matters less than the wait. */
const ZIP_LEVEL = 1

/** Raw DEFLATE of a whole file and the CRC-32 of its bytes: a host may give a native one (zlib), faster than fflate's. */
export type WholeFileDeflate = (bytes: Uint8Array) => { deflated: Uint8Array; crc: number }

export function toQdpx(data: ExportData, deflate?: WholeFileDeflate): Uint8Array {
  const parts = [...qdpxChunks(data, deflate)]
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

/**
 * The same zip as it is written: the project file compressed piece by piece as its XML is
 * made (one source's selections at a time), then one source text at a time — so neither the
 * whole XML nor every text is ever held at once.
 */
export function* qdpxChunks(data: ExportData, deflate?: WholeFileDeflate): Generator<Uint8Array> {
  const pending: Uint8Array[] = []
  const zip = new Zip((error, chunk) => {
    if (error) throw error
    pending.push(chunk)
  })
  const add = (name: string, bytes: Uint8Array): void => {
    if (deflate) {
      const { deflated, crc } = deflate(bytes)
      const file: ZipInputFile = { filename: name, size: bytes.length, crc, compression: 8 }
      zip.add(file)
      file.ondata!(null, deflated as Uint8Array<ArrayBuffer>, true)
      return
    }
    const file = new ZipDeflate(name, { level: ZIP_LEVEL })
    zip.add(file)
    file.push(bytes, true)
  }
  const user = guidFrom(`user:${data.generator}`)
  const notes: string[] = []
  const note = (name: string, text: string, created: string): string => {
    const id = guidFrom(`note:${name}:${text}:${created}`)
    notes.push(`<Note${attr('guid', id)}${attr('name', name)}${attr('creatingUser', user)}${attr('creationDateTime', created)}><PlainTextContent>${escapeXml(text)}</PlainTextContent></Note>`)
    return id
  }
  const children = (parent: string | null): string =>
    data.tags
      .filter((t) => t.parentId === parent || (parent === null && t.parentId !== null && !data.tags.some((p) => p.id === t.parentId)))
      .map(
        (t) =>
          `<Code${attr('guid', guid(t.id))}${attr('name', t.name)} isCodable="true"${attr('color', colour(t.colour))}>${t.description ? `<Description>${escapeXml(t.description)}</Description>` : ''}${children(t.id)}</Code>`,
      )
      .join('')
  const variables = ['Outlet', 'Author', 'Date', 'Categories', 'Path'].map((name) => ({ name, id: guidFrom(`variable:${name}`) }))
  // Link ends that are not highlights become selections of their own.
  const extraSelections = new Map<string, Array<{ id: string; start: number; end: number }>>()
  const links = data.links.map(({ record: l, source, target }) => {
    const end = (articleId: string, place: { start: number; end: number } | undefined, side: string): string => {
      const id = guidFrom(`link:${l.id}:${side}`)
      if (place) extraSelections.set(articleId, [...(extraSelections.get(articleId) ?? []), { id, start: place.start, end: place.end }])
      return id
    }
    const from = end(l.source.articleId, source, 'source')
    const to = end(l.target.articleId, target, 'target')
    const noteRef = l.note.trim() ? `<NoteRef targetGUID="${note(`Link note: ${l.linkType}`, l.note, l.createdAt)}"/>` : ''
    return `<Link${attr('guid', guid(l.id))}${attr('name', l.linkType)} direction="Associative"${attr('originGUID', from)}${attr('targetGUID', to)}>${noteRef}</Link>`
  })
  const sourceOf = (a: ExportData['articles'][number]): string => {
    const id = guid(a.id)
    const text = textOf(data, a)
    const cp = (n: number): number => codePointOffset(text, n)
    const selections = highlightsOf(data, a.id)
      .filter((h) => h.place)
      .map(({ record: h, place }) => {
        const codings = h.tagIds
          .filter((t) => data.tags.some((x) => x.id === t))
          .map((t) => `<Coding${attr('guid', guidFrom(`coding:${h.id}:${t}`))}${attr('creatingUser', user)}${attr('creationDateTime', h.createdAt)}><CodeRef targetGUID="${guid(t)}"/></Coding>`)
          .join('')
        const noteRef = h.note.trim() ? `<NoteRef targetGUID="${note(`Note on “${h.target.quote.exact.slice(0, 40)}”`, h.note, h.createdAt)}"/>` : ''
        return `<PlainTextSelection${attr('guid', guid(h.id))}${attr('name', h.target.quote.exact.slice(0, 80))}${attr('startPosition', cp(place!.start))}${attr('endPosition', cp(place!.end))}${attr('creatingUser', user)}${attr('creationDateTime', h.createdAt)}${attr('modifiedDateTime', h.updatedAt)}>${codings}${noteRef}</PlainTextSelection>`
      })
    for (const s of extraSelections.get(a.id) ?? [])
      selections.push(`<PlainTextSelection${attr('guid', s.id)}${attr('name', text.slice(s.start, s.end).slice(0, 80))}${attr('startPosition', cp(s.start))}${attr('endPosition', cp(s.end))}/>`)
    const articleNote = articleNoteOf(data, a.id)
    const articleCodings = (articleNote?.tagIds ?? [])
      .filter((t) => data.tags.some((x) => x.id === t))
      .map((t) => `<Coding${attr('guid', guidFrom(`coding:${a.id}:${t}`))}><CodeRef targetGUID="${guid(t)}"/></Coding>`)
    const noteRef = articleNote?.note.trim() ? `<NoteRef targetGUID="${note(`Note on ${a.title}`, articleNote.note, articleNote.createdAt)}"/>` : ''
    const values = [a.outlet, a.author, a.date, a.categories.join('; '), a.path]
      .map((v, i) => (v ? `<VariableValue><VariableRef targetGUID="${variables[i]!.id}"/><TextValue>${escapeXml(v)}</TextValue></VariableValue>` : ''))
      .join('')
    return `<TextSource${attr('guid', id)}${attr('name', a.title)}${attr('plainTextPath', `internal://${id}.txt`)}>${selections.join('')}${articleCodings.join('')}${noteRef}${values}</TextSource>`
  }
  const project = new ZipDeflate('project.qde', { level: ZIP_LEVEL })
  zip.add(project)
  // No BOM before <?xml: the text starts with it, and strToU8 writes plain UTF-8.
  const write = (xml: string): void => project.push(strToU8(xml))
  write(`<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0"${attr('name', data.scope.label)} origin="${escapeXml(data.generator)}"${attr('creatingUserGUID', user)}${attr('creationDateTime', data.generatedAt)}>
<Users><User${attr('guid', user)}${attr('name', data.generator)}/></Users>
${data.tags.length ? `<CodeBook><Codes>${children(null)}</Codes></CodeBook>` : ''}
<Variables>${variables.map((v) => `<Variable${attr('guid', v.id)}${attr('name', v.name)} typeOfVariable="Text"/>`).join('')}</Variables>
`)
  if (data.articles.length) {
    write('<Sources>')
    for (let i = 0; i < data.articles.length; i++) {
      write(`${i ? '\n' : ''}${sourceOf(data.articles[i]!)}`)
      yield* pending.splice(0)
    }
    write('</Sources>\n')
  } else write('\n')
  const pairNotes = data.comparisons
    .filter((c) => c.note.trim())
    .map((c) => note(`Comparison: ${articleOf(data, c.leftId)?.title ?? c.leftId} / ${articleOf(data, c.rightId)?.title ?? c.rightId}`, c.note, c.createdAt))
  write(`${notes.length ? `<Notes>${notes.join('\n')}</Notes>` : ''}
${links.length ? `<Links>${links.join('\n')}</Links>` : ''}
${pairNotes.map((id) => `<NoteRef targetGUID="${id}"/>`).join('')}
</Project>
`)
  project.push(new Uint8Array(0), true)
  yield* pending.splice(0)
  // Each text is read again as its file is written: a library's texts are never all held at once.
  for (const a of data.articles) {
    add(`sources/${guid(a.id)}.txt`, strToU8(textOf(data, a)))
    yield* pending.splice(0)
  }
  zip.end()
  yield* pending.splice(0)
}
