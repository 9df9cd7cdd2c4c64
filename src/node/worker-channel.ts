import type { Worker } from 'node:worker_threads'

/** What a worker sends back: an answer to call `id`, or an event of its own (no id). */
export type WorkerReply = { id: number; result?: unknown; error?: string } | ({ id?: undefined } & Record<string, unknown>)

/**
 * Typed request/answer calls to one worker thread. A worker that fails or exits rejects every
 * call it still owed with an error that says so (instead of leaving them pending for ever), and
 * is marked dead so its pool can replace it.
 */
export class WorkerChannel<Request extends object> {
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>()
  private nextId = 0
  private failure: Error | undefined
  /** Calls not yet sent, when calls are batched (see `batched`). */
  private outbox: { requests: object[]; transfer: ArrayBuffer[] } | undefined

  constructor(
    readonly worker: Worker,
    private readonly name: string,
    onEvent?: (message: Record<string, unknown>) => void,
    /**
     * Calls made in one turn of the event loop go to the worker as one message (an array), for
     * workers that answer many small calls (see parse-worker.ts, which answers likewise): a
     * message costs both threads more than parsing a short article.
     */
    private readonly batched = false,
  ) {
    const answer = (message: WorkerReply): void => {
      if (message.id === undefined) return onEvent?.(message)
      const call = this.pending.get(message.id)
      this.pending.delete(message.id)
      if (message.error !== undefined) call?.reject(new Error(message.error))
      else call?.resolve(message.result)
    }
    worker.on('message', (message: WorkerReply | WorkerReply[]) => (Array.isArray(message) ? message.forEach(answer) : answer(message)))
    worker.on('error', (error) => this.fail(new Error(`The ${name} worker failed: ${error.message}`)))
    worker.on('exit', (code) => this.fail(new Error(`The ${name} worker stopped (exit code ${code}) before answering.`)))
  }

  /** Calls the worker, handing over `transfer` (moved, not copied); rejects at once if it is dead. */
  call<T>(request: Request, transfer: ArrayBuffer[] = []): Promise<T> {
    if (this.failure) return Promise.reject(this.failure)
    return new Promise<T>((resolve, reject) => {
      const id = this.nextId++
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject })
      if (!this.batched) return this.worker.postMessage({ ...request, id }, transfer)
      if (!this.outbox) {
        this.outbox = { requests: [], transfer: [] }
        setImmediate(() => this.send())
      }
      this.outbox.requests.push({ ...request, id })
      this.outbox.transfer.push(...transfer)
    })
  }

  private send(): void {
    const { requests, transfer } = this.outbox!
    this.outbox = undefined
    if (!this.failure) this.worker.postMessage(requests, transfer)
  }

  /** Calls made to this worker since it started. */
  get calls(): number {
    return this.nextId
  }

  /** Calls still waiting for an answer: the pool sends new work to the least loaded worker. */
  get load(): number {
    return this.pending.size
  }

  get dead(): boolean {
    return this.failure !== undefined
  }

  terminate(): Promise<number> {
    this.failure ??= new Error(`The ${this.name} worker was stopped.`)
    return this.worker.terminate()
  }

  private fail(error: Error): void {
    this.failure ??= error
    for (const call of this.pending.values()) call.reject(this.failure)
    this.pending.clear()
  }
}
