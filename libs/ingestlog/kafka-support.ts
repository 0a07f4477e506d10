/** kafkajs glue: log routing and error mapping. */
import { logLevel } from 'kafkajs';
import type { logCreator } from 'kafkajs';
import { EpimetheusError } from '../errors/index.js';
import { unavailable } from './errors.js';
import type { IngestLogLogger } from './types.js';

/**
 * A kafkajs `logCreator` sending kafkajs's own log lines (at the level kafkajs is configured
 * with; this library uses WARN) to `logger`, with the kafkajs namespace as a field.
 */
export function kafkaLogCreator(logger: IngestLogLogger): logCreator {
  return () =>
    ({ namespace, level, log }) => {
      const { message, timestamp: _timestamp, ...fields } = log;
      const entry = { component: 'kafkajs', namespace, ...fields };
      const text = `kafkajs: ${String(message)}`;
      if (level === logLevel.ERROR) logger.error(entry, text);
      else if (level === logLevel.WARN) logger.warn(entry, text);
      else if (level === logLevel.INFO) logger.info(entry, text);
      else logger.debug(entry, text);
    };
}

const TOO_LARGE = new Set(['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE', 'INVALID_RECORD']);

/**
 * Maps an error thrown by kafkajs to an `EpimetheusError`: the broker refusing a record as too
 * large is `bad_data` (when `single`, i.e. the request held one caller's records only); every
 * other failure means the log could not be reached or could not acknowledge: `unavailable`.
 */
export function mapKafkaError(err: unknown, what: string, single = false): EpimetheusError {
  if (err instanceof EpimetheusError) return err;
  const type = (err as { type?: unknown } | undefined)?.type;
  if (single && typeof type === 'string' && TOO_LARGE.has(type)) {
    return new EpimetheusError('bad_data', `${what}: broker refused the records (${type})`, { cause: err });
  }
  return unavailable(what, err);
}
