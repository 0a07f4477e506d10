/**
 * Command-line options of `npm run bench`, compiled once into `BenchOptions` with every default
 * filled in.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ServerKind } from './servers.js';

/** Resolved options of one benchmark run. */
export interface BenchOptions {
  /** Active series (one sample each per round). @default 10000 */
  series: number;
  /** Rounds; round 1 creates the series, the rest are steady state. @default 10 */
  rounds: number;
  /** Simulated scrape interval between rounds, ms. @default 15000 */
  intervalMs: number;
  /** Series per remote write request. @default 2000 */
  batch: number;
  /** Requests in flight per server. @default 4 */
  concurrency: number;
  /** Timed runs of each query per server (the median is reported). @default 5 */
  queryRuns: number;
  /** PRNG seed. @default 1 */
  seed: number;
  /** Servers to run; both unless `--only`. */
  servers: ServerKind[];
  /** Label of the size for file names: `tiny` or `<series>x<rounds>`. */
  sizeLabel: string;
  /** Directory for the JSON result. @default bench/results */
  outDir: string;
  /** Keep the servers' data directories after the run. @default false */
  keepData: boolean;
  /** Kill each server with SIGKILL after the queries and time its restart on the same data. */
  restart: boolean;
  epimetheusMain: string;
  prometheusBin: string;
}

/** Raised for a bad command line; the runner prints usage and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Usage text for `--help` and errors. */
export const USAGE = `usage: npm run bench -- [options]
  --series N          active series (default 10000)
  --rounds N          rounds, one sample per series each; round 1 creates series (default 10)
  --tiny              2000 series, 3 rounds, 1 query run (the size for CI)
  --batch N           series per remote write request (default 2000)
  --concurrency N     requests in flight per server (default 4)
  --query-runs N      timed runs per query per server; the median is reported (default 5)
  --interval S        simulated seconds between rounds (default 15)
  --seed N            PRNG seed (default 1)
  --only KIND         run only 'prometheus' or 'epimetheus' (for developing the harness)
  --out DIR           where to write the JSON result (default bench/results)
  --keep-data         keep the servers' data directories
  --no-restart        skip the SIGKILL-and-restart at the end (e.g. to profile the first process)
  --epimetheus PATH   built entry point (default dist/services/app/main.js)
  --prometheus PATH   Prometheus binary (default /usr/bin/prometheus)`;

function int(name: string, raw: string | undefined, dflt: number, min: number, max: number): number {
  if (raw === undefined) return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`--${name} must be an integer in [${min}, ${max}], got ${JSON.stringify(raw)}`);
  return n;
}

/**
 * Parses `argv` (without node and script). Returns undefined for `--help`.
 * @throws UsageError naming the bad option.
 */
export function parseOptions(argv: string[], repoRoot: string): BenchOptions | undefined {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        series: { type: 'string' },
        rounds: { type: 'string' },
        tiny: { type: 'boolean' },
        batch: { type: 'string' },
        concurrency: { type: 'string' },
        'query-runs': { type: 'string' },
        interval: { type: 'string' },
        seed: { type: 'string' },
        only: { type: 'string' },
        out: { type: 'string' },
        'keep-data': { type: 'boolean' },
        'no-restart': { type: 'boolean' },
        epimetheus: { type: 'string' },
        prometheus: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const v = parsed.values;
  if (v.help === true) return undefined;
  const tiny = v.tiny === true;
  if (tiny && (v.series !== undefined || v.rounds !== undefined))
    throw new UsageError('--tiny fixes the size; drop --series/--rounds');
  const series = int('series', v.series, tiny ? 2000 : 10_000, 1, 10_000_000);
  // Rounds are spaced in simulated time ending just before now; keep them inside one hour.
  const intervalMs = int('interval', v.interval, 15, 1, 300) * 1000;
  const rounds = int('rounds', v.rounds, tiny ? 3 : 10, 1, Math.floor(3_600_000 / intervalMs));
  let servers: ServerKind[] = ['epimetheus', 'prometheus'];
  if (v.only !== undefined) {
    if (v.only !== 'epimetheus' && v.only !== 'prometheus')
      throw new UsageError(`--only must be epimetheus or prometheus, got ${JSON.stringify(v.only)}`);
    servers = [v.only];
  }
  return {
    series,
    rounds,
    intervalMs,
    batch: int('batch', v.batch, 2000, 1, 1_000_000),
    concurrency: int('concurrency', v.concurrency, 4, 1, 256),
    queryRuns: int('query-runs', v['query-runs'], tiny ? 1 : 5, 0, 1000),
    seed: int('seed', v.seed, 1, 0, 2 ** 31 - 1),
    servers,
    sizeLabel: tiny ? 'tiny' : `${series}x${rounds}`,
    outDir: resolve(repoRoot, v.out ?? 'bench/results'),
    keepData: v['keep-data'] === true,
    restart: v['no-restart'] !== true,
    epimetheusMain: resolve(repoRoot, v.epimetheus ?? 'dist/services/app/main.js'),
    prometheusBin: v.prometheus ?? '/usr/bin/prometheus',
  };
}
