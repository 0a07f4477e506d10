import { EpimetheusError } from '../errors/index.js';
import type { CounterResetHint, Label, Span } from '../model/index.js';
import { compareStrings } from '../model/index.js';
import type { ProtoReader } from './proto-reader.js';
import { DecodeFault, WireType } from './proto-reader.js';
import type { HistogramSample, Samples, TimeSeries } from './types.js';

const EMPTY_F64 = new Float64Array(0);

/** Shared empty list of a series without histograms or exemplars (frozen). */
export const EMPTY_LIST: readonly never[] = Object.freeze([] as never[]);

/** Appends `v` to `list`, replacing the shared empty list by a fresh array first. */
export function append<T>(list: readonly T[], v: T): T[] {
  const out = list === EMPTY_LIST ? [] : (list as T[]);
  out.push(v);
  return out;
}

/** The samples of a series without float samples (shared, never written to). */
export const EMPTY_SAMPLES: Samples = Object.freeze({ timestamps: EMPTY_F64, values: EMPTY_F64 });

/**
 * Growable columns collecting every float sample of one request, so a request costs two
 * or three typed-array buffers instead of two per series. Reused across requests.
 */
export class SampleColumns {
  ts = new Float64Array(4096);
  vals = new Float64Array(4096);
  starts = new Float64Array(4096);
  n = 0;
  /** Per series: first sample index, one past the last, and whether any start timestamp is set. */
  private bounds = new Int32Array(3 * 1024);
  private series = 0;

  /** Forgets the previous request's samples (keeps the capacity). */
  reset(): void {
    this.n = 0;
    this.series = 0;
  }

  /** Appends one sample: timestamp, value (bits kept), start timestamp (0 if unset). */
  push(t: number, v: number, st: number): void {
    if (this.n === this.ts.length) this.grow();
    const i = this.n++;
    this.ts[i] = t;
    this.vals[i] = v;
    this.starts[i] = st;
  }

  /** Records that series number `series()` owns samples `[from, n)`. */
  endSeries(from: number, anyStart: boolean): void {
    if (3 * this.series + 3 > this.bounds.length) {
      const b = new Int32Array(this.bounds.length * 2);
      b.set(this.bounds);
      this.bounds = b;
    }
    const k = 3 * this.series++;
    this.bounds[k] = from;
    this.bounds[k + 1] = this.n;
    this.bounds[k + 2] = anyStart ? 1 : 0;
  }

  /** Copies the columns out once and hands each series its views, in `endSeries` order. */
  assign(series: TimeSeries[]): void {
    const n = this.n;
    if (n === 0) return;
    const ts = this.ts.slice(0, n);
    const vals = this.vals.slice(0, n);
    let starts: Float64Array | undefined;
    for (let s = 0; s < series.length; s++) {
      const from = this.bounds[3 * s]!;
      const to = this.bounds[3 * s + 1]!;
      if (from === to) continue;
      if (this.bounds[3 * s + 2] === 1) {
        starts ??= this.starts.slice(0, n);
        series[s]!.samples = {
          timestamps: ts.subarray(from, to),
          values: vals.subarray(from, to),
          startTimestamps: starts.subarray(from, to),
        };
      } else {
        series[s]!.samples = { timestamps: ts.subarray(from, to), values: vals.subarray(from, to) };
      }
    }
  }

  private grow(): void {
    const cap = this.ts.length * 2;
    for (const key of ['ts', 'vals', 'starts'] as const) {
      const a = new Float64Array(cap);
      a.set(this[key]);
      this[key] = a;
    }
  }
}

/** Decodes one `Sample` message (`value`=1, `timestamp`=2, `start_timestamp`=3) into `cols`. */
export function decodeSample(r: ProtoReader, end: number, cols: SampleColumns): number {
  let value = 0;
  let ts = 0;
  let st = 0;
  while (r.pos < end) {
    const t = r.tag();
    switch (t) {
      case (1 << 3) | WireType.Fixed64:
        value = r.double(end);
        break;
      case (2 << 3) | WireType.Varint:
        ts = r.int64();
        break;
      case (3 << 3) | WireType.Varint:
        st = r.int64();
        break;
      default:
        checkKnown(r, t, 3, 'Sample');
        r.skip(t & 7, end);
    }
  }
  r.checkEnd(end);
  cols.push(ts, value, st);
  return st;
}

/**
 * Fails when a field number the schema knows (1..`maxKnown`) arrives with a wire type
 * other than the one matched by the caller's switch. Unknown field numbers pass.
 */
export function checkKnown(r: ProtoReader, tag: number, maxKnown: number, msg: string): void {
  const field = tag >>> 3;
  if (field <= maxKnown) r.fail(`${msg} field ${field} has unexpected wire type ${tag & 7}`);
}

/** Appends repeated doubles, packed (wire type 2) or one unpacked value (wire type 1). */
export function readDoubles(r: ProtoReader, wire: number, end: number, out: number[]): void {
  if (wire === WireType.Fixed64) {
    out.push(r.double(end));
    return;
  }
  const e = r.lenEnd(end);
  if ((e - r.pos) % 8 !== 0) r.fail('packed doubles length is not a multiple of 8');
  while (r.pos < e) out.push(r.double(e));
}

/** Appends repeated sint64, packed (wire type 2) or one unpacked value (wire type 0). */
export function readSint64s(r: ProtoReader, wire: number, end: number, out: number[]): void {
  if (wire === WireType.Varint) {
    out.push(r.sint64());
    return;
  }
  const e = r.lenEnd(end);
  while (r.pos < e) out.push(r.sint64());
  r.checkEnd(e);
}

/** A reusable growable list of uint32 (symbol references), cleared per message. */
export class Uint32List {
  a = new Uint32Array(256);
  n = 0;

  /** Appends `v`. */
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = new Uint32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
}

/** Appends repeated uint32, packed (wire type 2) or one unpacked value (wire type 0). */
export function readUint32s(r: ProtoReader, wire: number, end: number, out: Uint32List): void {
  if (wire === WireType.Varint) {
    out.push(r.uint32());
    return;
  }
  const e = r.lenEnd(end);
  const buf = r.buf;
  let pos = r.pos;
  while (pos < e) {
    const b = buf[pos]!;
    if (b < 0x80) {
      out.push(b);
      pos++;
    } else {
      r.pos = pos;
      out.push(r.uint32());
      pos = r.pos;
    }
  }
  r.pos = pos;
  r.checkEnd(e);
}

function decodeSpan(r: ProtoReader, end: number): Span {
  let offset = 0;
  let length = 0;
  while (r.pos < end) {
    const t = r.tag();
    if (t === ((1 << 3) | WireType.Varint)) offset = r.sint32();
    else if (t === ((2 << 3) | WireType.Varint)) length = r.uint32();
    else {
      checkKnown(r, t, 2, 'BucketSpan');
      r.skip(t & 7, end);
    }
  }
  r.checkEnd(end);
  return { offset, length };
}

/** Decodes a `Histogram` message (1.0 and 2.0 share fields 1..16; 2.0 adds 17). */
export function decodeHistogram(r: ProtoReader, end: number): HistogramSample {
  const h: HistogramSample = {
    timestamp: 0,
    startTimestamp: 0,
    isFloat: false,
    count: 0,
    sum: 0,
    schema: 0,
    zeroThreshold: 0,
    zeroCount: 0,
    resetHint: 0,
    positiveSpans: [],
    negativeSpans: [],
    positiveDeltas: [],
    negativeDeltas: [],
    positiveCounts: [],
    negativeCounts: [],
    customValues: [],
  };
  while (r.pos < end) {
    const t = r.tag();
    if (!histogramField(r, t, end, h)) {
      checkKnown(r, t, 17, 'Histogram');
      r.skip(t & 7, end);
    }
  }
  r.checkEnd(end);
  return h;
}

/** Reads one known histogram field into `h`; false when `t` is not one (or wrong wire type). */
function histogramField(r: ProtoReader, t: number, end: number, h: HistogramSample): boolean {
  const field = t >>> 3;
  const wire = t & 7;
  if (field >= 8 && field <= 13) return histogramBuckets(r, field, wire, end, h);
  switch (t) {
    case (1 << 3) | WireType.Varint: // count_int; the last of a oneof wins
      h.count = r.uint64();
      h.isFloat = false;
      return true;
    case (2 << 3) | WireType.Fixed64: // count_float
      h.count = r.double(end);
      h.isFloat = true;
      return true;
    case (3 << 3) | WireType.Fixed64:
      h.sum = r.double(end);
      return true;
    case (4 << 3) | WireType.Varint:
      h.schema = r.sint32();
      return true;
    case (5 << 3) | WireType.Fixed64:
      h.zeroThreshold = r.double(end);
      return true;
    case (6 << 3) | WireType.Varint:
      h.zeroCount = r.uint64();
      return true;
    case (7 << 3) | WireType.Fixed64:
      h.zeroCount = r.double(end);
      return true;
    case (14 << 3) | WireType.Varint:
      h.resetHint = r.uint32() as CounterResetHint;
      return true;
    case (15 << 3) | WireType.Varint:
      h.timestamp = r.int64();
      return true;
    case (17 << 3) | WireType.Varint:
      h.startTimestamp = r.int64();
      return true;
    case (16 << 3) | WireType.Len:
    case (16 << 3) | WireType.Fixed64:
      readDoubles(r, wire, end, h.customValues);
      return true;
    default:
      return false;
  }
}

/** Spans (8, 11), deltas (9, 12) and counts (10, 13) of the negative and positive buckets. */
function histogramBuckets(
  r: ProtoReader,
  field: number,
  wire: number,
  end: number,
  h: HistogramSample,
): boolean {
  const negative = field <= 10;
  switch (field) {
    case 8:
    case 11:
      if (wire !== WireType.Len) return false;
      (negative ? h.negativeSpans : h.positiveSpans).push(decodeSpan(r, r.lenEnd(end)));
      return true;
    case 9:
    case 12:
      if (wire !== WireType.Len && wire !== WireType.Varint) return false;
      readSint64s(r, wire, end, negative ? h.negativeDeltas : h.positiveDeltas);
      return true;
    default:
      if (wire !== WireType.Len && wire !== WireType.Fixed64) return false;
      readDoubles(r, wire, end, negative ? h.negativeCounts : h.positiveCounts);
      return true;
  }
}

/** Sorts labels by name in place when the sender did not; returns whether it had to. */
export function sortIfUnsorted(labels: Label[]): boolean {
  for (let i = 1; i < labels.length; i++) {
    if (compareStrings(labels[i - 1]!.name, labels[i]!.name) > 0) {
      labels.sort((a, b) => compareStrings(a.name, b.name));
      return true;
    }
  }
  return false;
}

/**
 * Turns a `DecodeFault` into the `bad_data` error callers see, naming the message type
 * and the series being decoded. Other errors pass through untouched.
 */
export function wrapFault(err: unknown, message: string, series: number): unknown {
  if (!(err instanceof DecodeFault)) return err;
  const where = series >= 0 ? `timeseries[${series}]: ` : '';
  return new EpimetheusError('bad_data', `decode ${message}: ${where}${err.message}`, { cause: err });
}
