/**
 * The lifecycle every background component follows (the dskit model):
 *
 * ```
 *   New ──start()──▶ Starting ──starting() ok──▶ Running ──stop() or running() returns──▶ Stopping ──▶ Terminated
 *                      │                            │                                    │
 *                      └── starting() throws ───────┴── running() throws ──▶ Stopping ───┴── stopping() throws ──▶ Failed
 * ```
 *
 * `starting` runs once, `running` runs until it returns or the service is asked to stop
 * (it receives an AbortSignal), `stopping` always runs after `starting` succeeded, even
 * when `running` failed. A service that failed reports the first error as `failureCase()`.
 */
export type ServiceState = 'New' | 'Starting' | 'Running' | 'Stopping' | 'Terminated' | 'Failed';

/** A component with a lifecycle. */
export interface Service {
  readonly name: string;
  state(): ServiceState;
  /** Starts the service; resolves when it is Running. @throws the starting error. */
  startAsync(): Promise<void>;
  /** Asks the service to stop and resolves when it is Terminated or Failed. Never throws. */
  stopAsync(): Promise<void>;
  /** Resolves when the service reaches Running; rejects if it fails or ends first. */
  awaitRunning(): Promise<void>;
  /** Resolves when Terminated; rejects with the failure when Failed. */
  awaitTerminated(): Promise<void>;
  /** The error that made the service fail, if it did. */
  failureCase(): unknown;
  /** Registers a callback run on every state change. */
  onStateChange(cb: (from: ServiceState, to: ServiceState) => void): void;
}

/** The three functions a `BasicService` is built from; each may be omitted. */
export interface ServiceFns {
  starting?: (signal: AbortSignal) => Promise<void>;
  running?: (signal: AbortSignal) => Promise<void>;
  stopping?: (failure: unknown) => Promise<void>;
}

/** A `Service` built from starting/running/stopping functions. */
export class BasicService implements Service {
  readonly name: string;
  private current: ServiceState = 'New';
  private failure: unknown;
  private readonly abort = new AbortController();
  private readonly listeners: ((from: ServiceState, to: ServiceState) => void)[] = [];
  private readonly running = deferred();
  private readonly terminated = deferred();
  private started = false;

  constructor(name: string, private readonly fns: ServiceFns) {
    this.name = name;
    // Avoid unhandled rejections when nobody awaits these.
    this.running.promise.catch(() => undefined);
    this.terminated.promise.catch(() => undefined);
  }

  state(): ServiceState {
    return this.current;
  }

  failureCase(): unknown {
    return this.failure;
  }

  onStateChange(cb: (from: ServiceState, to: ServiceState) => void): void {
    this.listeners.push(cb);
  }

  async startAsync(): Promise<void> {
    if (this.started) throw new Error(`service ${this.name} already started`);
    this.started = true;
    void this.lifecycle();
    await this.running.promise;
  }

  async stopAsync(): Promise<void> {
    if (!this.started) {
      this.started = true;
      this.transition('Terminated');
      this.running.reject(new Error(`service ${this.name} stopped before start`));
      this.terminated.resolve();
      return;
    }
    this.abort.abort();
    await this.terminated.promise.catch(() => undefined);
  }

  awaitRunning(): Promise<void> {
    return this.running.promise;
  }

  awaitTerminated(): Promise<void> {
    return this.terminated.promise;
  }

  private transition(to: ServiceState): void {
    const from = this.current;
    this.current = to;
    for (const cb of this.listeners) cb(from, to);
  }

  private async lifecycle(): Promise<void> {
    this.transition('Starting');
    try {
      await this.fns.starting?.(this.abort.signal);
    } catch (err) {
      this.fail(err);
      return;
    }
    if (this.abort.signal.aborted) {
      await this.stop(undefined);
      return;
    }
    this.transition('Running');
    this.running.resolve();
    let runErr: unknown;
    try {
      if (this.fns.running) await this.fns.running(this.abort.signal);
      else await waitAborted(this.abort.signal);
    } catch (err) {
      runErr = err ?? new Error('running failed');
    }
    await this.stop(runErr);
  }

  private async stop(runErr: unknown): Promise<void> {
    this.transition('Stopping');
    try {
      await this.fns.stopping?.(runErr);
    } catch (err) {
      this.fail(runErr ?? err);
      return;
    }
    if (runErr !== undefined) {
      this.fail(runErr);
      return;
    }
    this.transition('Terminated');
    this.running.reject(new Error(`service ${this.name} terminated`));
    this.terminated.resolve();
  }

  private fail(err: unknown): void {
    this.failure = err;
    this.transition('Failed');
    this.running.reject(err);
    this.terminated.reject(err);
  }
}

/** Resolves when `signal` aborts. */
export function waitAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

/** Sleeps `ms` or until `signal` aborts, whichever comes first. Never rejects. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
  reject: (err: unknown) => void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
