import { readdir, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { TEMP_FILE } from '../atomic-write'
import { processAlive } from '../process-alive'

/** Temp files of writers that are gone (killed mid-write, or a failed write) are removed. */
export async function removeDeadTempFiles(dataFolder: string): Promise<void> {
  for (const folder of [dataFolder, join(dataFolder, 'annotations'), join(dataFolder, 'cache')]) {
    const names = await readdir(folder).catch(() => [] as string[])
    for (const name of names) {
      const pid = TEMP_FILE.exec(name)?.[1]
      if (!pid || Number(pid) === process.pid) continue
      const file = join(folder, name)
      const age = Date.now() - ((await stat(file).catch(() => undefined))?.mtimeMs ?? Date.now())
      // A live writer on this machine keeps its temp file; one on another machine (a shared
      // folder) cannot be checked by pid, so only an hour-old temp file is taken as abandoned.
      if (processAlive(Number(pid)) && age < 3_600_000) continue
      await rm(file, { force: true }).catch(() => undefined)
    }
  }
}
