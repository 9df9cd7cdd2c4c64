import { spawn, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const project = join(__dirname, '../../..')
const watchModule = join(__dirname, '../watch-library.ts')

/**
 * Runs the watcher in its own Linux user namespace whose inotify limit is lowered to 20 watches
 * (`/proc/sys/user/max_inotify_watches` is per namespace, so the rest of the machine keeps its
 * limit). The child prints one JSON line per watcher callback.
 */
const script = `
import { watchLibrary } from ${JSON.stringify(watchModule)}
const say = (kind, detail) => console.log(JSON.stringify({ kind, detail }))
watchLibrary(process.argv[1], {
  changed: (p) => say('changed', p),
  removed: (p) => say('removed', p),
  degraded: (m) => say('degraded', m),
  ready: () => say('ready'),
})
`

function namespacesAvailable(): boolean {
  const probe = spawnSync('unshare', ['-Ur', 'sh', '-c', 'echo 20 > /proc/sys/user/max_inotify_watches'], { encoding: 'utf8' })
  return probe.status === 0
}

describe('watching a folder larger than the OS lets an app watch', () => {
  it('falls back to polling, says so, and still reports changes', async (ctx) => {
    if (process.platform !== 'linux' || !namespacesAvailable()) {
      console.warn('SKIPPED: the inotify-limit test needs Linux user namespaces (`unshare -Ur`) to lower the limit for one process; not available here.')
      ctx.skip()
    }
    const root = mkdtempSync(join(tmpdir(), 'parallax-watch-limit-'))
    for (let i = 0; i < 60; i++) {
      mkdirSync(join(root, `folder-${i}`))
      writeFileSync(join(root, `folder-${i}`, 'a.txt'), `Title: Article ${i}\nText:\nBody ${i}.\n`)
    }
    const child = spawn('unshare', ['-Ur', 'sh', '-c', `echo 20 > /proc/sys/user/max_inotify_watches && exec "$0" --import tsx --input-type=module -e "$1" "$2"`, process.execPath, script, root], {
      cwd: project,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const events: { kind: string; detail?: string }[] = []
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d))
    let buffered = ''
    child.stdout.on('data', (d: Buffer) => {
      buffered += d
      const lines = buffered.split('\n')
      buffered = lines.pop()!
      for (const line of lines) if (line.trim()) events.push(JSON.parse(line) as { kind: string; detail?: string })
    })
    const waitFor = async (pred: () => boolean, what: string, ms = 20_000): Promise<void> => {
      const until = Date.now() + ms
      while (!pred()) {
        if (Date.now() > until || child.exitCode !== null) throw new Error(`timed out waiting for ${what}; events ${JSON.stringify(events)}; stderr ${stderr}`)
        await new Promise((r) => setTimeout(r, 50))
      }
    }
    try {
      await waitFor(() => events.some((e) => e.kind === 'degraded'), 'the degraded notice')
      expect(events.find((e) => e.kind === 'degraded')?.detail).toMatch(/checks it for changes every second instead.*max_user_watches/)
      // Let the polling watcher list the folder, then change it: the change must still arrive.
      await waitFor(() => events.some((e) => e.kind === 'ready'), 'the polling watcher to be ready')
      writeFileSync(join(root, 'folder-59', 'new.txt'), 'Title: Added later\nText:\nArrived while polling.\n')
      await waitFor(() => events.some((e) => e.kind === 'changed' && e.detail === 'folder-59/new.txt'), 'the added file')
    } finally {
      child.kill()
      rmSync(root, { recursive: true, force: true })
    }
  })
})
