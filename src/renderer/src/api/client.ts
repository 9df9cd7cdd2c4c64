import type { ArgsOf, MethodName, ParallaxApi, ResultOf } from '@shared/contract'
import type { ApiEvent, ExportScope, ImportReport, SavedPdf } from '@shared/types'
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

type Envelope = { ok: true; result: unknown } | { ok: false; error: { code: string; message: string } }

/** A host's answer as a value, or its error thrown with the host's code and message. */
function resultOf<T>(envelope: Envelope): T {
  if (!envelope.ok) throw new HostError(envelope.error.code, envelope.error.message)
  return envelope.result as T
}

/** What a host carries: an envelope per call, and a stream of events. */
export interface Transport {
  call(method: MethodName, args: unknown): Promise<Envelope>
  /** `onOpen` runs each time the stream is (re)connected: from then on no event is missed. */
  subscribe(listener: (event: ApiEvent) => void, onOpen: () => void): () => void
  /** Imports dropped or chosen files by their paths on disk; Electron only (null: none had a path). */
  importFiles?: (files: File[]) => Promise<Envelope>
  /** Saves the HTML report of a scope as PDF through Chromium's print engine; Electron only. */
  savePdf?: (scope: ExportScope) => Promise<Envelope>
}

export interface Client extends ParallaxApi {
  host: 'electron' | 'http'
  /** Electron only: imports dropped files by path; null when none of them has a path on disk. */
  importFiles?: (files: File[]) => Promise<ImportReport | null>
  /** Electron only: prints a scope's HTML report to a PDF the user saves; null when they cancelled. */
  savePdf?: (scope: ExportScope) => Promise<SavedPdf | null>
  /** Resolves once the event stream is connected: state read after this misses no change. */
  whenSubscribed(): Promise<void>
  /** Runs after the event stream reconnected from a drop; events may have been missed meanwhile. */
  onResync(listener: () => void): () => void
}

/**
 * The renderer's only way to the host. Picks the Electron preload bridge when present, the
 * HTTP transport otherwise; everything above this file is host-agnostic.
 */
export function createClient(): Client {
  const bridge = window.parallaxHost
  const transport: Transport = bridge
    ? {
        call: (m, a) => bridge.call(m, a) as ReturnType<Transport['call']>,
        subscribe: (l, onOpen) => {
          const off = bridge.subscribe((e) => l(e as ApiEvent))
          queueMicrotask(onOpen)
          return off
        },
        importFiles: (files) => bridge.importFiles(files) as ReturnType<NonNullable<Transport['importFiles']>>,
        savePdf: (scope) => bridge.savePdf(scope) as ReturnType<NonNullable<Transport['savePdf']>>,
      }
    : createHttpTransport()
  const events = sharedEventStream(transport)
  return {
    host: bridge ? 'electron' : 'http',
    importFiles: transport.importFiles && (async (files) => resultOf<ImportReport | null>(await transport.importFiles!(files))),
    savePdf: transport.savePdf && (async (scope) => resultOf<SavedPdf | null>(await transport.savePdf!(scope))),
    async call<M extends MethodName>(method: M, args: ArgsOf<M>): Promise<ResultOf<M>> {
      return resultOf<ResultOf<M>>(await transport.call(method, args))
    },
    subscribe: events.subscribe,
    whenSubscribed: events.whenSubscribed,
    onResync: events.onResync,
  }
}

/**
 * One event stream for the whole window, shared by every subscriber. (One EventSource per hook
 * held four of the browser's six HTTP/1.1 connections to the host, queueing API calls.)
 */
function sharedEventStream(transport: Transport): Pick<Client, 'subscribe' | 'whenSubscribed' | 'onResync'> {
  const listeners = new Set<(event: ApiEvent) => void>()
  const resyncs = new Set<() => void>()
  let opened: Promise<void> | undefined
  const open = (): Promise<void> =>
    (opened ??= new Promise<void>((resolve) => {
      let connections = 0
      transport.subscribe(
        (event) => {
          for (const l of listeners) l(event)
        },
        () => {
          if (connections++ === 0) resolve()
          else for (const r of resyncs) r()
        },
      )
    }))
  return {
    subscribe(listener) {
      listeners.add(listener)
      void open()
      return () => void listeners.delete(listener)
    },
    whenSubscribed: open,
    onResync(listener) {
      resyncs.add(listener)
      return () => void resyncs.delete(listener)
    },
  }
}
