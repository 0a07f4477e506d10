import { beforeAll, describe, expect, it } from 'vitest';
import { EpimetheusError } from '../errors/index.js';
import { STALE_NAN, isStaleNaN } from '../model/index.js';
import type { EncodableRequest, RemoteWriteVersion } from './index.js';
import {
  decodeWriteRequest,
  encodeWriteRequest,
  encodeWriteRequestV1,
  encodeWriteRequestV2,
} from './index.js';
import {
  exampleHistogram,
  generateRequest,
  loadReferenceTypes,
  plain,
  referenceDecode,
} from './test-helpers.js';

let types: Awaited<ReturnType<typeof loadReferenceTypes>>;
beforeAll(async () => {
  types = await loadReferenceTypes();
});

const T0 = 1_767_225_600_000;

/** A request using every field both versions carry. */
function fullRequest(): EncodableRequest {
  return {
    timeseries: [
      {
        labels: [
          { name: '__name__', value: 'http_requests_total' },
          { name: 'job', value: 'api' },
          { name: 'path', value: '/ünïcødé/路径/😀' },
        ],
        samples: {
          timestamps: [T0, T0 + 15_000, T0 + 30_000],
          values: Float64Array.of(1, -0, STALE_NAN),
          startTimestamps: [T0 - 5, 0, T0 - 5],
        },
        exemplars: [{ labels: [{ name: 'trace_id', value: 'abc123' }], value: 0.25, timestamp: T0 + 1 }],
        metadata: { type: 1, help: 'Requests served.', unit: 'requests' },
        createdTimestamp: T0 - 100,
      },
      {
        labels: [{ name: '__name__', value: 'lat' }],
        histograms: [exampleHistogram(T0, false), exampleHistogram(T0 + 1, true)],
      },
      {
        labels: [{ name: '__name__', value: 'nhcb' }],
        histograms: [exampleHistogram(T0, false, -53), exampleHistogram(T0 + 1, true, -53)],
      },
      {
        labels: [{ name: '__name__', value: 'neg' }],
        samples: { timestamps: [-1, -(2 ** 40), 2 ** 52], values: [1e308, -Infinity, 5e-324] },
      },
    ],
    metadata: [{ type: 3, metricFamilyName: 'lat', help: 'Latency, in seconds.', unit: 'seconds' }],
  };
}

describe.each<RemoteWriteVersion>(['1.0', '2.0'])('remote write %s codec', (version) => {
  it('round-trips every field through encode and decode', () => {
    const req = fullRequest();
    const got = decodeWriteRequest(encodeWriteRequest(req, version), version);
    expect(got.version).toBe(version);
    expect(got.timeseries).toHaveLength(4);
    const [s0, s1, s2, s3] = got.timeseries;
    expect(s0!.labels).toEqual(req.timeseries[0]!.labels);
    expect(Array.from(s0!.samples.timestamps)).toEqual([T0, T0 + 15_000, T0 + 30_000]);
    expect(Object.is(s0!.samples.values[1], -0)).toBe(true);
    expect(s0!.exemplars).toEqual(req.timeseries[0]!.exemplars);
    expect(s1!.histograms).toEqual(
      req.timeseries[1]!.histograms!.map((h) => ({
        ...h,
        startTimestamp: version === '2.0' ? h.startTimestamp : 0,
      })),
    );
    expect(s2!.histograms[0]!.customValues).toEqual([0.1, 0.5, 1, 5, 10, 50]);
    expect(s2!.histograms[1]!.schema).toBe(-53);
    expect(Array.from(s3!.samples.timestamps)).toEqual([-1, -(2 ** 40), 2 ** 52]);
    expect(Array.from(s3!.samples.values)).toEqual([1e308, -Infinity, 5e-324]);
    if (version === '1.0') {
      // Per-series (2.0) metadata is lifted to the request, named by the metric.
      expect(got.metadata).toEqual([
        ...req.metadata!,
        { type: 1, metricFamilyName: 'http_requests_total', help: 'Requests served.', unit: 'requests' },
      ]);
      expect(s0!.samples.startTimestamps).toBeUndefined();
      expect(s0!.metadata).toBeUndefined();
    } else {
      expect(got.metadata).toEqual([]);
      expect(Array.from(s0!.samples.startTimestamps!)).toEqual([T0 - 5, 0, T0 - 5]);
      expect(s0!.metadata).toEqual({ type: 1, help: 'Requests served.', unit: 'requests' });
      // Request-level (1.0) metadata is attached to the series of that metric.
      expect(s1!.metadata).toEqual({ type: 3, help: 'Latency, in seconds.', unit: 'seconds' });
      expect(s2!.metadata).toBeUndefined();
      expect(s0!.createdTimestamp).toBe(T0 - 100);
    }
  });

  it('keeps the stale marker bit pattern 0x7ff0000000000002 exactly', () => {
    const req: EncodableRequest = {
      timeseries: [
        // Float64Array.of, not an array literal: V8 quiets signalling NaNs stored in plain double arrays.
        {
          labels: [{ name: '__name__', value: 'up' }],
          samples: { timestamps: [T0, T0 + 1], values: Float64Array.of(STALE_NAN, NaN) },
        },
        {
          labels: [{ name: '__name__', value: 'h' }],
          histograms: [{ ...exampleHistogram(T0, false), sum: STALE_NAN }],
        },
      ],
    };
    const got = decodeWriteRequest(encodeWriteRequest(req, version), version);
    const values = got.timeseries[0]!.samples.values;
    const bits = new Uint32Array(values.buffer, values.byteOffset, 4);
    expect([bits[1], bits[0]]).toEqual([0x7ff00000, 0x00000002]);
    expect(isStaleNaN(values[0]!)).toBe(true);
    expect(Number.isNaN(values[1])).toBe(true);
    expect(isStaleNaN(values[1]!)).toBe(false);
    expect(isStaleNaN(got.timeseries[1]!.histograms[0]!.sum)).toBe(true);
  });

  it('decodes what protobufjs encodes, and protobufjs decodes what we encode, identically', () => {
    const type = version === '1.0' ? types.v1 : types.v2;
    for (const req of [
      fullRequest(),
      generateRequest({
        seed: 7,
        series: 200,
        samplesPerSeries: 3,
        histogramEvery: 9,
        exemplarEvery: 5,
        staleEvery: 11,
      }),
    ]) {
      const ours = encodeWriteRequest(req, version);
      const reference = referenceDecode(types, ours, version);
      expect(plain(decodeWriteRequest(ours, version))).toEqual(reference);
      // Re-encoding with protobufjs changes field layout (defaults, packing) but not content.
      const theirs = type.encode(type.decode(ours)).finish();
      expect(plain(decodeWriteRequest(theirs, version))).toEqual(reference);
    }
  });

  it('sorts unsorted labels and flags the series', () => {
    const req: EncodableRequest = {
      timeseries: [
        {
          labels: [
            { name: 'job', value: 'a' },
            { name: '__name__', value: 'up' },
          ],
          samples: { timestamps: [1], values: [1] },
        },
        {
          labels: [
            { name: '__name__', value: 'up' },
            { name: 'job', value: 'a' },
          ],
          samples: { timestamps: [1], values: [1] },
        },
      ],
    };
    const [a, b] = decodeWriteRequest(encodeWriteRequest(req, version), version).timeseries;
    expect(a!.labels.map((l) => l.name)).toEqual(['__name__', 'job']);
    expect(a!.labelsUnsorted).toBe(true);
    expect(b!.labelsUnsorted).toBe(false);
  });

  it('shares one Label object per distinct pair, and stays right once the intern table is full', () => {
    // 1,000 series of 21 labels, 20 of them unique: 20k distinct pairs, the table keeps 16k.
    const req = generateRequest({ seed: 9, series: 1000 });
    req.timeseries.forEach((s, i) => {
      s.labels = [
        ...s.labels.slice(0, 5),
        ...Array.from({ length: 20 }, (_, k) => ({ name: `u${k}`, value: `v-${i}-${k}` })),
      ];
    });
    const body = encodeWriteRequest(req, version);
    const got = decodeWriteRequest(body, version);
    expect(plain(got)).toEqual(referenceDecode(types, body, version));
    const clusters = new Set(
      got.timeseries.slice(0, 100).map((s) => s.labels.find((l) => l.name === 'cluster')),
    );
    expect(clusters.size).toBe(1);
  });

  it('decodes an empty body as an empty request', () => {
    expect(decodeWriteRequest(new Uint8Array(0), version)).toEqual({ version, timeseries: [], metadata: [] });
  });

  it('does not let one request leak into the next (reused scratch space)', () => {
    const big = generateRequest({ seed: 1, series: 50, samplesPerSeries: 4 });
    const small = generateRequest({ seed: 2, series: 3 });
    const first = decodeWriteRequest(encodeWriteRequest(big, version), version);
    const snapshot = plain(first);
    const second = decodeWriteRequest(encodeWriteRequest(small, version), version);
    expect(plain(first)).toEqual(snapshot);
    expect(second.timeseries.map((s) => s.labels)).toEqual(small.timeseries.map((s) => s.labels));
  });
});

describe('wire details', () => {
  it('decodes a stale marker from raw bytes bit for bit', () => {
    // WriteRequest{timeseries{labels{__name__=up} samples{value=0x7ff0000000000002 timestamp=1}}}
    const sample = [0x09, 0x02, 0, 0, 0, 0, 0, 0xf0, 0x7f, 0x10, 0x01];
    const label = [0x0a, 0x08, ...Buffer.from('__name__'), 0x12, 0x02, ...Buffer.from('up')];
    const series = [0x0a, label.length, ...label, 0x12, sample.length, ...sample];
    const got = decodeWriteRequest(new Uint8Array([0x0a, series.length, ...series]), '1.0');
    const v = got.timeseries[0]!.samples.values;
    expect(Array.from(new Uint8Array(v.buffer, v.byteOffset, 8))).toEqual(sample.slice(1, 9));
    expect(isStaleNaN(v[0]!)).toBe(true);
  });

  it('skips unknown fields of every wire type, including groups', () => {
    const w = types.v1;
    const body = encodeWriteRequestV1({
      timeseries: [
        { labels: [{ name: '__name__', value: 'up' }], samples: { timestamps: [5], values: [2] } },
      ],
    });
    // field 99 varint, field 98 fixed64, field 97 bytes, field 96 fixed32, field 95 group {field 1 varint}
    const unknown = [
      0x98, 0x06, 0x2a, 0x91, 0x06, 1, 2, 3, 4, 5, 6, 7, 8, 0x8a, 0x06, 2, 9, 9, 0x85, 0x06, 1, 2, 3, 4, 0xfb,
      0x05, 0x08, 1, 0xfc, 0x05,
    ];
    const withUnknown = new Uint8Array([...unknown, ...body, ...unknown]);
    const got = decodeWriteRequest(withUnknown, '1.0');
    expect(got.timeseries[0]!.labels).toEqual([{ name: '__name__', value: 'up' }]);
    expect(w.decode(withUnknown)).toBeTruthy();
  });

  it('accepts unpacked repeated scalars as well as packed ones', () => {
    // TimeSeries{labels_refs: 1 (unpacked), 2 (unpacked), samples{value 1.0 ts 3}}
    const ts = [0x08, 1, 0x08, 2, 0x12, 11, 0x09, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f, 0x10, 3];
    const body = new Uint8Array([0x22, 0, 0x22, 2, 0x75, 0x70, 0x22, 1, 0x78, 0x2a, ts.length, ...ts]);
    const got = decodeWriteRequest(body, '2.0');
    expect(got.timeseries[0]!.labels).toEqual([{ name: 'up', value: 'x' }]);
    expect(Array.from(got.timeseries[0]!.samples.values)).toEqual([1]);
  });

  it('accepts unpacked histogram buckets and the last of a oneof', () => {
    const f64 = (v: number): number[] => Array.from(new Uint8Array(Float64Array.of(v).buffer));
    const hist = [
      ...[0x08, 0x05], // count_int 5, then count_float 7.5 wins
      ...[0x11, ...f64(7.5)],
      ...[0x60, 0x06, 0x60, 0x01], // positive_deltas 3, -1 unpacked
      ...[0x69, ...f64(2.5)], // positive_counts 2.5 unpacked
      ...[0x81, 0x01, ...f64(0.5), 0x81, 0x01, ...f64(1)], // custom_values unpacked
      ...[0x42, 0x04, 0x08, 0x03, 0x10, 0x02], // negative_spans {offset -2, length 2}
    ];
    const label = [0x0a, 0x08, ...Buffer.from('__name__'), 0x12, 0x01, 0x68];
    const series = [0x0a, label.length, ...label, 0x22, hist.length, ...hist];
    const h = decodeWriteRequest(new Uint8Array([0x0a, series.length, ...series]), '1.0').timeseries[0]!
      .histograms[0]!;
    expect(h.isFloat).toBe(true);
    expect(h.count).toBe(7.5);
    expect(h.positiveDeltas).toEqual([3, -1]);
    expect(h.positiveCounts).toEqual([2.5]);
    expect(h.customValues).toEqual([0.5, 1]);
    expect(h.negativeSpans).toEqual([{ offset: -2, length: 2 }]);
  });

  it('decodes a body of the other version as empty, as the 2.0 spec arranges with reserved fields', () => {
    const req = generateRequest({ seed: 5, series: 3 });
    expect(decodeWriteRequest(encodeWriteRequestV1(req), '2.0').timeseries).toEqual([]);
    expect(decodeWriteRequest(encodeWriteRequestV2(req), '1.0').timeseries).toEqual([]);
  });

  it('reads the 2.0 symbol table even when it follows the series', () => {
    const body = encodeWriteRequestV2({
      timeseries: [
        { labels: [{ name: '__name__', value: 'up' }], samples: { timestamps: [1], values: [1] } },
      ],
    });
    const o = types.v2.decode(body) as unknown as { symbols: string[]; timeseries: unknown[] };
    const seriesFirst = new Uint8Array([
      ...types.v2.encode({ timeseries: o.timeseries }).finish(),
      ...types.v2.encode({ symbols: o.symbols }).finish(),
    ]);
    expect(decodeWriteRequest(seriesFirst, '2.0').timeseries[0]!.labels).toEqual([
      { name: '__name__', value: 'up' },
    ]);
  });

  it('encodes 2,000 series into a body protobufjs reads back', () => {
    const req = generateRequest({ seed: 3, series: 2000 });
    const body = encodeWriteRequestV2(req);
    const o = types.v2.decode(body) as unknown as { timeseries: unknown[]; symbols: string[] };
    expect(o.timeseries).toHaveLength(2000);
    expect(o.symbols[0]).toBe('');
    expect(encodeWriteRequestV1(req).length).toBeGreaterThan(body.length);
  });
});

/** Builds a v1 body from raw bytes of one TimeSeries payload. */
function v1Series(payload: number[]): Uint8Array {
  return new Uint8Array([0x0a, payload.length, ...payload]);
}

describe('malformed input is bad_data', () => {
  const cases: { name: string; version: RemoteWriteVersion; body: number[] | Uint8Array; message: RegExp }[] =
    [
      { name: 'truncated varint tag', version: '1.0', body: [0x80], message: /truncated varint/ },
      {
        name: 'varint longer than 10 bytes',
        version: '1.0',
        body: [0x78, ...Array(10).fill(0xff), 0x01],
        message: /longer than 10 bytes/,
      },
      { name: 'field number 0', version: '1.0', body: [0x02, 0x00], message: /field number 0/ },
      {
        name: 'length past the end',
        version: '1.0',
        body: [0x0a, 0x05, 0x0a, 0x00],
        message: /runs past the end/,
      },
      {
        name: 'known field with the wrong wire type',
        version: '1.0',
        body: [0x08, 0x01],
        message: /: WriteRequest field 1 has unexpected wire type 0/,
      },
      {
        name: 'label with the wrong wire type',
        version: '1.0',
        body: v1Series([0x08, 0x01]),
        message: /timeseries\[0\]: TimeSeries field 1 has unexpected wire type 0/,
      },
      { name: 'invalid wire type 7', version: '1.0', body: [0x7f], message: /invalid wire type 7/ },
      {
        name: 'invalid UTF-8 in a label value',
        version: '1.0',
        body: v1Series([0x0a, 0x05, 0x12, 0x03, 0x61, 0xc3, 0x28]),
        message: /invalid UTF-8/,
      },
      {
        name: 'overlong UTF-8 encoding',
        version: '1.0',
        body: v1Series([0x0a, 0x04, 0x0a, 0x02, 0xc0, 0xaf]),
        message: /invalid UTF-8/,
      },
      {
        name: 'truncated double',
        version: '1.0',
        body: v1Series([0x12, 0x05, 0x09, 0, 0, 0, 0]),
        message: /truncated fixed64/,
      },
      {
        name: 'varint running past its message',
        version: '1.0',
        body: [0x0a, 0x02, 0x12, 0x01, 0x80, 0x01],
        message: /past the end|truncated/,
      },
      { name: 'unterminated group', version: '1.0', body: [0x7b, 0x08, 0x01], message: /unterminated group/ },
      {
        name: 'packed doubles not a multiple of 8',
        version: '1.0',
        body: v1Series([0x22, 0x05, 0x82, 0x01, 0x02, 0, 0]),
        message: /multiple of 8/,
      },
      {
        name: 'symbol reference out of range',
        version: '2.0',
        body: [0x22, 0x00, 0x2a, 0x04, 0x0a, 0x02, 0x00, 0x05],
        message: /symbol reference 5 out of range \(1 symbols\)/,
      },
      {
        name: 'odd number of label references',
        version: '2.0',
        body: [0x22, 0x00, 0x2a, 0x03, 0x0a, 0x01, 0x00],
        message: /odd number of label references/,
      },
      {
        name: 'invalid UTF-8 in a symbol',
        version: '2.0',
        body: [0x22, 0x01, 0xff],
        message: /invalid UTF-8/,
      },
      {
        name: 'symbols with the wrong wire type',
        version: '2.0',
        body: [0x20, 0x01],
        message: /Request field 4 has unexpected wire type 0/,
      },
    ];
  it.each(cases)('$name', ({ version, body, message }) => {
    const bytes = body instanceof Uint8Array ? body : new Uint8Array(body);
    let err: unknown;
    try {
      decodeWriteRequest(bytes, version);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(EpimetheusError);
    expect((err as EpimetheusError).category).toBe('bad_data');
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).toMatch(
      /^decode (prometheus\.WriteRequest|io\.prometheus\.write\.v2\.Request): /,
    );
  });
});
