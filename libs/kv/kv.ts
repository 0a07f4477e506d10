import { EpimetheusError } from '../errors/index.js';

/** What a `cas` callback decides. */
export interface CasResult {
  /** The new value to store, or `null` to store nothing. */
  readonly value: Uint8Array | null;
  /**
   * Only read when `value` is `null`: `true` calls the callback again after a backoff (for "not
   * ready yet"), `false` ends the CAS without writing.
   */
  readonly retry: boolean;
}

/**
 * A CAS callback: gets the current value (`null` when the key does not exist) and returns what to
 * store. It may run several times (on conflicts), so it must not have side effects, and it must
 * not keep or modify `old`. A thrown error ends the CAS with that error.
 */
export type CasFn = (old: Uint8Array | null) => CasResult | Promise<CasResult>;

/** Receives a key's value (`null` once deleted). Returning `false` stops the watch. */
export type WatchKeyCallback = (value: Uint8Array | null) => boolean | void | Promise<boolean | void>;

/** Receives a changed key and its value (`null` once deleted). Returning `false` stops the watch. */
export type WatchPrefixCallback = (
  key: string,
  value: Uint8Array | null,
) => boolean | void | Promise<boolean | void>;

/**
 * A key-value store for ring and HA-tracker state, after dskit's `kv.Client`: values are opaque
 * bytes (callers bring their codec), updates go through compare-and-swap.
 *
 * Concurrency: every method may be called concurrently, from any number of clients of the same
 * store. `cas` is atomic against every other `cas` and `delete` on the key.
 *
 * Watches are level-triggered, not a log: a watcher always ends up seeing the latest value, but
 * may skip intermediate ones when several updates land between two looks. Backend errors during a
 * watch are logged and retried until the watch is stopped.
 */
export interface KVClient {
  /** The value under `key`, or `null` when it does not exist. The array belongs to the caller. */
  get(key: string): Promise<Uint8Array | null>;

  /**
   * Reads `key`, calls `fn` with its value, and stores `fn`'s result only if nobody changed the key
   * in between; on a conflict it reads again and calls `fn` again, with a backoff, up to the
   * client's retry limit.
   * @throws CasRetriesExhaustedError when every attempt conflicted or failed.
   * @throws whatever `fn` throws.
   */
  cas(key: string, fn: CasFn): Promise<void>;

  /**
   * Calls `cb` with the current value of `key` if it exists, then after every change, until
   * `signal` aborts or `cb` returns `false`. Resolves then. Backend errors are logged and retried,
   * never returned; the promise rejects only with an error thrown by `cb`, which ends the watch.
   */
  watchKey(key: string, signal: AbortSignal, cb: WatchKeyCallback): Promise<void>;

  /**
   * Like `watchKey` for every key starting with `prefix`: first each existing key, then each key
   * that changes, appears or is deleted.
   */
  watchPrefix(prefix: string, signal: AbortSignal, cb: WatchPrefixCallback): Promise<void>;

  /** Keys starting with `prefix`, in ascending order. */
  list(prefix: string): Promise<string[]>;

  /** Removes `key`; removing a missing key succeeds. */
  delete(key: string): Promise<void>;

  /** Stops the client's connections. Watches end; the client must not be used afterwards. */
  close(): Promise<void>;
}

/**
 * Thrown by `cas` when no attempt succeeded within the retry limit: category `unavailable`
 * (retriable), since it means contention or a backend outage.
 */
export class CasRetriesExhaustedError extends EpimetheusError {
  readonly key: string;

  constructor(key: string, attempts: number, options?: { cause?: unknown }) {
    super('unavailable', `cas ${key}: no success in ${attempts} attempts`, options);
    this.name = 'CasRetriesExhaustedError';
    this.key = key;
  }
}
