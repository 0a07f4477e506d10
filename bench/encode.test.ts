import protobuf from 'protobufjs';
import { uncompressSync } from 'snappy';
import { describe, expect, it } from 'vitest';
import { encodeLabels, encodeRound, varintSize } from './encode.js';
import { Fleet } from './fleet.js';
import { buildRound } from './load.js';

const root = protobuf.loadSync(new URL('../proto/prometheus/write-v1.proto', import.meta.url).pathname);
const WriteRequest = root.lookupType('prometheus.WriteRequest');

interface Decoded {
  timeseries: Array<{
    labels: Array<{ name: string; value: string }>;
    samples: Array<{ value: number; timestamp: number }>;
  }>;
}

function decode(buf: Uint8Array): Decoded {
  return WriteRequest.toObject(WriteRequest.decode(buf), { longs: Number, defaults: true }) as Decoded;
}

describe('varintSize', () => {
  it.each([
    ['zero', 0, 1],
    ['largest one-byte', 127, 1],
    ['smallest two-byte', 128, 2],
    ['a millisecond timestamp', 1_763_000_000_000, 6],
    ['2^53-1', Number.MAX_SAFE_INTEGER, 8],
  ])('%s', (_name, v, want) => {
    expect(varintSize(v)).toBe(want);
  });
});

describe('encodeRound', () => {
  it('writes a WriteRequest protobufjs decodes to the same labels, values and timestamps', () => {
    const labels = [
      [
        { name: '__name__', value: 'up' },
        { name: 'job', value: 'ünïcode ✓' },
      ],
      [{ name: '__name__', value: 'x'.repeat(300) }],
      [
        { name: '__name__', value: 'y' },
        { name: 'a', value: '1' },
      ],
    ];
    const values = new Float64Array([1.5, -0, Number.NaN]);
    const ts = 1_763_000_000_123;
    const got = decode(encodeRound(labels.map(encodeLabels), values, ts, 0, 3));
    expect(got.timeseries.map((s) => s.labels)).toEqual(labels);
    expect(got.timeseries.map((s) => s.samples.map((x) => x.timestamp))).toEqual([[ts], [ts], [ts]]);
    expect(got.timeseries[0]!.samples[0]!.value).toBe(1.5);
    expect(Object.is(got.timeseries[1]!.samples[0]!.value, -0)).toBe(true);
    expect(got.timeseries[2]!.samples[0]!.value).toBeNaN();
  });

  it('encodes only the series in [from, to)', () => {
    const lb = ['a', 'b', 'c'].map((v) => encodeLabels([{ name: '__name__', value: v }]));
    const got = decode(encodeRound(lb, new Float64Array([1, 2, 3]), 1000, 1, 3));
    expect(got.timeseries.map((s) => s.labels[0]!.value)).toEqual(['b', 'c']);
  });

  it('rejects a negative or fractional timestamp', () => {
    const lb = [encodeLabels([{ name: '__name__', value: 'a' }])];
    expect(() => encodeRound(lb, new Float64Array([1]), -1, 0, 1)).toThrow(/bad timestamp/);
    expect(() => encodeRound(lb, new Float64Array([1]), 1.5, 0, 1)).toThrow(/bad timestamp/);
  });
});

describe('buildRound', () => {
  it('splits a round into snappy requests of at most `batch` series covering every series once', () => {
    const fleet = new Fleet(1234, 7);
    const bodies = buildRound(fleet, 1_763_000_000_000, 500);
    expect(bodies).toHaveLength(3);
    const series = bodies.flatMap((b) => decode(uncompressSync(b) as Buffer).timeseries);
    expect(series).toHaveLength(1234);
    expect(series.map((s) => s.labels)).toEqual(Array.from({ length: 1234 }, (_, i) => fleet.labels(i)));
    expect(series.map((s) => s.samples[0]!.value)).toEqual(Array.from(fleet.values.subarray(0, 1234)));
  });
});
