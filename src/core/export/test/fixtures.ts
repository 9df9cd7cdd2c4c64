import { randomUUID } from 'node:crypto'
import type { ArticleNote, ComparisonRecord, Highlight, PassageLink, Tag } from '../../annotations/model'
import type { ExportData } from '../model'

/** Text a hostile or unusual researcher might type: markup, formulas, quotes, newlines, RTL, controls. */
export const HOSTILE = '=HYPERLINK("http://evil") <script>alert(1)</script> **bold** | pipe | "quoted", comma\nsecond line\t+tab -minus @at العربية 中文 \u202Eevil\u0007'

const when = '2026-11-30T10:00:00.000Z'
const base = { createdAt: when, updatedAt: when, version: 1, creator: 'Researcher', deleted: false }

/** A small export: two articles, a codebook with a hierarchy, highlights, notes, a link, a comparison. */
export function sampleExport(): ExportData {
  const left = 'Chinese President Xi Jinping held a phone conversation with Vladimir Putin. They discussed sovereignty and security.'
  const right = 'Xi and Putin held a video summit. They support each other on key issues concerning national interests.'
  const t1: Tag = { ...base, id: randomUUID(), kind: 'tag', name: 'Security', colour: '#3366cc', description: 'Security & sovereignty <b>framing</b>', parentId: null }
  const t2: Tag = { ...base, id: randomUUID(), kind: 'tag', name: 'Sovereignty "core"', colour: '#cc3366', description: '', parentId: t1.id }
  const target = (articleId: string, text: string, exact: string) => {
    const start = text.indexOf(exact)
    return {
      articleId,
      quote: { type: 'TextQuoteSelector' as const, exact, prefix: text.slice(Math.max(0, start - 10), start), suffix: text.slice(start + exact.length, start + exact.length + 10) },
      position: { type: 'TextPositionSelector' as const, start, end: start + exact.length },
      textHash: 'h',
    }
  }
  const h1: Highlight = { ...base, id: randomUUID(), kind: 'highlight', target: target('a-left', left, 'sovereignty and security'), colour: 'green', tagIds: [t2.id], note: HOSTILE }
  const h2: Highlight = { ...base, id: randomUUID(), kind: 'highlight', target: target('a-right', right, 'video summit'), colour: 'yellow', tagIds: [], note: '' }
  const note: ArticleNote = { ...base, id: randomUUID(), kind: 'article-note', articleId: 'a-left', tagIds: [t1.id], note: 'Whole-article note' }
  const link: PassageLink = {
    ...base,
    id: randomUUID(),
    kind: 'link',
    source: target('a-left', left, 'sovereignty and security'),
    target: target('a-right', right, 'support each other on key issues'),
    note: 'Same support, other words',
    tagIds: [t1.id],
    linkType: 'paraphrase',
    origin: 'manual',
  }
  const comparison: ComparisonRecord = { ...base, id: randomUUID(), kind: 'comparison', leftId: 'a-left', rightId: 'a-right', note: 'Pair note', tagIds: [], rejected: [] }
  return {
    generatedAt: when,
    generator: 'Parallax test',
    scope: { kind: 'library', label: 'Test library' },
    articles: [
      {
        id: 'a-left',
        path: 'left.txt',
        title: 'Xi, Putin hold phone call',
        outlet: 'Global Times',
        author: 'Staff',
        date: '2022-06-15',
        categories: ['CHINA'],
        text: left,
        fileHash: 'f1',
        textHash: 'h',
      },
      { id: 'a-right', path: 'sub/right.txt', title: 'Video summit', categories: [], text: right, fileHash: 'f2', textHash: 'h' },
    ],
    tags: [t1, t2],
    highlights: [
      { record: h1, place: { start: h1.target.position.start, end: h1.target.position.end } },
      { record: h2, place: { start: h2.target.position.start, end: h2.target.position.end } },
    ],
    articleNotes: [note],
    links: [{ record: link, source: { start: link.source.position.start, end: link.source.position.end }, target: { start: link.target.position.start, end: link.target.position.end } }],
    comparisons: [comparison],
  }
}
