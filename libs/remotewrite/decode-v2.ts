import type { Label } from '../model/index.js';
import { compareStrings } from '../model/index.js';
import {
  EMPTY_LIST,
  EMPTY_SAMPLES,
  append,
  SampleColumns,
  checkKnown,
  decodeHistogram,
  decodeSample,
  Uint32List,
  readUint32s,
  sortIfUnsorted,
  wrapFault,
} from './decode-common.js';
import { ProtoReader, WireType } from './proto-reader.js';
import type { Exemplar, MetricType, SeriesMetadata, TimeSeries, WriteRequest } from './types.js';

const TAG_SYMBOLS = (4 << 3) | WireType.Len;
const TAG_TIMESERIES = (5 << 3) | WireType.Len;
const TAG_SAMPLES = (2 << 3) | WireType.Len;
const TAG_HISTOGRAMS = (3 << 3) | WireType.Len;
const TAG_EXEMPLARS = (4 << 3) | WireType.Len;
const TAG_METADATA = (5 << 3) | WireType.Len;
const TAG_CREATED = (6 << 3) | WireType.Varint;

/**
 * Decoder of remote write 2.0 `io.prometheus.write.v2.Request` bodies into the same
 * shape as 1.0. Strings come from the request's symbol table, so each distinct string is
 * decoded once. Keeps scratch state between calls; not re-entrant.
 */
export class WriteRequestV2Decoder {
  private readonly cols = new SampleColumns();
  private readonly refs = new Uint32List();
  private readonly exemplarRefs = new Uint32List();
  private symbols: string[] = [];
  /** Per value symbol, the label last built with it: most values go with one name. */
  private pairs: (Label | undefined)[] = [];
  /**
   * Per name symbol, 1 + the name symbol already seen to sort before it: label names
   * follow each other in the same few orders, so most order checks skip the string compare.
   */
  private orderedAfter = new Int32Array(0);
  /** Per value symbol, 1 + the name symbol of `pairs[value]`. */
  private pairNames = new Int32Array(0);
  /** Whether the last `resolveLabels` found the names out of order. */
  private unsorted = false;
  private r: ProtoReader = new ProtoReader(new Uint8Array(0));

  /**
   * Decodes `buf` (uncompressed protobuf). The result does not reference `buf`.
   * @throws EpimetheusError `bad_data` on malformed input or a symbol reference out of range.
   */
  decode(buf: Uint8Array): WriteRequest {
    const r = (this.r = new ProtoReader(buf));
    this.cols.reset();
    const timeseries: TimeSeries[] = [];
    let current = -1;
    try {
      // Fields may come in any order: read the whole symbol table before any reference.
      this.symbols = this.readSymbols();
      this.pairs = new Array<Label | undefined>(this.symbols.length).fill(undefined);
      this.orderedAfter = new Int32Array(this.symbols.length);
      this.pairNames = new Int32Array(this.symbols.length);
      r.pos = 0;
      const end = buf.length;
      while (r.pos < end) {
        const t = r.tag();
        if (t === TAG_TIMESERIES) {
          current = timeseries.length;
          timeseries.push(this.series(r.lenEnd(end)));
          current = -1;
        } else r.skip(t & 7, end);
      }
    } catch (err) {
      throw wrapFault(err, 'io.prometheus.write.v2.Request', current);
    } finally {
      this.symbols = [];
      this.pairs = [];
      this.orderedAfter = new Int32Array(0);
      this.pairNames = new Int32Array(0);
    }
    this.cols.assign(timeseries);
    return { version: '2.0', timeseries, metadata: [] };
  }

  private readSymbols(): string[] {
    const r = this.r;
    const end = r.buf.length;
    const symbols: string[] = [];
    while (r.pos < end) {
      const t = r.tag();
      if (t === TAG_SYMBOLS) symbols.push(r.string(end));
      else {
        if (t !== TAG_TIMESERIES && t >>> 3 >= 4) checkKnown(r, t, 5, 'Request');
        r.skip(t & 7, end);
      }
    }
    return symbols;
  }

  private series(end: number): TimeSeries {
    const r = this.r;
    const s: TimeSeries = {
      labels: [],
      labelsUnsorted: false,
      samples: EMPTY_SAMPLES,
      histograms: EMPTY_LIST,
      exemplars: EMPTY_LIST,
      metadata: undefined,
      createdTimestamp: 0,
    };
    const refs = this.refs;
    refs.n = 0;
    const from = this.cols.n;
    let anyStart = false;
    while (r.pos < end) {
      const t = r.tag();
      if (t === TAG_SAMPLES) anyStart = decodeSample(r, r.lenEnd(end), this.cols) !== 0 || anyStart;
      else if (t >>> 3 === 1 && ((t & 7) === WireType.Len || (t & 7) === WireType.Varint)) {
        readUint32s(r, t & 7, end, refs);
      } else if (t === TAG_HISTOGRAMS) s.histograms = append(s.histograms, decodeHistogram(r, r.lenEnd(end)));
      else if (t === TAG_EXEMPLARS) s.exemplars = append(s.exemplars, this.exemplar(r.lenEnd(end)));
      else if (t === TAG_METADATA) s.metadata = this.metadata(r.lenEnd(end), s.metadata);
      else if (t === TAG_CREATED) s.createdTimestamp = r.int64();
      else {
        checkKnown(r, t, 6, 'TimeSeries');
        r.skip(t & 7, end);
      }
    }
    r.checkEnd(end);
    this.cols.endSeries(from, anyStart);
    const labels = this.resolveLabels(refs);
    if (this.unsorted) s.labelsUnsorted = sortIfUnsorted(labels);
    s.labels = labels;
    return s;
  }

  /** Turns (name, value) symbol references into labels. */
  private resolveLabels(list: Uint32List): Label[] {
    const n = list.n;
    const refs = list.a;
    if (n % 2 !== 0) this.r.fail(`odd number of label references (${n})`);
    const labels: Label[] = [];
    const pairs = this.pairs;
    const after = this.orderedAfter;
    const pairNames = this.pairNames;
    let unsorted = false;
    let prevRef = -1;
    let prevName = '';
    for (let i = 0; i < n; i += 2) {
      const nameRef = refs[i]!;
      const name = this.symbol(nameRef);
      if (prevRef >= 0 && after[nameRef] !== prevRef + 1) {
        if (compareStrings(prevName, name) > 0) unsorted = true;
        else after[nameRef] = prevRef + 1;
      }
      prevRef = nameRef;
      prevName = name;
      const valueRef = refs[i + 1]!;
      let l: Label;
      if (pairNames[valueRef] === nameRef + 1) l = pairs[valueRef]!;
      else {
        l = { name, value: this.symbol(valueRef) };
        pairs[valueRef] = l;
        pairNames[valueRef] = nameRef + 1;
      }
      labels.push(l);
    }
    this.unsorted = unsorted;
    return labels;
  }

  private symbol(ref: number): string {
    const s = this.symbols[ref];
    if (s === undefined) this.r.fail(`symbol reference ${ref} out of range (${this.symbols.length} symbols)`);
    return s;
  }

  private exemplar(end: number): Exemplar {
    const r = this.r;
    const refs = this.exemplarRefs;
    refs.n = 0;
    const ex: Exemplar = { labels: [], value: 0, timestamp: 0 };
    while (r.pos < end) {
      const t = r.tag();
      if (t >>> 3 === 1 && ((t & 7) === WireType.Len || (t & 7) === WireType.Varint)) {
        readUint32s(r, t & 7, end, refs);
      } else if (t === ((2 << 3) | WireType.Fixed64)) ex.value = r.double(end);
      else if (t === ((3 << 3) | WireType.Varint)) ex.timestamp = r.int64();
      else {
        checkKnown(r, t, 3, 'Exemplar');
        r.skip(t & 7, end);
      }
    }
    r.checkEnd(end);
    const labels = this.resolveLabels(refs);
    if (this.unsorted) sortIfUnsorted(labels);
    ex.labels = labels;
    return ex;
  }

  /** Decodes `Metadata`, merging into `prev` as protobuf does for a repeated singular message. */
  private metadata(end: number, prev: SeriesMetadata | undefined): SeriesMetadata {
    const r = this.r;
    const m: SeriesMetadata = prev ?? { type: 0, help: '', unit: '' };
    while (r.pos < end) {
      const t = r.tag();
      if (t === ((1 << 3) | WireType.Varint)) m.type = r.uint32() as MetricType;
      else if (t === ((3 << 3) | WireType.Varint)) m.help = this.symbol(r.uint32());
      else if (t === ((4 << 3) | WireType.Varint)) m.unit = this.symbol(r.uint32());
      else {
        if (t >>> 3 !== 2) checkKnown(r, t, 4, 'Metadata');
        r.skip(t & 7, end);
      }
    }
    r.checkEnd(end);
    return m;
  }
}
