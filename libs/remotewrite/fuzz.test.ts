import { describe, expect, it } from 'vitest';
import { EpimetheusError } from '../errors/index.js';
import { STALE_NAN } from '../model/index.js';
import type { EncodableRequest, RemoteWriteVersion } from './index.js';
import { decodeWriteRequest, encodeWriteRequest } from './index.js';
import { exampleHistogram, rng } from './test-helpers.js';

/** A small request touching every message type, so cuts land inside each of them. */
function sample(): EncodableRequest {
  return {
    timeseries: [
      {
        labels: [
          { name: '__name__', value: 'up' },
          { name: 'job', value: 'node-é' },
        ],
        samples: {
          timestamps: [1_767_225_600_000, -7],
          values: Float64Array.of(1, STALE_NAN),
          startTimestamps: [3, 0],
        },
        exemplars: [{ labels: [{ name: 'trace_id', value: 'f00' }], value: 2, timestamp: 9 }],
        metadata: { type: 2, help: 'help', unit: 'u' },
        createdTimestamp: 11,
      },
      {
        labels: [{ name: '__name__', value: 'h' }],
        histograms: [exampleHistogram(5, false), exampleHistogram(6, true, -53)],
      },
    ],
    metadata: [{ type: 1, metricFamilyName: 'up', help: 'Up.', unit: '' }],
  };
}

/** Decodes and classifies: 'ok', 'bad_data', or throws whatever else happened. */
function attempt(bytes: Uint8Array, version: RemoteWriteVersion): 'ok' | 'bad_data' {
  try {
    decodeWriteRequest(bytes, version);
    return 'ok';
  } catch (err) {
    if (err instanceof EpimetheusError && err.category === 'bad_data') return 'bad_data';
    throw err;
  }
}

describe.each<RemoteWriteVersion>(['1.0', '2.0'])('remote write %s decoder robustness', (version) => {
  const body = encodeWriteRequest(sample(), version);

  it('returns a decode or bad_data for the body cut at every byte offset', () => {
    const outcomes = { ok: 0, bad_data: 0 };
    for (let n = 0; n < body.length; n++) outcomes[attempt(body.subarray(0, n), version)]++;
    // Cuts between top-level fields decode (to fewer series); cuts inside a field never do.
    expect(outcomes.ok).toBeGreaterThan(0);
    expect(outcomes.bad_data).toBeGreaterThan(body.length / 2);
  });

  it('returns a decode or bad_data for seeded random byte corruptions', () => {
    const rand = rng(version === '1.0' ? 11 : 12);
    const outcomes = { ok: 0, bad_data: 0 };
    for (let round = 0; round < 3000; round++) {
      const b = body.slice();
      const flips = 1 + Math.floor(rand() * 4);
      for (let k = 0; k < flips; k++) b[Math.floor(rand() * b.length)] = Math.floor(rand() * 256);
      outcomes[attempt(b, version)]++;
    }
    expect(outcomes.bad_data).toBeGreaterThan(0);
    expect(outcomes.ok + outcomes.bad_data).toBe(3000);
  });

  it('rejects lengths claiming gigabytes without allocating them', () => {
    // timeseries (or symbols) field with length 0xffffffff and nothing after it.
    const tag = version === '1.0' ? 0x0a : 0x22;
    expect(attempt(new Uint8Array([tag, 0xff, 0xff, 0xff, 0xff, 0x0f]), version)).toBe('bad_data');
  });
});
