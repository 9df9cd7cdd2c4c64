import { existsSync } from 'node:fs'
import { basename, dirname, isAbsolute, relative, resolve } from 'node:path'
import { compareTexts, suggestedKind } from '@core/compare/compare'
import type { ComparisonResult, Span } from '@core/compare/types'
import { readArticleFile } from '../node/library/read-article-file'
import { DATA_FOLDER } from '../node/store/store'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'

interface Side {
  path: string
  title: string
  text: string
}

/** A file path, or (with --folder) a path inside the library or a library id from its registry. */
async function locate(arg: string, folder: string | undefined): Promise<{ root: string; path: string }> {
  if (folder) {
    const root = resolve(folder)
    const inside = resolve(root, arg)
    if (existsSync(inside)) return { root, path: relative(root, inside) }
    const registry = await readFile(join(root, DATA_FOLDER, 'registry.json'), 'utf8').catch(() => '')
    const entry = registry ? (JSON.parse(registry) as { records?: Record<string, { path: string }> }).records?.[arg] : undefined
    if (entry) return { root, path: entry.path }
    throw new Error(`${arg} is neither a file in ${folder} nor an article id of that library.`)
  }
  const full = isAbsolute(arg) ? arg : resolve(arg)
  if (!existsSync(full)) throw new Error(`${arg}: no such file.`)
  return { root: dirname(full), path: basename(full) }
}

async function load(arg: string, folder: string | undefined): Promise<Side> {
  const { root, path } = await locate(arg, folder)
  const { summary, article } = await readArticleFile(root, path)
  if (!article) throw new Error(`${arg}: ${summary.warnings[0]?.message ?? 'cannot be read.'}`)
  return { path: folder ? path : join(root, path), title: summary.meta.title, text: article.text }
}

const span = (s: Span): Span => ({ start: s.start, end: s.end, text: s.text })

/** The documented JSON shape of `parallax compare --json`. */
export function comparisonJson(left: Side, right: Side, result: ComparisonResult): object {
  return {
    left: { path: left.path, title: left.title },
    right: { path: right.path, title: right.title },
    links: result.links.map((l) => ({ left: span(l.left), right: span(l.right), score: l.score, kind: suggestedKind(l), differences: l.differences })),
    onlyLeft: result.onlyLeft.map(span),
    onlyRight: result.onlyRight.map(span),
    entities: {
      onlyLeft: result.entities.onlyLeft.map((e) => ({ name: e.name, type: e.type, mentions: e.mentions.length })),
      onlyRight: result.entities.onlyRight.map((e) => ({ name: e.name, type: e.type, mentions: e.mentions.length })),
      both: result.entities.both.map((e) => ({ name: e.name, type: e.type, mentions: e.mentions.length })),
    },
    statements: result.statements.map((s) => ({ side: s.side, speaker: s.speaker, start: s.start, end: s.end, text: s.text })),
  }
}

const clip = (text: string, n: number): string => (text.length > n ? `${text.slice(0, n - 1)}…` : text)

function human(left: Side, right: Side, result: ComparisonResult): string {
  const lines: string[] = []
  const width = 58
  lines.push(`LEFT   ${left.title}\n       ${left.path}`, `RIGHT  ${right.title}\n       ${right.path}`, '')
  lines.push(`${result.links.length} linked passages, ${result.onlyLeft.length} only on the left, ${result.onlyRight.length} only on the right`, '')
  for (const l of result.links) {
    lines.push(`── ${suggestedKind(l)} · strength ${l.score.toFixed(2)} ${'─'.repeat(40)}`)
    const a = clip(l.left.text, width * 3).match(new RegExp(`.{1,${width}}(\\s|$)`, 'g')) ?? []
    const b = clip(l.right.text, width * 3).match(new RegExp(`.{1,${width}}(\\s|$)`, 'g')) ?? []
    for (let i = 0; i < Math.max(a.length, b.length); i++) lines.push(`${(a[i] ?? '').trimEnd().padEnd(width)} │ ${(b[i] ?? '').trimEnd()}`)
    for (const d of l.differences) lines.push(`   ≠ ${d.kind}: ${d.left || '—'}  /  ${d.right || '—'}`)
  }
  const names = (list: Array<{ name: string }>): string => list.map((e) => e.name).join(', ') || '—'
  lines.push(
    '',
    `Only on the left:  ${names(result.entities.onlyLeft)}`,
    `Only on the right: ${names(result.entities.onlyRight)}`,
    `In both:           ${names(result.entities.both)}`,
    '',
    'Who said what:',
  )
  for (const s of result.statements) lines.push(`  [${s.side}] ${s.speaker}: ${clip(s.text, 110)}`)
  return lines.join('\n') + '\n'
}

/** `parallax compare <fileA> <fileB> [--json] [--folder LIBRARY]`. */
export async function runCompare(a: string, b: string, options: { json: boolean; folder?: string }): Promise<number> {
  try {
    const [left, right] = await Promise.all([load(a, options.folder), load(b, options.folder)])
    const result = compareTexts(left.text, right.text)
    process.stdout.write(options.json ? JSON.stringify(comparisonJson(left, right, result), null, 2) + '\n' : human(left, right, result))
    return 0
  } catch (error) {
    process.stderr.write(`parallax compare: ${error instanceof Error ? error.message : String(error)}\n`)
    return 2
  }
}
