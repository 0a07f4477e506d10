/**
 * A seeded, realistic data set for block tests: counters (with a reset) and gauges, 10 to 30
 * labels on most series, a stale marker, infinities, non-ASCII label values, jittered scrape
 * times and enough samples for several 120-sample chunks per series.
 */
import { compareLabels, labelsFrom, STALE_NAN, type Labels } from '../../../model/index.js';
import { encodeXorChunk, EncXOR } from '../../chunkenc/index.js';
import type { BlockSeries } from '../block-writer.js';
import { mulberry32 } from '../../../testsupport/index.js';

/**
 * The samples of one series. Values are a Float64Array because V8 canonicalises NaN payloads
 * in plain number arrays, which would turn the stale marker into an ordinary NaN.
 */
export interface SeriesSamples {
  labels: Labels;
  timestamps: number[];
  values: Float64Array;
}

function fill(n: number, f: (i: number) => number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = f(i);
  return out;
}

/** Deterministic PRNG (mulberry32). */
export const rng = mulberry32;

function manyLabels(base: Record<string, string>, n: number, tag: string): Record<string, string> {
  const out = { ...base };
  for (let i = 0; Object.keys(out).length < n; i++)
    out[`label_${String(i).padStart(2, '0')}`] = `${tag}-value-${i}`;
  return out;
}

/** Builds the data set: `samples` scrapes every 15 s (jittered) from `start` (ms). */
export function makeDataset(start = 1_700_000_000_000, samples = 300, seed = 42): SeriesSamples[] {
  const r = rng(seed);
  const times = (n: number): number[] => {
    const ts: number[] = [];
    let t = start;
    for (let i = 0; i < n; i++) {
      ts.push(t);
      t += 15_000 + Math.floor((r() - 0.5) * 400);
    }
    return ts;
  };
  const out: SeriesSamples[] = [];
  const common = { job: 'node', instance: 'host-1:9100' };
  for (const [k, code] of ['200', '404', '500'].entries()) {
    const ts = times(samples);
    let v = k * 1000;
    const values = fill(ts.length, (i) => (i === 150 ? (v = 3) : (v += Math.floor(r() * 20))));
    out.push({
      labels: labelsFrom(manyLabels({ __name__: 'http_requests_total', ...common, code }, 12 + k * 8, 'c')),
      timestamps: ts,
      values,
    });
  }
  for (const region of ['eu-west', 'us-east', 'ap-日本']) {
    const ts = times(samples);
    out.push({
      labels: labelsFrom(manyLabels({ __name__: 'node_memory_available_bytes', ...common, region }, 30, 'g')),
      timestamps: ts,
      values: fill(ts.length, () => Math.round(r() * 8e9) + r()),
    });
  }
  const staleTs = times(200);
  out.push({
    labels: labelsFrom({ __name__: 'up', job: 'éphémère', instance: 'gone:80' }),
    timestamps: staleTs,
    values: fill(staleTs.length, (i) =>
      i === 130 ? STALE_NAN : i === 10 ? Infinity : i === 11 ? -Infinity : 1,
    ),
  });
  out.push({
    labels: labelsFrom({ __name__: 'single_sample', job: 'x' }),
    timestamps: [start + 7],
    values: Float64Array.of(-0.5),
  });
  return out.sort((a, b) => compareLabels(a.labels, b.labels));
}

/** Cuts each series into XOR chunks of `perChunk` samples, as the head does. */
export function toBlockSeries(data: readonly SeriesSamples[], perChunk = 120): BlockSeries[] {
  return data.map((s) => {
    const chunks = [];
    for (let i = 0; i < s.timestamps.length; i += perChunk) {
      const ts = s.timestamps.slice(i, i + perChunk);
      const vs = s.values.slice(i, i + perChunk);
      chunks.push({
        minTime: ts[0]!,
        maxTime: ts[ts.length - 1]!,
        encoding: EncXOR,
        data: encodeXorChunk(ts, vs),
      });
    }
    return { labels: s.labels, chunks };
  });
}

const ALPHABET = ['a', 'b', 'z', '_', '0', 'é', '日', '\uff21', '\u{1F600}', ' ', '"', '\\', '\n'];

/**
 * Random series for property tests: random label names and values (quotes, backslashes,
 * newlines, non-BMP characters), timestamps from negative to large with irregular gaps, values
 * with every float class.
 */
export function makeRandomDataset(seed: number, nSeries: number, maxSamples: number): SeriesSamples[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const word = (n: number): string =>
    Array.from({ length: 1 + Math.floor(r() * n) }, () => pick(ALPHABET)).join('');
  const specials = [0, -0, 1, -1, Infinity, -Infinity, NaN, STALE_NAN, 1e-310, Number.MAX_VALUE];
  const seen = new Set<string>();
  const out: SeriesSamples[] = [];
  while (out.length < nSeries) {
    const lbl: Record<string, string> = { __name__: `m_${Math.floor(r() * 5)}` };
    for (let k = Math.floor(r() * 25); k > 0; k--) lbl[`l_${Math.floor(r() * 40)}`] = word(6);
    const labels = labelsFrom(lbl);
    const key = JSON.stringify(labels);
    if (seen.has(key)) continue;
    seen.add(key);
    const n = 1 + Math.floor(r() * maxSamples);
    const timestamps: number[] = [];
    let t = Math.floor((r() - 0.5) * 2e12);
    for (let i = 0; i < n; i++) {
      timestamps.push(t);
      t += 1 + Math.floor(r() < 0.1 ? r() * 1e9 : r() * 30_000);
    }
    const values = fill(n, () =>
      r() < 0.1 ? pick(specials) : r() < 0.5 ? Math.floor(r() * 1000) : (r() - 0.5) * 1e6,
    );
    out.push({ labels, timestamps, values });
  }
  return out.sort((a, b) => compareLabels(a.labels, b.labels));
}
