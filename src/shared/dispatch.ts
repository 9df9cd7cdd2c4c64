import { ApiError, parseArgs, type ApiErrorCode, type Handlers } from './contract'
import { isTrustedOnly, type MethodName } from './method-names'

/** A call's answer as it crosses a process boundary (Electron strips custom error properties). */
export type Envelope = { ok: true; result: unknown } | { ok: false; error: { code: ApiErrorCode; message: string } }

/** HTTP status of each error code, for `parallax serve`. */
export const HTTP_STATUS: Record<ApiErrorCode, number> = {
  'invalid-argument': 400,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  unsupported: 422,
  'not-saved': 507,
  cancelled: 409,
  internal: 500,
}

/**
 * The one way a host runs a call: refuse a path-taking method unless the host vouches for its
 * arguments (`trusted`), validate the arguments against the contract, call the handler, and
 * turn the outcome into an envelope. Used by Electron's IPC and by the HTTP host alike.
 */
export async function dispatch(handlers: Handlers, method: MethodName, raw: unknown, { trusted = false } = {}): Promise<Envelope> {
  try {
    if (isTrustedOnly(method) && !trusted) {
      throw new ApiError('forbidden', `${method} takes file paths, so only the app itself calls it, with files you drop or choose; a browser sends files with library.upload.`)
    }
    const args = parseArgs(method, raw)
    const result = await (handlers[method] as (a: unknown) => Promise<unknown>)(args)
    return { ok: true, result }
  } catch (error) {
    return { ok: false, error: { code: error instanceof ApiError ? error.code : 'internal', message: error instanceof Error ? error.message : String(error) } }
  }
}
