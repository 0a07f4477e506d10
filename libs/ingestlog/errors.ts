import { EpimetheusError } from '../errors/index.js';

/** An `unavailable` error: the log could not do what was asked; the caller may retry. */
export function unavailable(message: string, cause?: unknown): EpimetheusError {
  return new EpimetheusError('unavailable', message, { cause });
}

/** A `bad_data` error: the request itself is wrong and retrying it unchanged cannot help. */
export function badData(message: string): EpimetheusError {
  return new EpimetheusError('bad_data', message);
}

/** An `internal` error: a bug in the caller or an unexpected state (e.g. corrupt data). */
export function internal(message: string, cause?: unknown): EpimetheusError {
  return new EpimetheusError('internal', message, { cause });
}

/** Checks a partition number against a partition count, or throws `bad_data`. */
export function checkPartition(partition: number, partitions: number): void {
  if (!Number.isInteger(partition) || partition < 0 || partition >= partitions) {
    throw badData(`partition ${partition} out of range [0, ${partitions})`);
  }
}

/** Checks an offset is a non-negative safe integer, or throws `bad_data`. */
export function checkOffset(offset: number, what: string): void {
  if (!Number.isSafeInteger(offset) || offset < 0) {
    throw badData(`${what} ${offset} is not a non-negative integer`);
  }
}

/** A configuration value is invalid; `field` names it (the flags layer maps it to a flag). */
export class IngestLogConfigError extends EpimetheusError {
  /** The config field, e.g. `segmentBytes`. */
  readonly field: string;

  constructor(field: string, message: string) {
    super('bad_data', `ingest log: ${field} ${message}`);
    this.name = 'IngestLogConfigError';
    this.field = field;
  }
}
