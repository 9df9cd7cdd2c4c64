/**
 * A real second (third…) process holding a library, for the tests that need several: opens
 * the service on argv[2] (fallback data folder argv[3]), then runs one JSON command per stdin
 * line and answers one JSON line per command, in order:
 *   {"op":"scan"} · {"op":"ids"} · {"op":"changed","path":…} · {"op":"call","method":…,"args":…}
 *   {"op":"many","method":…,"args":[…]} (all at once, answers each outcome) · {"op":"notices"}
 *   {"op":"reopen"} (close, open and scan again) · {"op":"files","path":…} (recursive listing) · {"op":"rm","path":…}
 */
import { readdirSync, rmSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { ParallaxService } from '../parallax-service'

const [library = '', fallback = ''] = process.argv.slice(2)
const open = (): Promise<ParallaxService> => ParallaxService.open({ libraryFolder: library, fallbackDataFolder: fallback, host: 'http', version: 'test', user: `process-${process.pid}` })
let service = await open()
type Call = (args: unknown) => Promise<unknown>
const call = (method: string): Call => (service.handlers as unknown as Record<string, Call>)[method]!
const outcome = async (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    (result) => ({ ok: true, result }),
    (error: Error & { code?: string }) => ({ ok: false, code: error.code, message: error.message }),
  )

process.stdout.write(JSON.stringify({ ready: true }) + '\n')
for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue
  const command = JSON.parse(line) as { op: string; path?: string; method?: string; args?: unknown }
  let answer: unknown
  if (command.op === 'scan') answer = await outcome(service.scan())
  else if (command.op === 'ids') answer = Object.fromEntries((await service.handlers['library.list']({})).map((a) => [a.path, a.id]))
  else if (command.op === 'changed') answer = await outcome(service.fileChanged(command.path!))
  else if (command.op === 'call') answer = await outcome(call(command.method!)(command.args))
  else if (command.op === 'many') answer = await Promise.all((command.args as unknown[]).map((a) => outcome(call(command.method!)(a))))
  else if (command.op === 'notices') answer = (await service.handlers['app.info']({})).notices
  else if (command.op === 'reopen') {
    await service.close()
    service = await open()
    answer = await outcome(service.scan())
  } else if (command.op === 'files') answer = readdirSync(command.path!, { recursive: true })
  else if (command.op === 'rm') answer = rmSync(command.path!, { force: true }) ?? true
  else if (command.op === 'exit') {
    await service.close()
    process.stdout.write(JSON.stringify(null) + '\n')
    process.exit(0)
  }
  process.stdout.write(JSON.stringify(answer) + '\n')
}
