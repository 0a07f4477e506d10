import { describe, expect, it } from 'vitest';
import type { Label } from '../model/index.js';
import { STALE_NAN, isStaleNaN } from '../model/index.js';
import type { RejectionReason, TimeSeries, ValidationLimits, WriteRequest } from './index.js';
import {
  DEFAULT_VALIDATION_LIMITS,
  REJECTION_REASONS,
  decodeWriteRequest,
  encodeWriteRequestV1,
  validateSeries,
  validateWriteRequest,
} from './index.js';
import { exampleHistogram } from './test-helpers.js';

const NOW = 1_767_225_600_000;

function series(
  labels: Record<string, string> | Label[],
  timestamps: number[] = [NOW],
  values?: number[],
): TimeSeries {
  const ls = Array.isArray(labels)
    ? labels
    : Object.entries(labels).map(([name, value]) => ({ name, value }));
  return {
    labels: ls,
    labelsUnsorted: false,
    samples: {
      timestamps: Float64Array.from(timestamps),
      values: values ? Float64Array.from(values) : new Float64Array(timestamps.length).fill(1),
    },
    histograms: [],
    exemplars: [],
    createdTimestamp: 0,
  };
}

function request(...ts: TimeSeries[]): WriteRequest {
  return { version: '1.0', timeseries: ts, metadata: [] };
}

const manyLabels: Record<string, string> = { __name__: 'm' };
for (let i = 0; i < 30; i++) manyLabels[`l${String(i).padStart(2, '0')}`] = 'v';

interface Row {
  name: string;
  series: TimeSeries;
  limits?: Partial<ValidationLimits>;
  minValidTimeMs?: number;
  reason: RejectionReason;
  /** Parts the message must contain (series, limit, flag). */
  mentions: string[];
  /** Float samples the rejection counts. */
  samples: number;
  /** Whether what remains of the series is still stored. */
  kept: boolean;
}

const rows: Row[] = [
  {
    name: 'no __name__',
    series: series({ job: 'a' }),
    reason: 'missing_metric_name',
    mentions: ['{job="a"}'],
    samples: 1,
    kept: false,
  },
  {
    name: 'empty __name__ value (dropped, then missing)',
    series: series({ __name__: '', job: 'a' }),
    reason: 'missing_metric_name',
    mentions: ['job="a"'],
    samples: 1,
    kept: false,
  },
  {
    name: 'metric name outside the legacy charset',
    series: series({ __name__: 'http.requests', job: 'a' }),
    reason: 'invalid_metric_name',
    mentions: ['"http.requests"', '--validation.utf8-names', 'http.requests{job="a"}'],
    samples: 1,
    kept: false,
  },
  {
    name: 'metric name starting with a digit',
    series: series({ __name__: '1up' }),
    reason: 'invalid_metric_name',
    mentions: ['"1up"'],
    samples: 1,
    kept: false,
  },
  {
    name: 'metric name too long',
    series: series({ __name__: 'm'.repeat(20) }),
    limits: { maxMetricNameLength: 10 },
    reason: 'metric_name_too_long',
    mentions: ['20 bytes', 'limit of 10', '--validation.max-length-metric-name'],
    samples: 1,
    kept: false,
  },
  {
    name: 'label name with a dash',
    series: series({ __name__: 'up', 'bad-name': 'x' }),
    reason: 'invalid_label',
    mentions: ['"bad-name"', 'up{bad-name="x"}', '--validation.utf8-names'],
    samples: 1,
    kept: false,
  },
  {
    name: 'label name with a colon',
    series: series({ __name__: 'up', 'a:b': 'x' }),
    reason: 'invalid_label',
    mentions: ['"a:b"'],
    samples: 1,
    kept: false,
  },
  {
    name: 'empty label name',
    series: series({ __name__: 'up', '': 'x' }),
    reason: 'invalid_label',
    mentions: ['""'],
    samples: 1,
    kept: false,
  },
  {
    name: 'empty label name under utf8Names',
    series: series({ __name__: 'up', '': 'x' }),
    limits: { utf8Names: true },
    reason: 'invalid_label',
    mentions: ['""'],
    samples: 1,
    kept: false,
  },
  {
    name: 'label name too long',
    series: series({ __name__: 'up', ['a'.repeat(1025)]: 'x' }),
    reason: 'label_name_too_long',
    mentions: ['1025 bytes', 'limit of 1024', '--validation.max-length-label-name'],
    samples: 1,
    kept: false,
  },
  {
    name: 'label value too long',
    series: series({ __name__: 'up', path: 'p'.repeat(2049) }),
    reason: 'label_value_too_long',
    mentions: ['"path"', '2049 bytes', 'limit of 2048', '--validation.max-length-label-value'],
    samples: 1,
    kept: false,
  },
  {
    name: 'label value too long in UTF-8 bytes, not in characters',
    series: series({ __name__: 'up', path: 'é'.repeat(6) }),
    limits: { maxLabelValueLength: 11 },
    reason: 'label_value_too_long',
    mentions: ['12 bytes', 'limit of 11'],
    samples: 1,
    kept: false,
  },
  {
    name: 'too many labels',
    series: series(manyLabels),
    reason: 'max_label_names_per_series',
    mentions: ['31 labels', 'limit of 30', '--validation.max-label-names-per-series', 'm{l00="v"'],
    samples: 1,
    kept: false,
  },
  {
    name: 'duplicate label names',
    series: series([
      { name: '__name__', value: 'up' },
      { name: 'job', value: 'a' },
      { name: 'job', value: 'b' },
    ]),
    reason: 'duplicate_label_names',
    mentions: ['"job"', 'up{job="a", job="b"}'],
    samples: 1,
    kept: false,
  },
  {
    name: 'samples out of order within the request',
    series: series({ __name__: 'up' }, [NOW - 3000, NOW - 1000, NOW - 2000, NOW - 1000, NOW]),
    reason: 'sample_out_of_order',
    mentions: ['2 sample(s) out of order', 'up{}'],
    samples: 2,
    kept: true,
  },
  {
    name: 'sample too far in the future',
    series: series({ __name__: 'up' }, [NOW, NOW + 10 * 60_000 + 1]),
    reason: 'too_far_in_future',
    mentions: [
      '1 sample(s) too far in the future',
      'more than 10m past',
      '--validation.create-grace-period',
      'up{}',
    ],
    samples: 1,
    kept: true,
  },
  {
    name: 'sample past a custom grace period',
    series: series({ __name__: 'up' }, [NOW + 5_401_000]),
    limits: { creationGracePeriodMs: 5_400_000 },
    reason: 'too_far_in_future',
    mentions: ['more than 1h30m past'],
    samples: 1,
    kept: false,
  },
  {
    name: 'sample older than the minimum valid time',
    series: series({ __name__: 'up' }, [NOW - 7_200_001, NOW]),
    minValidTimeMs: NOW - 7_200_000,
    reason: 'too_old',
    mentions: ['1 sample(s) too old', new Date(NOW - 7_200_000).toISOString(), 'up{}'],
    samples: 1,
    kept: true,
  },
  {
    name: 'malformed native histogram (spans do not match buckets)',
    series: {
      ...series({ __name__: 'lat' }, []),
      histograms: [
        exampleHistogram(NOW - 10, false),
        { ...exampleHistogram(NOW, false), positiveDeltas: [1] },
      ],
    },
    reason: 'invalid_native_histogram',
    mentions: [
      '1 malformed native histogram sample(s)',
      'positive spans cover 3 buckets but 1 bucket counts were sent',
      'lat{}',
    ],
    samples: 0,
    kept: true,
  },
  {
    name: 'exemplar without a timestamp',
    series: {
      ...series({ __name__: 'up' }),
      exemplars: [{ labels: [{ name: 'trace_id', value: 'a' }], value: 1, timestamp: 0 }],
    },
    reason: 'invalid_exemplar',
    mentions: ['1 invalid exemplar(s)', 'no timestamp', 'up{}'],
    samples: 0,
    kept: true,
  },
  {
    name: 'exemplar labels over 128 characters',
    series: {
      ...series({ __name__: 'up' }),
      exemplars: [{ labels: [{ name: 'trace_id', value: '😀'.repeat(121) }], value: 1, timestamp: NOW }],
    },
    reason: 'invalid_exemplar',
    mentions: ['129 characters long', 'limit of 128'],
    samples: 0,
    kept: true,
  },
  {
    name: 'every sample too old drops the series',
    series: series({ __name__: 'up' }, [NOW - 10, NOW - 5]),
    minValidTimeMs: NOW,
    reason: 'too_old',
    mentions: ['2 sample(s) too old'],
    samples: 2,
    kept: false,
  },
];

describe('validateWriteRequest rejections', () => {
  it.each(rows)('$name → $reason', (row) => {
    const limits = { ...DEFAULT_VALIDATION_LIMITS, ...row.limits };
    const ok = series({ __name__: 'fine', job: 'x' });
    const req = request(ok, row.series);
    const { accepted, rejections } = validateWriteRequest(req, limits, NOW, {
      minValidTimeMs: row.minValidTimeMs,
    });
    expect(rejections).toHaveLength(1);
    const r = rejections[0]!;
    expect(r.reason).toBe(row.reason);
    expect(r.seriesIndex).toBe(1);
    expect(r.errorId).toBe(`err-epimetheus-${row.reason.replaceAll('_', '-')}`);
    expect(r.message).toContain(r.errorId);
    for (const m of row.mentions) expect(r.message).toContain(m);
    expect(r.samples).toBe(row.samples);
    // The valid series is always kept, untouched.
    expect(accepted[0]).toBe(ok);
    expect(accepted).toHaveLength(row.kept ? 2 : 1);
    if (row.kept) {
      expect(accepted[1]!.samples.timestamps.length).toBe(row.series.samples.timestamps.length - row.samples);
    }
  });

  it('has a row for every reason', () => {
    expect(new Set(rows.map((r) => r.reason))).toEqual(new Set(REJECTION_REASONS));
  });
});

describe('validateWriteRequest fixes and passes', () => {
  it('sorts labels and drops empty values without rejecting', () => {
    const s = series([
      { name: 'zone', value: 'a' },
      { name: 'empty', value: '' },
      { name: '__name__', value: 'up' },
    ]);
    const { accepted, rejections, unchanged } = validateWriteRequest(
      request(s),
      DEFAULT_VALIDATION_LIMITS,
      NOW,
    );
    expect(rejections).toEqual([]);
    expect(unchanged).toBe(false);
    expect(accepted[0]!.labels).toEqual([
      { name: '__name__', value: 'up' },
      { name: 'zone', value: 'a' },
    ]);
    expect(s.labels).toHaveLength(3); // the input is not modified
  });

  it('returns the request series themselves when nothing changes', () => {
    const a = series({ __name__: 'up', job: 'x' });
    const b = series({ __name__: 'up', job: 'y' }, [NOW - 1, NOW]);
    const res = validateWriteRequest(request(a, b), DEFAULT_VALIDATION_LIMITS, NOW);
    expect(res).toEqual({ accepted: [a, b], rejections: [], unchanged: true });
    expect(res.accepted[0]).toBe(a);
  });

  it('accepts UTF-8 metric and label names when utf8Names is set', () => {
    const s = series({ __name__: 'http.requests.总数', 'service.name': 'api' });
    const limits = { ...DEFAULT_VALIDATION_LIMITS, utf8Names: true };
    expect(validateWriteRequest(request(s), limits, NOW).rejections).toEqual([]);
  });

  it('rejects a hand-built name with a lone surrogate under utf8Names', () => {
    const s = series({ __name__: 'up', ['bad\uD800']: 'x' });
    const limits = { ...DEFAULT_VALIDATION_LIMITS, utf8Names: true };
    expect(validateWriteRequest(request(s), limits, NOW).rejections.map((r) => r.reason)).toEqual([
      'invalid_label',
    ]);
  });

  it('accepts a sample exactly at the grace period and at the minimum valid time', () => {
    const s = series({ __name__: 'up' }, [NOW - 100, NOW + 600_000]);
    const res = validateWriteRequest(request(s), DEFAULT_VALIDATION_LIMITS, NOW, {
      minValidTimeMs: NOW - 100,
    });
    expect(res.rejections).toEqual([]);
  });

  it('reports several sample reasons of one series separately and keeps stale markers exact', () => {
    const s = series({ __name__: 'up' }, [NOW - 5000, NOW - 6000, NOW + 3_600_000, NOW - 4000], [1, 2, 3, 0]);
    (s.samples.values as Float64Array)[3] = STALE_NAN;
    const res = validateWriteRequest(request(s), DEFAULT_VALIDATION_LIMITS, NOW);
    expect(res.rejections.map((r) => [r.reason, r.samples])).toEqual([
      ['too_far_in_future', 1],
      ['sample_out_of_order', 1],
    ]);
    const kept = res.accepted[0]!.samples;
    expect(Array.from(kept.timestamps)).toEqual([NOW - 5000, NOW - 4000]);
    expect(isStaleNaN(kept.values[1]!)).toBe(true);
  });

  it('applies the time rules to histogram samples too', () => {
    const s: TimeSeries = {
      ...series({ __name__: 'lat' }, []),
      histograms: [
        exampleHistogram(NOW - 10, false),
        exampleHistogram(NOW - 20, false),
        exampleHistogram(NOW, true),
      ],
    };
    const res = validateWriteRequest(request(s), DEFAULT_VALIDATION_LIMITS, NOW);
    expect(res.rejections.map((r) => [r.reason, r.samples, r.histograms])).toEqual([
      ['sample_out_of_order', 0, 1],
    ]);
    expect(res.accepted[0]!.histograms.map((h) => h.timestamp)).toEqual([NOW - 10, NOW]);
  });

  it('counts exemplars and histograms dropped with a rejected series', () => {
    const s: TimeSeries = {
      ...series({ job: 'x' }),
      histograms: [exampleHistogram(NOW, false)],
      exemplars: [{ labels: [], value: 1, timestamp: NOW }],
    };
    const [r] = validateWriteRequest(request(s), DEFAULT_VALIDATION_LIMITS, NOW).rejections;
    expect([r!.samples, r!.histograms, r!.exemplars]).toEqual([1, 1, 1]);
  });

  it('keeps an exemplar-only series (how 1.0 senders ship exemplars)', () => {
    const s: TimeSeries = {
      ...series({ __name__: 'up' }, []),
      exemplars: [{ labels: [], value: 1, timestamp: NOW }],
    };
    expect(validateWriteRequest(request(s), DEFAULT_VALIDATION_LIMITS, NOW).accepted).toHaveLength(1);
  });

  it('accepts exemplar labels of exactly 128 characters, counting code points', () => {
    const s: TimeSeries = {
      ...series({ __name__: 'up' }),
      exemplars: [{ labels: [{ name: 'trace_id', value: '😀'.repeat(120) }], value: 1, timestamp: NOW }],
    };
    expect(validateWriteRequest(request(s), DEFAULT_VALIDATION_LIMITS, NOW).rejections).toEqual([]);
  });

  it('validateSeries checks one series the same way', () => {
    const { series: out, rejections } = validateSeries(series({ job: 'x' }), DEFAULT_VALIDATION_LIMITS, NOW);
    expect(out).toBeUndefined();
    expect(rejections.map((r) => r.reason)).toEqual(['missing_metric_name']);
  });

  it('validates what the decoder produced, flagging unsorted input as changed', () => {
    const body = encodeWriteRequestV1({
      timeseries: [
        {
          labels: [
            { name: 'job', value: 'a' },
            { name: '__name__', value: 'up' },
          ],
          samples: { timestamps: [NOW], values: [1] },
        },
      ],
    });
    const req = decodeWriteRequest(body, '1.0');
    expect(req.timeseries[0]!.labelsUnsorted).toBe(true);
    const res = validateWriteRequest(req, DEFAULT_VALIDATION_LIMITS, NOW);
    expect(res.rejections).toEqual([]);
    expect(res.unchanged).toBe(false);
    expect(res.accepted[0]!.labels.map((l) => l.name)).toEqual(['__name__', 'job']);
  });
});
