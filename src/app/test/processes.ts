import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { join } from 'node:path'

const project = join(__dirname, '../../..')
const script = join(__dirname, 'service-process.ts')

/** A `service-process.ts` child: send a command, get its one-line JSON answer. */
export interface ServiceProcess {
  send: <T = unknown>(command: object) => Promise<T>
  exit: () => Promise<void>
  stderr: () => string
}

/**
 * Starts a service process on a library. With `namespaceSetup`, it runs inside its own Linux
 * user and mount namespace after that shell snippet (a small tmpfs, a read-only bind mount),
 * so a test can give it a real full or read-only disk without touching the machine's.
 */
export function startServiceProcess(library: string, fallback: string, namespaceSetup?: string): ServiceProcess {
  const node = [process.execPath, '--import', 'tsx', script, library, fallback]
  const child: ChildProcessWithoutNullStreams = namespaceSetup
    ? spawn('unshare', ['-Urm', 'sh', '-c', `${namespaceSetup} && exec "$@"`, 'sh', ...node], { cwd: project })
    : spawn(node[0]!, node.slice(1), { cwd: project })
  let stderr = ''
  child.stderr.on('data', (d: Buffer) => (stderr += d))
  const waiting: Array<(value: unknown) => void> = []
  let buffered = ''
  child.stdout.on('data', (d: Buffer) => {
    buffered += d
    const lines = buffered.split('\n')
    buffered = lines.pop()!
    for (const line of lines) if (line.trim()) waiting.shift()?.(JSON.parse(line))
  })
  const ready = new Promise((resolve) => waiting.push(resolve))
  const failed = new Promise<never>((_, reject) => child.on('exit', (code) => reject(new Error(`service process exited (${code}): ${stderr}`))))
  failed.catch(() => undefined)
  return {
    send: async <T>(command: object): Promise<T> => {
      await Promise.race([ready, failed])
      const answer = new Promise((resolve) => waiting.push(resolve))
      child.stdin.write(JSON.stringify(command) + '\n')
      return (await Promise.race([answer, failed])) as T
    },
    exit: async () => {
      if (child.exitCode !== null) return
      const gone = new Promise((r) => child.once('exit', r))
      child.stdin.write(JSON.stringify({ op: 'exit' }) + '\n')
      child.stdin.end()
      await gone
    },
    stderr: () => stderr,
  }
}

export function namespacesAvailable(): boolean {
  return process.platform === 'linux' && spawnSync('unshare', ['-Urm', 'sh', '-c', 'mount -t tmpfs -o size=1m tmpfs /tmp && true'], { encoding: 'utf8' }).status === 0
}
