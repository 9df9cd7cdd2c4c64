import { stringify } from 'csv-stringify/sync'
import { neutraliseFormula } from './escape'
import { articleOf, tagPath, type ExportData } from './model'

/** The columns of a CSV export, stable across versions (R, pandas and spreadsheets rely on them). */
export const CSV_COLUMNS = [
  'record_type',
  'annotation_id',
  'article_id',
  'article_title',
  'article_outlet',
  'article_author',
  'article_date',
  'article_path',
  'start',
  'end',
  'quote',
  'colour',
  'tags',
  'note',
  'link_type',
  'linked_article_id',
  'linked_article_title',
  'linked_start',
  'linked_end',
  'linked_quote',
  'created',
  'modified',
  'creator',
] as const

type Row = Partial<Record<(typeof CSV_COLUMNS)[number], string | number>>

/**
 * One row per highlight, per article note and per link: UTF-8 with a BOM (so spreadsheet programs
 * read accents right), RFC 4180 quoting by csv-stringify, formula-like cells neutralised. Tags are
 * their paths in the hierarchy ("Security / Sovereignty"), separated by "; ".
 */
export function toCsv(data: ExportData): string {
  return [...csvChunks(data)].join('')
}

/** The same CSV a thousand rows at a time. */
export function* csvChunks(data: ExportData): Generator<string> {
  yield stringify([[...CSV_COLUMNS]], { bom: true, record_delimiter: 'windows' })
  let batch: Row[] = []
  for (const row of csvRows(data)) {
    batch.push(row)
    if (batch.length === 1000) {
      yield stringify(batch.map(cells), { record_delimiter: 'windows' })
      batch = []
    }
  }
  if (batch.length) yield stringify(batch.map(cells), { record_delimiter: 'windows' })
}

const cells = (r: Row): Array<string | number> => CSV_COLUMNS.map((c) => (typeof r[c] === 'string' ? neutraliseFormula(r[c]) : (r[c] ?? '')))

function* csvRows(data: ExportData): Generator<Row> {
  const articleColumns = (id: string): Row => {
    const a = articleOf(data, id)
    return { article_id: id, article_title: a?.title ?? '', article_outlet: a?.outlet ?? '', article_author: a?.author ?? '', article_date: a?.date ?? '', article_path: a?.path ?? '' }
  }
  const tags = (ids: string[]): string =>
    ids
      .map((id) => tagPath(data, id))
      .filter(Boolean)
      .join('; ')
  for (const { record: h, place } of data.highlights) {
    yield {
      record_type: 'highlight',
      annotation_id: h.id,
      ...articleColumns(h.target.articleId),
      start: place?.start ?? '',
      end: place?.end ?? '',
      quote: h.target.quote.exact,
      colour: h.colour,
      tags: tags(h.tagIds),
      note: h.note,
      created: h.createdAt,
      modified: h.updatedAt,
      creator: h.creator,
    }
  }
  for (const n of data.articleNotes)
    yield { record_type: 'article_note', annotation_id: n.id, ...articleColumns(n.articleId), tags: tags(n.tagIds), note: n.note, created: n.createdAt, modified: n.updatedAt, creator: n.creator }
  for (const { record: l, source, target } of data.links) {
    yield {
      record_type: 'link',
      annotation_id: l.id,
      ...articleColumns(l.source.articleId),
      start: source?.start ?? '',
      end: source?.end ?? '',
      quote: l.source.quote.exact,
      tags: tags(l.tagIds),
      note: l.note,
      link_type: l.linkType,
      linked_article_id: l.target.articleId,
      linked_article_title: articleOf(data, l.target.articleId)?.title ?? '',
      linked_start: target?.start ?? '',
      linked_end: target?.end ?? '',
      linked_quote: l.target.quote.exact,
      created: l.createdAt,
      modified: l.updatedAt,
      creator: l.creator,
    }
  }
}
