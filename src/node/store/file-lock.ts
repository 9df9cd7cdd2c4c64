import { hostname } from 'node:os'
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { processAlive } from '../process-alive'

/** A lock whose owner cannot be checked (another host, or no owner file yet) is stale after this long. */
const STALE_LOCK_MS = 5_000

/**
 * Cross-process mutual exclusion with an atomic mkdir, which works on every local file system.
 * The owner's host and pid are written inside, so a lock left by a killed process on this
 * machine is broken at once instead of after the timeout.
 */
export async function acquireLock(lockDir: string): Promise<() => Promise<void>> {
  await mkdir(dirname(lockDir), { recursive: true })
  const owner = `${hostname()}:${process.pid}`
  for (let attempt = 0; ; attempt++) {
    try {
      await mkdir(lockDir)
      await writeFile(join(lockDir, 'owner'), owner)
      return async () => {
        await rm(lockDir, { recursive: true, force: true })
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      if (await isStale(lockDir)) {
        await rm(lockDir, { recursive: true, force: true })
        continue
      }
      await new Promise((r) => setTimeout(r, Math.min(50, 2 + attempt)))
    }
  }
}

/**
 * The same lock taken only if it is free (or its owner is gone): for a resource one process
 * owns for its lifetime, where the others do something else rather than wait.
 */
export async function tryLock(lockDir: string): Promise<(() => Promise<void>) | undefined> {
  await mkdir(dirname(lockDir), { recursive: true })
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await mkdir(lockDir)
      await writeFile(join(lockDir, 'owner'), `${hostname()}:${process.pid}`)
      return () => rm(lockDir, { recursive: true, force: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      if (!(await isStale(lockDir))) return undefined
      await rm(lockDir, { recursive: true, force: true })
    }
  }
  return undefined
}

async function isStale(lockDir: string): Promise<boolean> {
  const holder = await readFile(join(lockDir, 'owner'), 'utf8').catch(() => '')
  const [host, pid] = holder.split(':')
  if (host === hostname() && pid) return !processAlive(Number(pid))
  const s = await stat(lockDir).catch(() => undefined)
  return !!s && Date.now() - s.mtimeMs > STALE_LOCK_MS
}
