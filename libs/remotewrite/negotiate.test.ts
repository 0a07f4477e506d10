import { describe, expect, it } from 'vitest';
import { EpimetheusError, httpStatusOf } from '../errors/index.js';
import type { RemoteWriteVersion } from './index.js';
import {
  CONTENT_TYPES,
  DEFAULT_VALIDATION_LIMITS,
  decodeWriteRequest,
  encodeWriteRequest,
  validateWriteRequest,
  negotiateRemoteWrite,
  snappyCompress,
  snappyDecompress,
  writtenHeaders,
} from './index.js';

function categoryOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    expect(err).toBeInstanceOf(EpimetheusError);
    return (err as EpimetheusError).category;
  }
}

describe('negotiateRemoteWrite', () => {
  const accepted: {
    name: string;
    type: string | undefined;
    enc: string | undefined;
    want: RemoteWriteVersion;
  }[] = [
    { name: 'plain protobuf is 1.0', type: 'application/x-protobuf', enc: 'snappy', want: '1.0' },
    {
      name: 'explicit 1.0 proto',
      type: 'application/x-protobuf;proto=prometheus.WriteRequest',
      enc: 'snappy',
      want: '1.0',
    },
    {
      name: '2.0 proto',
      type: 'application/x-protobuf;proto=io.prometheus.write.v2.Request',
      enc: 'snappy',
      want: '2.0',
    },
    {
      name: 'spaces and case',
      type: 'Application/X-Protobuf ; Proto=io.prometheus.write.v2.Request',
      enc: 'Snappy',
      want: '2.0',
    },
    {
      name: 'quoted proto',
      type: 'application/x-protobuf;proto="io.prometheus.write.v2.Request"',
      enc: 'snappy',
      want: '2.0',
    },
    {
      name: 'other parameters ignored',
      type: 'application/x-protobuf; charset=utf-8',
      enc: 'snappy',
      want: '1.0',
    },
    { name: 'missing Content-Type is 1.0 (as Prometheus)', type: undefined, enc: 'snappy', want: '1.0' },
    {
      name: 'missing Content-Encoding is snappy (as Prometheus)',
      type: CONTENT_TYPES['2.0'],
      enc: undefined,
      want: '2.0',
    },
  ];
  it.each(accepted)('$name', ({ type, enc, want }) => {
    expect(negotiateRemoteWrite(type, enc)).toBe(want);
  });

  const refused: { name: string; type: string; enc: string }[] = [
    { name: 'JSON', type: 'application/json', enc: 'snappy' },
    {
      name: 'unknown proto',
      type: 'application/x-protobuf;proto=io.prometheus.write.v3.Request',
      enc: 'snappy',
    },
    {
      name: 'proto name in the wrong case',
      type: 'application/x-protobuf;proto=Prometheus.WriteRequest',
      enc: 'snappy',
    },
    { name: 'gzip', type: 'application/x-protobuf', enc: 'gzip' },
    { name: 'zstd with 2.0', type: CONTENT_TYPES['2.0'], enc: 'zstd' },
    {
      name: 'snappy framed is not a content coding we accept',
      type: 'application/x-protobuf',
      enc: 'x-snappy-framed',
    },
  ];
  it.each(refused)('refuses $name with 415', ({ type, enc }) => {
    expect(categoryOf(() => negotiateRemoteWrite(type, enc))).toBe('unsupported_media');
    expect(httpStatusOf('unsupported_media')).toBe(415);
  });

  it('names what it accepts in the message', () => {
    expect(() => negotiateRemoteWrite('text/plain', 'snappy')).toThrow(/io\.prometheus\.write\.v2\.Request/);
  });
});

describe('written headers', () => {
  it('carries the three counts under the names remote write 2.0 requires', () => {
    expect(writtenHeaders({ samples: 10, histograms: 2, exemplars: 0 })).toEqual({
      'X-Prometheus-Remote-Write-Samples-Written': '10',
      'X-Prometheus-Remote-Write-Histograms-Written': '2',
      'X-Prometheus-Remote-Write-Exemplars-Written': '0',
    });
  });
});

describe('snappy', () => {
  it('round-trips in the block format', () => {
    const data = new TextEncoder().encode('abcabcabcabcabcabcabc'.repeat(100));
    const c = snappyCompress(data);
    expect(c.length).toBeLessThan(data.length);
    // The block format starts with the uncompressed length (2100) as a varint, not a frame header.
    expect([c[0], c[1]]).toEqual([0xb4, 0x10]);
    expect(Buffer.from(snappyDecompress(c)).equals(Buffer.from(data))).toBe(true);
  });

  it('refuses a body declaring more than the limit before decompressing', () => {
    const c = snappyCompress(new Uint8Array(1000));
    expect(categoryOf(() => snappyDecompress(c, 999))).toBe('too_large');
    expect(snappyDecompress(c, 1000).length).toBe(1000);
  });

  const corrupt: { name: string; body: number[] }[] = [
    { name: 'empty body', body: [] },
    { name: 'bad length preamble', body: [0xff, 0xff, 0xff, 0xff, 0xff, 0xff] },
    { name: 'copy before any literal', body: [0x05, 0x01, 0x02] },
    { name: 'truncated literal', body: [0x0a, 0x24, 0x61] },
    {
      name: 'framed format stream identifier',
      body: [0xff, 0x06, 0x00, 0x00, 0x73, 0x4e, 0x61, 0x50, 0x70, 0x59],
    },
  ];
  it.each(corrupt)('calls $name bad_data', ({ body }) => {
    expect(categoryOf(() => snappyDecompress(new Uint8Array(body)))).toBe('bad_data');
  });
});

describe('the receive path end to end', () => {
  it.each<RemoteWriteVersion>(['1.0', '2.0'])(
    'negotiates, decompresses, decodes and validates a %s body',
    (version) => {
      const body = snappyCompress(
        encodeWriteRequest(
          {
            timeseries: [
              {
                labels: [{ name: '__name__', value: 'up' }],
                samples: { timestamps: [1000], values: Float64Array.of(1) },
              },
              {
                labels: [{ name: 'job', value: 'x' }],
                samples: { timestamps: [1000], values: Float64Array.of(1) },
              },
            ],
          },
          version,
        ),
      );
      const got = negotiateRemoteWrite(CONTENT_TYPES[version], 'snappy');
      expect(got).toBe(version);
      const req = decodeWriteRequest(snappyDecompress(body), got);
      const { accepted, rejections } = validateWriteRequest(req, DEFAULT_VALIDATION_LIMITS, 2000);
      expect(accepted.map((s) => s.labels)).toEqual([[{ name: '__name__', value: 'up' }]]);
      expect(rejections.map((r) => [r.seriesIndex, r.reason])).toEqual([[1, 'missing_metric_name']]);
    },
  );
});
