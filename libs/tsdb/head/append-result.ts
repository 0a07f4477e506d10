import { EpimetheusError } from '../../errors/index.js';
import { formatLabels, type Labels } from '../../model/index.js';

/**
 * Outcome of `Head.append`. Rejections are values, not exceptions, so a batch can count them
 * and carry on; `appendResultError` turns one into the error a caller reports (HTTP 400).
 *
 * - `ok`: stored, or an identical sample (same timestamp, same value bits) was already there.
 * - `out_of_order`: older than the series' newest sample, and out-of-order ingestion is off.
 * - `too_old`: out-of-order ingestion is on, but the sample is older than the window allows.
 * - `duplicate`: the series already has another value at this timestamp.
 * - `out_of_bounds`: older than the head accepts (truncated away, or more than half a chunk
 *   range behind the head's newest sample), or not an integer number of ms.
 * - `unknown_series`: no series has this ref (never created, or removed by truncation).
 */
export type AppendResult =
  'ok' | 'out_of_order' | 'too_old' | 'duplicate' | 'out_of_bounds' | 'unknown_series';

const MESSAGES: Record<Exclude<AppendResult, 'ok'>, { id: string; text: string }> = {
  out_of_order: { id: 'err-epimetheus-sample-out-of-order', text: 'out of order sample' },
  too_old: { id: 'err-epimetheus-sample-too-old', text: 'sample is older than the out-of-order window' },
  duplicate: { id: 'err-epimetheus-sample-duplicate-timestamp', text: 'duplicate sample for timestamp' },
  out_of_bounds: { id: 'err-epimetheus-sample-out-of-bounds', text: 'sample timestamp out of bounds' },
  unknown_series: { id: 'err-epimetheus-unknown-series', text: 'unknown series ref' },
};

/**
 * The `bad_data` error for a rejected append (with a stable error id), or undefined for `ok`.
 * `unknown_series` is a caller bug rather than bad input, so it maps to `internal`.
 */
export function appendResultError(
  result: AppendResult,
  labels: Labels,
  t: number,
): EpimetheusError | undefined {
  if (result === 'ok') return undefined;
  const m = MESSAGES[result];
  const category = result === 'unknown_series' ? 'internal' : 'bad_data';
  return new EpimetheusError(category, `${m.text}: timestamp=${t}, series=${formatLabels(labels)}`, {
    id: m.id,
  });
}
