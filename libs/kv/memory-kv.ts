import { pino, type Logger } from 'pino';
import type { KVClient } from './kv.js';
import { type CasOptions, type Versioned, type VersionedBackend, BackendKV } from './versioned.js';

/** Options of a `MemoryKV`. */
export interface MemoryKVOptions {
  /** @default 10 attempts, 10ms to 1s backoff */
  readonly cas?: Partial<CasOptions>;
  readonly logger?: Logger;
}

/** CAS defaults shared by both implementations (dskit's consul client retries 10 times). */
export const DEFAULT_CAS_OPTIONS: CasOptions = { maxRetries: 10, minBackoffMs: 10, maxBackoffMs: 1000 };

/**
 * A `KVClient` in process memory, for tests and single-process runs. Every component that should
 * share state must be given the same instance. Watches are woken by writes, without polling.
 */
export class MemoryKV extends BackendKV implements KVClient {
  private readonly entries = new Map<string, Versioned>();
  private counter = 0;
  private readonly waiters = new Set<() => void>();
  protected readonly casOptions: CasOptions;
  protected readonly logger: Logger;
  protected readonly backend: VersionedBackend;

  constructor(options: MemoryKVOptions = {}) {
    super();
    this.casOptions = { ...DEFAULT_CAS_OPTIONS, ...options.cas };
    this.logger = (options.logger ?? pino({ level: 'silent' })).child({ component: 'kv', store: 'inmemory' });
    this.backend = {
      getVersioned: async (key) => this.entries.get(key) ?? null,
      listVersions: async (prefix) => {
        const out = new Map<string, number>();
        for (const [k, v] of this.entries) if (k.startsWith(prefix)) out.set(k, v.version);
        return out;
      },
      compareAndSet: async (key, expected, value) => {
        if ((this.entries.get(key)?.version ?? 0) !== expected) return false;
        this.entries.set(key, { value: new Uint8Array(value), version: ++this.counter });
        this.wake();
        return true;
      },
      changeToken: async () => this.counter,
      waitForChange: (token, signal) => this.waitForChange(token, signal),
    };
  }

  async get(key: string): Promise<Uint8Array | null> {
    const e = this.entries.get(key);
    return e === undefined ? null : new Uint8Array(e.value);
  }

  async list(prefix: string): Promise<string[]> {
    return [...this.entries.keys()].filter((k) => k.startsWith(prefix)).sort();
  }

  async delete(key: string): Promise<void> {
    if (this.entries.delete(key)) {
      this.counter++;
      this.wake();
    }
  }

  async close(): Promise<void> {
    this.closed.abort();
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }

  private waitForChange(token: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (this.counter !== token || signal.aborted) return resolve();
      const done = () => {
        this.waiters.delete(done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      this.waiters.add(done);
      signal.addEventListener('abort', done, { once: true });
    });
  }
}
