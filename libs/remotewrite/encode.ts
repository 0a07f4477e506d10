import type { Label, Span } from '../model/index.js';
import { METRIC_NAME } from '../model/index.js';
import { WireType } from './proto-reader.js';
import { ProtoWriter } from './proto-writer.js';
import type {
  EncodableRequest,
  EncodableSeries,
  HistogramSample,
  MetricMetadata,
  RemoteWriteVersion,
  SeriesMetadata,
} from './types.js';

let writer: ProtoWriter | undefined;
let seriesWriter: ProtoWriter | undefined;

/**
 * Encodes a request as remote write 1.0 `prometheus.WriteRequest` protobuf (uncompressed;
 * see `snappyCompress`). Labels are written in the order given. Per-series (2.0) metadata
 * becomes request-level metadata named by the series' metric name, once per name and
 * only where `req.metadata` has none for it; start and created timestamps are dropped.
 * Returns a fresh buffer.
 */
export function encodeWriteRequestV1(req: EncodableRequest): Uint8Array {
  const w = (writer ??= new ProtoWriter());
  w.pos = 0;
  for (const s of req.timeseries) {
    w.tag(1, WireType.Len);
    const start = w.beginLen();
    writeSeriesV1(w, s);
    w.endLen(start);
  }
  for (const m of metadataV1(req)) {
    w.tag(3, WireType.Len);
    const start = w.beginLen();
    writeMetadataV1(w, m);
    w.endLen(start);
  }
  return w.finish();
}

function writeSeriesV1(w: ProtoWriter, s: EncodableSeries): void {
  for (const l of s.labels) writeLabel(w, 1, l);
  const smp = s.samples;
  if (smp !== undefined) {
    for (let i = 0; i < smp.timestamps.length; i++) {
      w.tag(2, WireType.Len);
      const start = w.beginLen();
      w.doubleField(1, smp.values[i]!);
      w.int64Field(2, smp.timestamps[i]!);
      w.endLen(start);
    }
  }
  for (const e of s.exemplars ?? []) {
    w.tag(3, WireType.Len);
    const start = w.beginLen();
    for (const l of e.labels) writeLabel(w, 1, l);
    w.doubleField(2, e.value);
    w.int64Field(3, e.timestamp);
    w.endLen(start);
  }
  for (const h of s.histograms ?? []) {
    w.tag(4, WireType.Len);
    const start = w.beginLen();
    writeHistogram(w, h, false);
    w.endLen(start);
  }
}

/** Request-level metadata plus what series carry themselves, one entry per metric name. */
function metadataV1(req: EncodableRequest): readonly MetricMetadata[] {
  const given = req.metadata ?? [];
  let out: MetricMetadata[] | undefined;
  let seen: Set<string> | undefined;
  for (const s of req.timeseries) {
    const md = s.metadata;
    if (md === undefined || (md.type === 0 && md.help === '' && md.unit === '')) continue;
    const name = metricName(s.labels);
    if (name === '') continue;
    if (seen === undefined) {
      seen = new Set(given.map((m) => m.metricFamilyName));
      out = given.slice();
    }
    if (seen.has(name)) continue;
    seen.add(name);
    out!.push({ type: md.type, metricFamilyName: name, help: md.help, unit: md.unit });
  }
  return out ?? given;
}

function metricName(labels: readonly Label[]): string {
  for (const l of labels) if (l.name === METRIC_NAME) return l.value;
  return '';
}

function writeLabel(w: ProtoWriter, field: number, l: Label): void {
  w.tag(field, WireType.Len);
  const start = w.beginLen();
  w.stringField(1, l.name);
  w.stringField(2, l.value);
  w.endLen(start);
}

function writeMetadataV1(w: ProtoWriter, m: MetricMetadata): void {
  w.uint32Field(1, m.type);
  w.stringField(2, m.metricFamilyName);
  w.stringField(4, m.help);
  w.stringField(5, m.unit);
}

/** Writes the fields of a `Histogram` (`withStart`: the 2.0 start timestamp, field 17). */
function writeHistogram(w: ProtoWriter, h: HistogramSample, withStart: boolean): void {
  if (h.isFloat) {
    w.tag(2, WireType.Fixed64);
    w.double(h.count);
  } else {
    w.tag(1, WireType.Varint);
    w.uint64(h.count);
  }
  w.doubleField(3, h.sum);
  if (h.schema !== 0) {
    w.tag(4, WireType.Varint);
    w.sint32(h.schema);
  }
  w.doubleField(5, h.zeroThreshold);
  if (h.isFloat) {
    w.tag(7, WireType.Fixed64);
    w.double(h.zeroCount);
  } else {
    w.tag(6, WireType.Varint);
    w.uint64(h.zeroCount);
  }
  writeSpans(w, 8, h.negativeSpans);
  writePackedSint64(w, 9, h.negativeDeltas);
  writePackedDoubles(w, 10, h.negativeCounts);
  writeSpans(w, 11, h.positiveSpans);
  writePackedSint64(w, 12, h.positiveDeltas);
  writePackedDoubles(w, 13, h.positiveCounts);
  w.uint32Field(14, h.resetHint);
  w.int64Field(15, h.timestamp);
  writePackedDoubles(w, 16, h.customValues);
  if (withStart) w.int64Field(17, h.startTimestamp);
}

function writeSpans(w: ProtoWriter, field: number, spans: readonly Span[]): void {
  for (const sp of spans) {
    w.tag(field, WireType.Len);
    const start = w.beginLen();
    if (sp.offset !== 0) {
      w.tag(1, WireType.Varint);
      w.sint32(sp.offset);
    }
    w.uint32Field(2, sp.length);
    w.endLen(start);
  }
}

function writePackedSint64(w: ProtoWriter, field: number, vs: readonly number[]): void {
  if (vs.length === 0) return;
  w.tag(field, WireType.Len);
  const start = w.beginLen();
  for (const v of vs) w.sint64(v);
  w.endLen(start);
}

function writePackedDoubles(w: ProtoWriter, field: number, vs: readonly number[]): void {
  if (vs.length === 0) return;
  w.tag(field, WireType.Len);
  w.uint32(vs.length * 8);
  for (const v of vs) w.double(v);
}

/**
 * Encodes a request as remote write 2.0 `io.prometheus.write.v2.Request` protobuf
 * (uncompressed). Builds the symbol table (first entry '') from every label, help and
 * unit string. 2.0 carries metadata per series: a series without its own gets the
 * request-level (1.0) entry whose family name equals its metric name. Returns a fresh buffer.
 */
export function encodeWriteRequestV2(req: EncodableRequest): Uint8Array {
  const symbols = new Map<string, number>([['', 0]]);
  const sw = (seriesWriter ??= new ProtoWriter());
  sw.pos = 0;
  const refs: number[] = [];
  const byName = new Map<string, SeriesMetadata>();
  for (const m of req.metadata ?? [])
    byName.set(m.metricFamilyName, { type: m.type, help: m.help, unit: m.unit });
  for (const s of req.timeseries) {
    sw.tag(5, WireType.Len);
    const start = sw.beginLen();
    const md = s.metadata ?? (byName.size > 0 ? byName.get(metricName(s.labels)) : undefined);
    writeSeriesV2(sw, s, md, symbols, refs);
    sw.endLen(start);
  }
  const w = (writer ??= new ProtoWriter());
  w.pos = 0;
  for (const sym of symbols.keys()) {
    if (sym === '') {
      w.tag(4, WireType.Len);
      w.uint32(0);
    } else w.stringField(4, sym);
  }
  w.ensure(sw.pos);
  w.buf.set(sw.buf.subarray(0, sw.pos), w.pos);
  w.pos += sw.pos;
  sw.pos = 0;
  return w.finish();
}

function symbolRef(symbols: Map<string, number>, s: string): number {
  let ref = symbols.get(s);
  if (ref === undefined) {
    ref = symbols.size;
    symbols.set(s, ref);
  }
  return ref;
}

function writeRefs(
  w: ProtoWriter,
  labels: readonly Label[],
  symbols: Map<string, number>,
  refs: number[],
): void {
  if (labels.length === 0) return;
  refs.length = 0;
  for (const l of labels) refs.push(symbolRef(symbols, l.name), symbolRef(symbols, l.value));
  w.tag(1, WireType.Len);
  const start = w.beginLen();
  for (const r of refs) w.uint32(r);
  w.endLen(start);
}

function writeSeriesV2(
  w: ProtoWriter,
  s: EncodableSeries,
  md: SeriesMetadata | undefined,
  symbols: Map<string, number>,
  refs: number[],
): void {
  writeRefs(w, s.labels, symbols, refs);
  const smp = s.samples;
  if (smp !== undefined) {
    const st = smp.startTimestamps;
    for (let i = 0; i < smp.timestamps.length; i++) {
      w.tag(2, WireType.Len);
      const start = w.beginLen();
      w.doubleField(1, smp.values[i]!);
      w.int64Field(2, smp.timestamps[i]!);
      if (st !== undefined) w.int64Field(3, st[i]!);
      w.endLen(start);
    }
  }
  for (const h of s.histograms ?? []) {
    w.tag(3, WireType.Len);
    const start = w.beginLen();
    writeHistogram(w, h, true);
    w.endLen(start);
  }
  for (const e of s.exemplars ?? []) {
    w.tag(4, WireType.Len);
    const start = w.beginLen();
    writeRefs(w, e.labels, symbols, refs);
    w.doubleField(2, e.value);
    w.int64Field(3, e.timestamp);
    w.endLen(start);
  }
  if (md !== undefined) {
    w.tag(5, WireType.Len);
    const start = w.beginLen();
    w.uint32Field(1, md.type);
    w.uint32Field(3, symbolRef(symbols, md.help));
    w.uint32Field(4, symbolRef(symbols, md.unit));
    w.endLen(start);
  }
  if (s.createdTimestamp !== undefined) w.int64Field(6, s.createdTimestamp);
}

/** Encodes `req` as the protobuf message of `version` (uncompressed). */
export function encodeWriteRequest(req: EncodableRequest, version: RemoteWriteVersion = '1.0'): Uint8Array {
  return version === '2.0' ? encodeWriteRequestV2(req) : encodeWriteRequestV1(req);
}
