/**
 * Ingest CPU in one process: the bench fleet's rounds, encoded as remote write 1.0 requests of
 * 2,000 series, pushed through the shared decoder, validation and a head append with the
 * ingester's by-labels ref memo. Prints CPU seconds (and samples per CPU-second) per round: a
 * cheap way to see how series creation (round 1) and steady state scale with series count.
 * Run: `node --import tsx bench/ingest-cpu.ts [series=1000000] [rounds=3]`
 * (add `--trace-gc` before `--import` to count collections).
 */
import type { Labels } from '../libs/model/index.js';
import {
  DEFAULT_VALIDATION_LIMITS,
  decodeWriteRequest,
  encodeWriteRequestV1,
  validateWriteRequest,
  type EncodableSeries,
} from '../libs/remotewrite/index.js';
import { Head } from '../libs/tsdb/head/index.js';
import { Fleet } from './fleet.js';

const series = Number(process.argv[2] ?? 1_000_000);
const rounds = Number(process.argv[3] ?? 3);
const batch = 2000;
const fleet = new Fleet(series, 1);
const ts = new Float64Array(1);
const all: EncodableSeries[] = Array.from({ length: series }, (_, i) => ({
  labels: fleet.labels(i),
  samples: { timestamps: ts, values: fleet.values.subarray(i, i + 1) },
}));
const head = new Head({});
const refs = new WeakMap<Labels, number>();
const limits = { ...DEFAULT_VALIDATION_LIMITS };
const start = Date.now() - rounds * 15_000;

for (let round = 0; round < rounds; round++) {
  fleet.advance();
  ts[0] = start + round * 15_000;
  const bodies: Uint8Array[] = [];
  for (let from = 0; from < series; from += batch)
    bodies.push(encodeWriteRequestV1({ timeseries: all.slice(from, from + batch) }));
  const before = process.cpuUsage();
  for (const body of bodies) {
    const req = decodeWriteRequest(body, '1.0');
    const { accepted } = validateWriteRequest(req, limits, Date.now());
    for (const s of accepted) {
      let ref = refs.get(s.labels) ?? 0;
      if (ref === 0 || head.seriesAt(ref) === undefined) {
        ref = head.lookup(s.labels) || head.getOrCreateSeries(s.labels).ref;
        refs.set(s.labels, ref);
      }
      head.append(ref, s.samples.timestamps[0]!, s.samples.values[0]!);
    }
  }
  const used = process.cpuUsage(before);
  const cpu = (used.user + used.system) / 1e6;
  const mib = (process.memoryUsage().rss / 2 ** 20).toFixed(0);
  console.log(
    `round ${round + 1}: ${cpu.toFixed(2)} CPU-s, ${Math.round(series / cpu)} samples/CPU-s, rss ${mib} MiB`,
  );
}
