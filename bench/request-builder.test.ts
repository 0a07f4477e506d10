import protobuf from 'protobufjs';
import { uncompressSync } from 'snappy';
import { describe, expect, it } from 'vitest';
import { Fleet } from './fleet.js';
import { RequestBuilder } from './load.js';

// Decoded with protobufjs from the .proto, independently of the encoder under use.
const root = protobuf.loadSync(new URL('../proto/prometheus/write-v1.proto', import.meta.url).pathname);
const WriteRequest = root.lookupType('prometheus.WriteRequest');

interface Decoded {
  timeseries: Array<{
    labels: Array<{ name: string; value: string }>;
    samples: Array<{ value: number; timestamp: number }>;
  }>;
}

function decodeAll(bodies: Buffer[]): Decoded['timeseries'] {
  return bodies.flatMap((b) => {
    const msg = WriteRequest.decode(uncompressSync(b) as Buffer);
    return (WriteRequest.toObject(msg, { longs: Number, defaults: true }) as Decoded).timeseries;
  });
}

describe('RequestBuilder', () => {
  it('splits a round into snappy requests of at most `batch` series covering every series once', () => {
    const fleet = new Fleet(1234, 7);
    const bodies = new RequestBuilder(fleet, 500).nextRound(1_763_000_000_000);
    expect(bodies).toHaveLength(3);
    const series = decodeAll(bodies);
    expect(series.map((s) => s.labels)).toEqual(Array.from({ length: 1234 }, (_, i) => fleet.labels(i)));
    expect(series.map((s) => s.samples)).toEqual(
      Array.from({ length: 1234 }, (_, i) => [{ value: fleet.values[i], timestamp: 1_763_000_000_000 }]),
    );
  });

  it('advances values and moves the timestamp each round', () => {
    const fleet = new Fleet(200, 3);
    const builder = new RequestBuilder(fleet, 2000);
    const first = decodeAll(builder.nextRound(1_000_000));
    const second = decodeAll(builder.nextRound(1_015_000));
    expect(second.every((s) => s.samples[0]!.timestamp === 1_015_000)).toBe(true);
    const counters = first
      .map((s, i) => [s, second[i]!] as const)
      .filter(([s]) => s.labels[0]!.value === 'inference_requests_total');
    expect(counters.length).toBeGreaterThan(0);
    expect(counters.some(([a, b]) => b.samples[0]!.value > a.samples[0]!.value)).toBe(true);
    expect(counters.every(([a, b]) => b.samples[0]!.value >= a.samples[0]!.value)).toBe(true);
  });
});
