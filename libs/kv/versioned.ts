// The CAS loop and the watch loops, shared by every KVClient implementation. Each backend offers
// versioned reads, a conditional write and a way to wait for a change; this file does the rest,
// so both backends retry, back off and coalesce watch updates the same way.
import type { Logger } from 'pino';
import {
  type CasFn,
  CasRetriesExhaustedError,
  type WatchKeyCallback,
  type WatchPrefixCallback,
} from './kv.js';

/** A value and the version it was written with. Versions only grow, across all keys. */
export interface Versioned {
  readonly value: Uint8Array;
  readonly version: number;
}

/** The primitives a backend provides. */
export interface VersionedBackend {
  getVersioned(key: string): Promise<Versioned | null>;
  /** Current version of every key starting with `prefix`. */
  listVersions(prefix: string): Promise<Map<string, number>>;
  /**
   * Stores `value` if the key's version is still `expected` (0: the key must not exist).
   * @returns false on a conflict.
   */
  compareAndSet(key: string, expected: number, value: Uint8Array): Promise<boolean>;
  /** An opaque number that changes whenever any key changes (a global write counter). */
  changeToken(): Promise<number>;
  /**
   * Resolves once the change token may differ from `token`, or when `signal` aborts. May
   * resolve early (e.g. on a backend error); callers then look again.
   */
  waitForChange(token: number, signal: AbortSignal): Promise<void>;
}

/** Retry and backoff settings of the CAS loop. */
export interface CasOptions {
  /** Attempts before giving up. */
  readonly maxRetries: number;
  /** First backoff; it doubles, with jitter, up to `maxBackoffMs`. */
  readonly minBackoffMs: number;
  readonly maxBackoffMs: number;
}

/** Sleeps `ms`, or less when `signal` aborts. Never rejects. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

function backoff(attempt: number, opts: CasOptions): number {
  const base = Math.min(opts.maxBackoffMs, opts.minBackoffMs * 2 ** attempt);
  return base / 2 + Math.random() * (base / 2);
}

/** The dskit CAS loop over `backend`. See `KVClient.cas`. */
export async function casLoop(
  backend: VersionedBackend,
  key: string,
  fn: CasFn,
  opts: CasOptions,
): Promise<void> {
  let lastErr: unknown;
  for (let attempt = 0; attempt < opts.maxRetries; attempt++) {
    if (attempt > 0) await sleep(backoff(attempt - 1, opts));
    let current: Versioned | null;
    try {
      current = await backend.getVersioned(key);
    } catch (err) {
      lastErr = err; // Backend trouble: retry, as a conflict would.
      continue;
    }
    const result = await fn(current === null ? null : new Uint8Array(current.value));
    if (result.value === null) {
      if (result.retry) continue;
      return;
    }
    try {
      if (await backend.compareAndSet(key, current?.version ?? 0, result.value)) return;
    } catch (err) {
      lastErr = err;
    }
  }
  throw new CasRetriesExhaustedError(key, opts.maxRetries, lastErr === undefined ? {} : { cause: lastErr });
}

/** Waits before retrying after a backend error inside a watch. */
const WATCH_ERROR_BACKOFF_MS = 1000;

/** Marks an error thrown by a watch callback, so it ends the watch instead of being retried. */
class CallbackError extends Error {}

async function callback<T>(call: () => T | Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw new CallbackError('watch callback', { cause: err });
  }
}

/**
 * Runs `look` (which reports changes to the callback), then waits for the next change, until
 * `look` returns false or `signal` aborts. Backend errors are logged and retried; a callback's
 * error rejects the watch.
 */
async function watchLoop(
  backend: VersionedBackend,
  signal: AbortSignal,
  logger: Logger,
  what: Record<string, string>,
  look: () => Promise<boolean>,
): Promise<void> {
  while (!signal.aborted) {
    let token: number;
    try {
      // Taken before looking, so a change made while we look still ends the wait below.
      token = await backend.changeToken();
      if (!(await look())) return;
    } catch (err) {
      if (err instanceof CallbackError) throw err.cause;
      logger.warn({ ...what, err }, 'kv watch read failed; retrying');
      await sleep(WATCH_ERROR_BACKOFF_MS, signal);
      continue;
    }
    await backend.waitForChange(token, signal);
  }
}

/** The watch loop of `KVClient.watchKey`. */
export async function watchKeyLoop(
  backend: VersionedBackend,
  key: string,
  signal: AbortSignal,
  cb: WatchKeyCallback,
  logger: Logger,
): Promise<void> {
  let seen = 0; // The version last given to cb; 0 = "absent".
  await watchLoop(backend, signal, logger, { key }, async () => {
    const current = await backend.getVersioned(key);
    const version = current?.version ?? 0;
    if (version === seen || signal.aborted) return true;
    seen = version;
    const value = current === null ? null : new Uint8Array(current.value);
    return (await callback(() => cb(value))) !== false;
  });
}

/** The watch loop of `KVClient.watchPrefix`. */
export async function watchPrefixLoop(
  backend: VersionedBackend,
  prefix: string,
  signal: AbortSignal,
  cb: WatchPrefixCallback,
  logger: Logger,
): Promise<void> {
  const seen = new Map<string, number>(); // Versions last given to cb.
  await watchLoop(backend, signal, logger, { prefix }, async () => {
    const versions = await backend.listVersions(prefix);
    const keys = [...new Set([...seen.keys(), ...versions.keys()])].sort();
    for (const key of keys) {
      if (signal.aborted) return false;
      if (versions.has(key) && seen.get(key) === versions.get(key)) continue;
      // The value may have moved on since listVersions; report the newer one and its version.
      const current = versions.has(key) ? await backend.getVersioned(key) : null;
      if (current === null) {
        if (!seen.delete(key)) continue; // Never reported, so no deletion to report.
        if ((await callback(() => cb(key, null))) === false) return false;
        continue;
      }
      seen.set(key, current.version);
      if ((await callback(() => cb(key, new Uint8Array(current.value)))) === false) return false;
    }
    return true;
  });
}

/**
 * The part of a `KVClient` that is the same for every backend: CAS and both watches over
 * `backend`, with the client's retry settings, logger and close signal. Subclasses provide the
 * backend and the plain reads, writes and `close`.
 */
export abstract class BackendKV {
  protected abstract readonly backend: VersionedBackend;
  protected abstract readonly casOptions: CasOptions;
  protected abstract readonly logger: Logger;
  /** Aborted by `close`; ends every watch. */
  protected readonly closed = new AbortController();

  /** See `KVClient.cas`. */
  cas(key: string, fn: CasFn): Promise<void> {
    return casLoop(this.backend, key, fn, this.casOptions);
  }

  /** See `KVClient.watchKey`. */
  watchKey(key: string, signal: AbortSignal, cb: WatchKeyCallback): Promise<void> {
    return watchKeyLoop(this.backend, key, AbortSignal.any([signal, this.closed.signal]), cb, this.logger);
  }

  /** See `KVClient.watchPrefix`. */
  watchPrefix(prefix: string, signal: AbortSignal, cb: WatchPrefixCallback): Promise<void> {
    return watchPrefixLoop(
      this.backend,
      prefix,
      AbortSignal.any([signal, this.closed.signal]),
      cb,
      this.logger,
    );
  }
}
