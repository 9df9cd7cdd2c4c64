import { existsSync } from 'node:fs'
import { copyFile, mkdir, readdir } from 'node:fs/promises'
import { homedir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The default library: "Parallax Library" in the user's Documents folder (or home). */
export function defaultLibraryFolder(documents?: string): string {
  const docs = documents ?? join(homedir(), 'Documents')
  return join(existsSync(docs) ? docs : homedir(), 'Parallax Library')
}

/** Where the shipped sample library is: next to the app in a package, in the repo otherwise. */
export function sampleLibraryFolder(resourcesPath?: string): string {
  const here = dirname(fileURLToPath(import.meta.url))
  const candidates = [resourcesPath && join(resourcesPath, 'sample-library'), resolve(here, '../../resources/sample-library'), resolve(here, '../../../resources/sample-library')].filter(
    (c): c is string => !!c,
  )
  return candidates.find((c) => existsSync(c)) ?? candidates[candidates.length - 1]!
}

/**
 * First run: creates the library folder and copies the two sample summit reports into it,
 * byte for byte. A folder that already exists is never touched, even when it is empty: the
 * researcher may have emptied it on purpose.
 */
export async function ensureLibraryFolder(folder: string, samples: string): Promise<{ created: boolean }> {
  if (existsSync(folder)) return { created: false }
  await mkdir(folder, { recursive: true })
  for (const name of await readdir(samples)) await copyFile(join(samples, name), join(folder, name))
  return { created: true }
}
