import { categoryOf, EpimetheusError } from '../../errors/index.js';

/**
 * Data on disk or in the bucket does not follow the TSDB block format: bad magic, version,
 * checksum or truncated section. Category `internal`: retrying the same bytes cannot help.
 */
export class FormatError extends EpimetheusError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('internal', message, options);
    this.name = 'FormatError';
  }
}

/**
 * Wraps `err` with a short context phrase (`open block <name>`), keeping its kind: a
 * `FormatError` stays one, anything else keeps its category (`internal` for plain errors).
 */
export function wrapBlockError(err: unknown, message: string): EpimetheusError {
  if (err instanceof FormatError) return new FormatError(message, { cause: err });
  return new EpimetheusError(categoryOf(err), message, { cause: err });
}
