import { dirname, join } from 'node:path'
import { parseArgs } from 'node:util'
import { runScan } from './scan'
import { runServe } from './serve'

const HELP = `parallax — a research notebook for reading news reports side by side

Usage:
  parallax serve [--folder PATH] [--port N] [--bind ADDR] [--open]
      Serve the Parallax UI and API over HTTP (127.0.0.1 by default, with an access token).
  parallax scan <folder> [--json]
      Read every article file in a folder and report metadata, encoding, repairs and warnings.
  parallax compare <fileA> <fileB> [--json] [--folder LIBRARY]
      Compare two article files: linked passages, what only one says, entities, who said what.
      With --folder, A and B may be paths inside the library or its article ids.
  parallax export <library> --format w3c|csv|markdown|html|qdpx [--article PATH | --tag NAME | --compare PATH_A PATH_B] --out FILE|- [--force]
      Export annotated notes (article paths are relative to the library; - writes text formats to standard output).
  parallax import <library> <file.json|file.jsonld|file.qdpx>
      Import W3C Web Annotations or a REFI-QDA project; importing twice adds nothing twice.
  parallax bench [--articles N] [--article-bytes B] [--only writers|compare|search|export] [--json]
  parallax bench --scale 1000,10000,30000   search and scale figures per library size, one table
      Measure scanning, saving, anchoring and search speed on a generated library.
`

/** Entry point of the `parallax` command. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  switch (command) {
    case 'serve': {
      const { values } = parseArgs({ args: rest, options: { folder: { type: 'string' }, port: { type: 'string' }, bind: { type: 'string' }, open: { type: 'boolean' }, 'max-mb': { type: 'string' } } })
      return runServe({
        folder: values.folder,
        port: values.port ? Number(values.port) : undefined,
        bind: values.bind,
        open: values.open ?? false,
        maxMb: values['max-mb'] ? Number(values['max-mb']) : undefined,
      })
    }
    case 'scan': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { json: { type: 'boolean' }, 'max-mb': { type: 'string' } } })
      if (!positionals[0]) {
        process.stderr.write('parallax scan: give a folder to scan.\n')
        return 2
      }
      return runScan(positionals[0], { json: values.json ?? false, maxMb: values['max-mb'] ? Number(values['max-mb']) : undefined })
    }
    case 'export': {
      const args = [...rest]
      const at = args.indexOf('--compare')
      const compare = at >= 0 ? (args.splice(at, 3).slice(1) as [string, string]) : undefined
      if (compare && compare.length !== 2) {
        process.stderr.write('parallax export: --compare takes two article paths.\n')
        return 2
      }
      const { values, positionals } = parseArgs({
        args,
        allowPositionals: true,
        options: { format: { type: 'string' }, article: { type: 'string' }, tag: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' } },
      })
      if (!positionals[0]) {
        process.stderr.write('parallax export: give the library folder.\n')
        return 2
      }
      const { runExport } = await import('./exchange')
      return runExport(positionals[0], { format: values.format, article: values.article, tag: values.tag, compare, out: values.out, force: values.force ?? false })
    }
    case 'import': {
      const { positionals } = parseArgs({ args: rest, allowPositionals: true, options: {} })
      if (positionals.length !== 2) {
        process.stderr.write('parallax import: give the library folder and the file to import.\n')
        return 2
      }
      const { runImport } = await import('./exchange')
      return runImport(positionals[0]!, positionals[1]!)
    }
    case 'compare': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { json: { type: 'boolean' }, folder: { type: 'string' } } })
      if (positionals.length !== 2) {
        process.stderr.write('parallax compare: give two article files (or, with --folder, two paths or ids in that library).\n')
        return 2
      }
      const { runCompare } = await import('./compare')
      return runCompare(positionals[0]!, positionals[1]!, { json: values.json ?? false, folder: values.folder })
    }
    case 'bench': {
      const { runBench } = await import('./bench')
      const { values } = parseArgs({
        args: rest,
        options: {
          articles: { type: 'string' },
          only: { type: 'string' },
          json: { type: 'boolean' },
          scale: { type: 'string' },
          'generate-into': { type: 'string' },
          'engine-build': { type: 'string' },
          'article-bytes': { type: 'string' },
        },
      })
      if (values.scale) {
        const { runScaleBench } = await import('./bench-scale')
        return runScaleBench(values.scale.split(',').map(Number))
      }
      const articles = values.articles ? Number(values.articles) : 10_000
      // Text per generated article: the default is a long news report; shorter ones weigh a file's fixed costs more.
      const articleBytes = values['article-bytes'] ? Number(values['article-bytes']) : undefined
      if (values['engine-build']) {
        // The engine-only baseline of a cold build, in a fresh process as a cold start is (see shippedBuild).
        const { shippedBuild } = await import('./bench-native')
        const folder = values['engine-build']
        process.stdout.write(`${JSON.stringify({ buildMs: shippedBuild(folder, join(dirname(folder), 'engine.sqlite')) })}\n`)
        return 0
      }
      if (values['generate-into']) {
        // The bench's corpus, made in a process of its own so its garbage is not in the bench's memory figures.
        const { generateLibrary } = await import('./bench-corpus')
        process.stdout.write(`${JSON.stringify(await generateLibrary(values['generate-into'], articles, articleBytes))}\n`)
        return 0
      }
      return runBench({ articles, articleBytes, only: values.only, json: values.json ?? false })
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(HELP)
      return 0
    default:
      process.stderr.write(`parallax: unknown command "${command}".\n\n${HELP}`)
      return 2
  }
}
