import { EpimetheusError } from '../../libs/errors/index.js';
import { parseDuration } from '../../libs/config/index.js';

/** The earliest and latest times Prometheus's API accepts (its minTime/maxTime), in ms. */
export const MIN_TIME_MS = -9_223_372_036_854;
export const MAX_TIME_MS = 9_223_372_036_854;

/**
 * Parses an API time parameter: Unix seconds (float) or RFC3339, to milliseconds.
 * @throws EpimetheusError `bad_data` in Prometheus's wording.
 */
export function parseTimeParam(name: string, raw: string | null, fallback?: number): number {
  if (raw === null || raw === '') {
    if (fallback !== undefined) return fallback;
    throw badParam(name, `missing parameter ${JSON.stringify(name)}`);
  }
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(raw)) {
    const secs = Number(raw);
    return Math.round(secs * 1000);
  }
  const ms = Date.parse(raw);
  if (/^\d{4}-\d{2}-\d{2}T/.test(raw) && !Number.isNaN(ms)) return ms;
  throw badParam(name, `cannot parse ${JSON.stringify(raw)} to a valid timestamp`);
}

/**
 * Parses an API duration parameter (`step`, `timeout`): float seconds or a Prometheus
 * duration, to milliseconds.
 */
export function parseDurationParam(name: string, raw: string): number {
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(raw)) {
    const ms = Number(raw) * 1000;
    if (Number.isFinite(ms)) return Math.round(ms);
  }
  const ms = parseDuration(raw);
  if (ms === undefined) throw badParam(name, `cannot parse ${JSON.stringify(raw)} to a valid duration`);
  return ms;
}

/** Parses the optional `limit` parameter: 0 or absent means unlimited. */
export function parseLimitParam(raw: string | null): number {
  if (raw === null || raw === '') return 0;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw badParam('limit', `cannot parse ${JSON.stringify(raw)} to a valid limit`);
  return n;
}

function badParam(name: string, why: string): EpimetheusError {
  return new EpimetheusError('bad_data', `invalid parameter ${JSON.stringify(name)}: ${why}`);
}
