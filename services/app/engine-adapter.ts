import type { FlagDef, FlagValues } from '../../libs/config/index.js';
import { EpimetheusError } from '../../libs/errors/index.js';
import { Engine, parseExpr, resultToJSONBytes } from '../../libs/promql/index.js';
import type { QueryEngine } from '../querier/index.js';

/** Query-path settings (engine limits). */
export interface QuerierConfig {
  timeoutMs: number;
  maxSamples: number;
  lookbackDeltaMs: number;
  maxPointsPerSeries: number;
  enabledFeatures: string[];
}

/** The querier's flags, named as in Prometheus and Mimir. */
export const QUERIER_FLAGS: readonly FlagDef[] = [
  { name: 'querier.timeout', type: 'duration', default: 120_000, help: 'Longest a query may run.' },
  { name: 'querier.max-samples', type: 'int', default: 50_000_000, help: 'Most samples one query may hold in memory.' },
  { name: 'querier.lookback-delta', type: 'duration', default: 300_000, help: 'How far back an instant selector looks for a sample.' },
  { name: 'querier.max-points-per-series', type: 'int', default: 11_000, help: 'Most points per series a range query may return.' },
  {
    name: 'querier.enable-feature',
    type: 'list',
    default: [],
    help: 'PromQL features behind Prometheus feature flags, e.g. promql-experimental-functions.',
  },
];

/** Compiles the querier's flags. @throws Error naming the flag when invalid. */
export function querierConfig(v: FlagValues): QuerierConfig {
  const c: QuerierConfig = {
    timeoutMs: v.get('querier.timeout') as number,
    maxSamples: v.get('querier.max-samples') as number,
    lookbackDeltaMs: v.get('querier.lookback-delta') as number,
    maxPointsPerSeries: v.get('querier.max-points-per-series') as number,
    enabledFeatures: v.get('querier.enable-feature') as string[],
  };
  if (c.timeoutMs <= 0) throw new Error('--querier.timeout must be positive');
  if (c.maxSamples <= 0) throw new Error('--querier.max-samples must be positive');
  if (c.lookbackDeltaMs <= 0) throw new Error('--querier.lookback-delta must be positive');
  return c;
}

/** Adapts `libs/promql` to the querier's `QueryEngine` interface. */
export function newQueryEngine(c: QuerierConfig): QueryEngine {
  const engine = new Engine({
    timeoutMs: c.timeoutMs,
    maxSamples: c.maxSamples,
    lookbackDeltaMs: c.lookbackDeltaMs,
    maxPointsPerSeries: c.maxPointsPerSeries,
    enabledFeatures: c.enabledFeatures,
  });
  // A request's `timeout` may shorten the configured limit, never lengthen it (as Prometheus).
  const timeout = (requested: number | undefined) => ({ timeoutMs: Math.min(requested ?? c.timeoutMs, c.timeoutMs) });
  return {
    instant: async (q, expr, t, opts) => {
      const r = await engine.instantQuery(q, expr, t, timeout(opts.timeoutMs));
      return { dataJson: resultToJSONBytes(r, { stats: opts.stats === true }), warnings: r.warnings, infos: r.infos };
    },
    range: async (q, expr, start, end, step, opts) => {
      const r = await engine.rangeQuery(q, expr, start, end, step, timeout(opts.timeoutMs));
      return { dataJson: resultToJSONBytes(r, { stats: opts.stats === true }), warnings: r.warnings, infos: r.infos };
    },
    parseSelector: (text) => {
      const e = parseExpr(text);
      if (e.type !== 'VectorSelector') {
        throw new EpimetheusError('bad_data', `invalid parameter "match[]": expected a series selector, got ${JSON.stringify(text)}`);
      }
      return e.matchers;
    },
  };
}
