/**
 * Test and benchmark helpers (not part of the public surface): a seeded generator of
 * realistic requests, the protobufjs reference decoder, and a normaliser that turns a
 * decoded request into plain data for deep comparison.
 */
import protobuf from 'protobufjs';
import { fileURLToPath } from 'node:url';
import type { Label } from '../model/index.js';
import { STALE_NAN, sortLabels } from '../model/index.js';
import type {
  EncodableRequest,
  EncodableSeries,
  HistogramSample,
  RemoteWriteVersion,
  WriteRequest,
} from './types.js';
import { mulberry32 } from '../testsupport/index.js';

/** Deterministic PRNG (mulberry32). */
export const rng = mulberry32;

/** Options of `generateRequest`. */
export interface GenerateOptions {
  seed: number;
  series: number;
  samplesPerSeries?: number;
  /** Every n-th series carries an integer native histogram instead of samples (0: none). */
  histogramEvery?: number;
  /** Every n-th series carries an exemplar (0: none). */
  exemplarEvery?: number;
  /** Every n-th sample is a stale marker (0: none). */
  staleEvery?: number;
}

/**
 * A realistic request: series of 10 to 30 labels drawn as Prometheus scrapes produce
 * them (a few hundred targets, shared job/namespace/cluster values, per-series
 * high-cardinality labels), timestamps near 2026-01-01, labels sorted.
 */
export function generateRequest(o: GenerateOptions): EncodableRequest {
  const rand = rng(o.seed);
  const pick = (n: number): number => Math.floor(rand() * n);
  const base = 1_767_225_600_000;
  const timeseries: EncodableSeries[] = [];
  for (let i = 0; i < o.series; i++) {
    const target = pick(300);
    const labels: Label[] = [
      { name: '__name__', value: `app_metric_${pick(200)}_total` },
      { name: 'job', value: `job-${target % 12}` },
      { name: 'instance', value: `10.0.${target >> 4}.${target & 15}:9100` },
      { name: 'namespace', value: `ns-${target % 7}` },
      { name: 'cluster', value: 'eu-west-1-prod' },
      { name: 'pod', value: `app-${target}-7d9f8b6c5-${(target * 7919).toString(36)}` },
      { name: 'container', value: 'main' },
      { name: 'method', value: ['GET', 'POST', 'PUT', 'DELETE'][pick(4)]! },
      { name: 'code', value: String(200 + pick(4) * 100) },
      { name: 'route', value: `/api/v1/resource/${pick(50)}` },
    ];
    const extra = pick(21);
    for (let k = 0; k < extra; k++) labels.push({ name: `label_${k}`, value: `value-${pick(1000)}` });
    const s: EncodableSeries = { labels: sortLabels(labels) };
    if (o.histogramEvery && i % o.histogramEvery === 0) {
      s.histograms = [exampleHistogram(base + i, false)];
    } else {
      const n = o.samplesPerSeries ?? 1;
      // Float64Array keeps the stale NaN's payload; a plain array of doubles would quiet it.
      const timestamps = new Float64Array(n);
      const values = new Float64Array(n);
      for (let k = 0; k < n; k++) {
        timestamps[k] = base + k * 15_000 + pick(1000);
        const stale = o.staleEvery ? (i * n + k) % o.staleEvery === 0 : false;
        values[k] = stale ? STALE_NAN : Math.round(rand() * 1e6) / 100;
      }
      s.samples = { timestamps, values };
    }
    if (o.exemplarEvery && i % o.exemplarEvery === 0) {
      s.exemplars = [
        { labels: [{ name: 'trace_id', value: (i * 2654435761).toString(16) }], value: 1.5, timestamp: base },
      ];
    }
    timeseries.push(s);
  }
  return { timeseries };
}

/** A native histogram sample with every field set; integer (deltas) or float counts. */
export function exampleHistogram(timestamp: number, isFloat: boolean, schema = 3): HistogramSample {
  const custom = schema === -53;
  return {
    timestamp,
    startTimestamp: isFloat ? timestamp - 60_000 : 0,
    isFloat,
    count: isFloat ? 17.5 : 19,
    sum: 42.25,
    schema,
    zeroThreshold: custom ? 0 : 0.001,
    zeroCount: custom ? 0 : isFloat ? 1.5 : 2,
    resetHint: isFloat ? 3 : 2,
    // Custom buckets index the bounds from 0; exponential buckets may start below 0.
    positiveSpans: [
      { offset: custom ? 0 : -2, length: 2 },
      { offset: 3, length: 1 },
    ],
    negativeSpans: custom ? [] : [{ offset: 1, length: 2 }],
    positiveDeltas: isFloat ? [] : [3, -1, 4],
    negativeDeltas: isFloat || custom ? [] : [1, 1],
    positiveCounts: isFloat ? [3, 2.5, 6] : [],
    negativeCounts: isFloat && !custom ? [1, 2] : [],
    customValues: custom ? [0.1, 0.5, 1, 5, 10, 50] : [],
  };
}

const PROTO_DIR = fileURLToPath(new URL('../../proto/prometheus/', import.meta.url));

/** The protobufjs types of both messages, loaded from the repository's .proto files. */
export async function loadReferenceTypes(): Promise<{ v1: protobuf.Type; v2: protobuf.Type }> {
  const root = await protobuf.load([`${PROTO_DIR}write-v1.proto`, `${PROTO_DIR}write-v2.proto`]);
  return {
    v1: root.lookupType('prometheus.WriteRequest'),
    v2: root.lookupType('io.prometheus.write.v2.Request'),
  };
}

/** Converts a decoded request to plain arrays and objects, for `toEqual`. */
export function plain(req: WriteRequest): unknown {
  return {
    version: req.version,
    metadata: req.metadata,
    timeseries: req.timeseries.map((s) => ({
      labels: s.labels.map((l) => ({ name: l.name, value: l.value })),
      samples: {
        timestamps: Array.from(s.samples.timestamps),
        values: Array.from(s.samples.values),
        ...(s.samples.startTimestamps ? { startTimestamps: Array.from(s.samples.startTimestamps) } : {}),
      },
      histograms: s.histograms,
      exemplars: s.exemplars.map((e) => ({ ...e, labels: e.labels.map((l) => ({ ...l })) })),
      ...(s.metadata ? { metadata: s.metadata } : {}),
      createdTimestamp: s.createdTimestamp,
    })),
  };
}

/**
 * Decodes `bytes` with protobufjs and maps the result into the shape of `plain(...)`,
 * the reference the hand-written decoder is cross-checked against.
 */
export function referenceDecode(
  types: { v1: protobuf.Type; v2: protobuf.Type },
  bytes: Uint8Array,
  version: RemoteWriteVersion,
): unknown {
  const type = version === '1.0' ? types.v1 : types.v2;
  const o = type.toObject(type.decode(bytes), { longs: Number, defaults: true, arrays: true, oneofs: true });
  const symbols: string[] = o['symbols'] ?? [];
  const labelsOf = (x: Record<string, unknown>): Label[] => {
    if (version === '1.0') return (x['labels'] as Label[]).map((l) => ({ name: l.name, value: l.value }));
    const refs = x['labelsRefs'] as number[];
    const out: Label[] = [];
    for (let i = 0; i < refs.length; i += 2)
      out.push({ name: symbols[refs[i]!]!, value: symbols[refs[i + 1]!]! });
    return out;
  };
  const series = (o['timeseries'] as Record<string, unknown>[]).map((s) => {
    const smp = s['samples'] as { value: number; timestamp: number; startTimestamp?: number }[];
    const anyStart = smp.some((x) => (x.startTimestamp ?? 0) !== 0);
    const md = s['metadata'] as { type: number; helpRef: number; unitRef: number } | undefined;
    return {
      labels: sortLabelsStable(labelsOf(s)),
      samples: {
        timestamps: smp.map((x) => x.timestamp),
        values: smp.map((x) => x.value),
        ...(anyStart ? { startTimestamps: smp.map((x) => x.startTimestamp ?? 0) } : {}),
      },
      histograms: (s['histograms'] as Record<string, unknown>[]).map(referenceHistogram),
      exemplars: (s['exemplars'] as Record<string, unknown>[]).map((e) => ({
        labels: sortLabelsStable(labelsOf(e)),
        value: e['value'],
        timestamp: e['timestamp'],
      })),
      ...(version === '2.0' && md
        ? { metadata: { type: md.type, help: symbols[md.helpRef], unit: symbols[md.unitRef] } }
        : {}),
      createdTimestamp: (s['createdTimestamp'] as number | undefined) ?? 0,
    };
  });
  const metadata = version === '1.0' ? (o['metadata'] as unknown[]) : [];
  return { version, metadata, timeseries: series };
}

function sortLabelsStable(labels: Label[]): Label[] {
  return labels.slice().sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function referenceHistogram(h: Record<string, unknown>): HistogramSample {
  const spans = (x: unknown): { offset: number; length: number }[] =>
    (x as { offset: number; length: number }[]).map((s) => ({ offset: s.offset, length: s.length }));
  const isFloat = h['count'] === 'countFloat';
  return {
    timestamp: h['timestamp'] as number,
    startTimestamp: (h['startTimestamp'] as number | undefined) ?? 0,
    isFloat,
    count: (isFloat ? h['countFloat'] : h['countInt']) as number,
    sum: h['sum'] as number,
    schema: h['schema'] as number,
    zeroThreshold: h['zeroThreshold'] as number,
    zeroCount: (h['zeroCount'] === 'zeroCountFloat' ? h['zeroCountFloat'] : h['zeroCountInt']) as number,
    resetHint: h['resetHint'] as HistogramSample['resetHint'],
    positiveSpans: spans(h['positiveSpans']),
    negativeSpans: spans(h['negativeSpans']),
    positiveDeltas: h['positiveDeltas'] as number[],
    negativeDeltas: h['negativeDeltas'] as number[],
    positiveCounts: h['positiveCounts'] as number[],
    negativeCounts: h['negativeCounts'] as number[],
    customValues: h['customValues'] as number[],
  };
}
