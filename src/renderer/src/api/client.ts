import type { ArgsOf, MethodName, ParallaxApi, ResultOf } from '../../../shared/contract'
import type { ApiEvent } from '../../../shared/types'
import { createHttpTransport } from './http-transport'

/** An error from the host whose message is written for the researcher. */
export class HostError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'HostError'
  }
}

/** What a host carries: an envelope per call, and a stream of events. */
export interface Transport {
  call(method: MethodName, args: unknown): Promise<{ ok: true; result: unknown } | { ok: false; error: { code: string; message: string } }>
  subscribe(listener: (event: ApiEvent) => void): () => void
  /** Absolute path of a dropped file; Electron only. */
  pathForFile?: (file: File) => string
}

export interface Client extends ParallaxApi {
  host: 'electron' | 'http'
  pathForFile?: (file: File) => string
}

/**
 * The renderer's only way to the host. Picks the Electron preload bridge when present, the
 * HTTP transport otherwise; everything above this file is host-agnostic.
 */
export function createClient(): Client {
  const bridge = window.parallaxHost
  const transport: Transport = bridge
    ? { call: (m, a) => bridge.call(m, a) as ReturnType<Transport['call']>, subscribe: (l) => bridge.subscribe((e) => l(e as ApiEvent)), pathForFile: (f) => bridge.pathForFile(f) }
    : createHttpTransport()
  return {
    host: bridge ? 'electron' : 'http',
    pathForFile: transport.pathForFile,
    async call<M extends MethodName>(method: M, args: ArgsOf<M>): Promise<ResultOf<M>> {
      const envelope = await transport.call(method, args)
      if (!envelope.ok) throw new HostError(envelope.error.code, envelope.error.message)
      return envelope.result as ResultOf<M>
    },
    subscribe: (listener) => transport.subscribe(listener),
  }
}
