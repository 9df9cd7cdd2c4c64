/** Runs a CLI command in-process and collects what it prints on standard output and error. */
export async function capture(run: () => Promise<number>): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const write = process.stdout.write.bind(process.stdout)
  const writeErr = process.stderr.write.bind(process.stderr)
  process.stdout.write = ((chunk: string | Uint8Array) => ((out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString()), true)) as typeof process.stdout.write
  process.stderr.write = ((chunk: string) => ((err += chunk), true)) as typeof process.stderr.write
  try {
    return { code: await run(), out, err }
  } finally {
    process.stdout.write = write
    process.stderr.write = writeErr
  }
}
