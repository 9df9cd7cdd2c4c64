import type { Worker } from 'node:worker_threads'
import { batchPerTurn } from './batch-per-turn'

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
  /** Sends a call, or queues it for the end of the turn when calls are batched. */
  private readonly send: (request: object, transfer?: ArrayBuffer[]) => void

  constructor(
    readonly worker: Worker,
    private readonly name: string,
    onEvent?: (message: Record<string, unknown>) => void,
    /** Calls made in one turn of the event loop go as one message, an array (see batchPerTurn); the worker answers likewise. */
    batched = false,
  ) {
    this.send = batched
      ? batchPerTurn((requests, transfer) => {
          if (!this.failure) worker.postMessage(requests, transfer)
        })
      : (request, transfer) => worker.postMessage(request, transfer)
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
      this.send({ ...request, id }, transfer)
    })
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
