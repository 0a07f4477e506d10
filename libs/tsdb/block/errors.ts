import { EpimetheusError } from '../../errors/index.js';

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
