/**
 * The bench query set in one process, without HTTP: the synthetic fleet written into a `Head`,
 * each query evaluated through the engine (head and an empty second store merged, as in
 * `--target=all`) and rendered with `resultToJSON`; prints the median CPU milliseconds per
 * query and a hash of each answer (the hashes must not change when optimising).
 *
 *   node --import tsx bench/query-cpu.ts [series=100000] [rounds=10] [runs=5] [query name]
 *
 * The CPU figure is this process's user + system time, so other load on the machine moves it
 * less than wall time; it still moves (caches, frequency), so compare runs made close together.
 */
import { createHash } from 'node:crypto';
import { Engine, resultToJSON } from '../libs/promql/index.js';
import type { Queryable } from '../libs/model/index.js';
import { MergeQueryable } from '../libs/storeapi/index.js';
import { Head } from '../libs/tsdb/head/index.js';
import { Fleet } from './fleet.js';
import { QUERIES } from './queries.js';

const [series = 100_000, rounds = 10, runs = 5] = process.argv.slice(2, 5).map(Number);
const only = process.argv[5];
const STEP = 15_000;
const FIRST = 1_700_000_000_000;

const fleet = new Fleet(series, 1);
const head = new Head();
const refs = Array.from({ length: series }, (_, i) => head.getOrCreateSeries(fleet.labels(i)).ref);
for (let r = 0; r < rounds; r++) {
  const v = fleet.advance();
  for (let i = 0; i < series; i++) head.append(refs[i]!, FIRST + r * STEP, v[i]!);
}
const empty: Queryable = {
  querier: () => Promise.resolve({ select: () => Promise.resolve([]), labelNames: () => Promise.resolve([]), labelValues: () => Promise.resolve([]) }),
};
const q = new MergeQueryable(() => [head, empty]);
const engine = new Engine();
// As the bench: first to last round, evaluated half a step after the samples.
const start = FIRST + STEP / 2;
const end = FIRST + (rounds - 1) * STEP + STEP / 2;
let total = 0;
for (const query of QUERIES) {
  if (only !== undefined && query.name !== only) continue;
  const ms: number[] = [];
  let answer = '';
  for (let k = 0; k < runs; k++) {
    const before = process.cpuUsage();
    answer = resultToJSON(await engine.rangeQuery(q, query.expr, start, end, STEP));
    const used = process.cpuUsage(before);
    ms.push((used.user + used.system) / 1000);
  }
  ms.sort((a, b) => a - b);
  const median = ms[Math.floor(ms.length / 2)]!;
  total += median;
  const hash = createHash('sha1').update(answer).digest('hex').slice(0, 10);
  console.log(`${query.name.padEnd(14)} ${median.toFixed(1).padStart(8)} ms CPU (runs ${ms.map((m) => m.toFixed(0)).join(',')}) answer ${hash} ${answer.length} B`);
}
console.log(`${'total'.padEnd(14)} ${total.toFixed(1).padStart(8)} ms CPU`);
