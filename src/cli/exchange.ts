import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { basename, join, resolve } from 'node:path'
import { ParallaxService } from '../app/parallax-service'
import type { ExportFormat, ExportScope } from '@shared/types'
import { APP_VERSION } from '@shared/version'

const FORMATS: ExportFormat[] = ['w3c', 'csv', 'markdown', 'html', 'qdpx']

/** The library as the app sees it (the same annotations, even while the app has it open). */
async function openLibrary(folder: string): Promise<ParallaxService> {
  const root = resolve(folder)
  if (!existsSync(root)) throw new Error(`${folder}: no such library folder.`)
  const fallbackDataFolder = join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'parallax', createHash('sha256').update(root).digest('hex').slice(0, 16))
  const service = await ParallaxService.open({ libraryFolder: root, fallbackDataFolder, host: 'http', version: APP_VERSION, user: 'parallax-cli' })
  await service.scan()
  return service
}

export interface ExportOptions {
  format?: string
  article?: string
  tag?: string
  compare?: [string, string]
  out?: string
  force: boolean
}

/** `parallax export <library> --format F [--article PATH | --tag NAME | --compare A B] --out FILE|- [--force]`. */
export async function runExport(folder: string, options: ExportOptions): Promise<number> {
  const format = options.format as ExportFormat
  if (!FORMATS.includes(format)) return fail(`choose --format ${FORMATS.join('|')}.`)
  if (!options.out) return fail('give --out FILE (or --out - for standard output).')
  if (options.out === '-' && format === 'qdpx') return fail('a .qdpx project is a zip file; write it to a file with --out FILE.')
  const out = options.out === '-' ? '-' : resolve(options.out)
  if (out !== '-' && existsSync(out) && !options.force) return fail(`${options.out} exists; add --force to replace it.`)
  let service: ParallaxService | undefined
  try {
    service = await openLibrary(folder)
    const list = await service.handlers['library.list']({})
    const byPath = (p: string): string => {
      const found = list.find((a) => a.path === p || a.path === p.replace(/\\/g, '/'))
      if (!found) throw new Error(`${p} is not an article of ${folder} (paths are relative to the library).`)
      return found.id
    }
    let scope: ExportScope = { kind: 'library' }
    if (options.article) scope = { kind: 'article', articleId: byPath(options.article) }
    else if (options.compare) scope = { kind: 'comparison', leftId: byPath(options.compare[0]), rightId: byPath(options.compare[1]) }
    else if (options.tag) {
      const tag = (await service.handlers['codebook.list']({})).find((t) => t.name.toLowerCase() === options.tag!.toLowerCase())
      if (!tag) throw new Error(`no tag called "${options.tag}" in ${folder}.`)
      scope = { kind: 'tag', tagId: tag.id }
    }
    if (out === '-') {
      const file = await service.handlers['export.run']({ scope, format })
      process.stdout.write(file.content)
    } else {
      // Written as it is produced, through a temp file renamed at the end.
      const counts = await service.exportToFile(scope, format, out)
      process.stderr.write(`Exported ${counts.highlights} highlights, ${counts.notes} article notes and ${counts.links} links from ${counts.articles} articles to ${out}\n`)
    }
    return 0
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error))
  } finally {
    await service?.close()
  }
}

/** `parallax import <library> <file.json|file.jsonld|file.qdpx>`. */
export async function runImport(folder: string, file: string): Promise<number> {
  let service: ParallaxService | undefined
  try {
    const bytes = await readFile(file).catch(() => {
      throw new Error(`${file}: no such file.`)
    })
    service = await openLibrary(folder)
    const summary = await service.handlers['import.run']({ fileName: basename(file), base64: bytes.toString('base64') })
    process.stdout.write(
      `Imported ${summary.highlights} highlights, ${summary.notes} article notes, ${summary.links} links and ${summary.tags} new tags; ${summary.duplicates} already in the library.\n`,
    )
    for (const u of summary.unmatched) process.stdout.write(`  not imported: ${u}\n`)
    return 0
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error))
  } finally {
    await service?.close()
  }
}

function fail(message: string): number {
  process.stderr.write(`parallax: ${message}\n`)
  return 2
}
