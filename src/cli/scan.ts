import { existsSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { walkLibrary } from '../node/library/walk'
import { createParsePool } from '../node/parse-pool'

/** `parallax scan`: the same reading code as the app, over a folder, without writing anything. */
export async function runScan(folder: string, options: { json: boolean; maxMb?: number }): Promise<number> {
  const root = resolve(folder)
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    process.stderr.write(`parallax scan: ${folder} is not a folder.\n`)
    return 2
  }
  const files = await walkLibrary(root)
  const maxBytes = options.maxMb ? options.maxMb * 1024 * 1024 : undefined
  // Parsed in the app's worker pool (one worker per core), a bounded number of files in flight.
  const pool = createParsePool(root, maxBytes)
  const summaries = new Array<Awaited<ReturnType<typeof pool.read>>['summary']>(files.length)
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(32, files.length) }, async () => {
      for (let i = next++; i < files.length; i = next++) summaries[i] = (await pool.read(files[i]!.path, false)).summary
    }),
  ).finally(() => pool.close())
  const records = []
  for (const summary of summaries) {
    records.push({
      path: summary.path,
      readable: summary.readable,
      format: summary.format ?? null,
      title: summary.meta.title,
      titleSource: summary.meta.titleSource,
      date: summary.meta.date ?? null,
      author: summary.meta.author ?? null,
      outlet: summary.meta.outlet ?? null,
      categories: summary.meta.categories,
      extra: summary.meta.extra,
      characters: summary.characters,
      bytes: summary.size,
      encoding: summary.encoding ?? null,
      repairs: summary.repairs,
      warnings: summary.warnings,
    })
  }
  if (options.json) process.stdout.write(JSON.stringify(records, null, 2) + '\n')
  else {
    for (const r of records) {
      const who = [r.outlet, r.author].filter(Boolean).join(' · ')
      process.stdout.write(`${r.readable ? '✓' : '✗'} ${r.path}\n    ${r.title}${r.date ? `  (${r.date})` : ''}${who ? `  — ${who}` : ''}\n`)
      if (r.readable)
        process.stdout.write(
          `    ${r.characters.toLocaleString('en')} character${r.characters === 1 ? '' : 's'}, ${r.encoding}${r.categories.length ? `, categories: ${r.categories.join(', ')}` : ''}\n`,
        )
      for (const rep of r.repairs) process.stdout.write(`    repaired: ${rep}\n`)
      // A repair is also a warning (so the library badges it); print it once.
      for (const w of r.warnings.filter((x) => !r.repairs.includes(x.message))) process.stdout.write(`    warning: ${w.message}\n`)
    }
    process.stdout.write(`${records.length} files, ${records.filter((r) => r.readable).length} readable.\n`)
  }
  return 0
}
