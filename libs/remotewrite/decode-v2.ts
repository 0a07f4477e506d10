import type { Label } from '../model/index.js';
import {
  EMPTY_SAMPLES,
  SampleColumns,
  checkKnown,
  decodeHistogram,
  decodeSample,
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
  private readonly refs: number[] = [];
  private symbols: string[] = [];
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
      histograms: [],
      exemplars: [],
      metadata: undefined,
      createdTimestamp: 0,
    };
    const refs = this.refs;
    refs.length = 0;
    const from = this.cols.n;
    let anyStart = false;
    while (r.pos < end) {
      const t = r.tag();
      if (t === TAG_SAMPLES) anyStart = decodeSample(r, r.lenEnd(end), this.cols) !== 0 || anyStart;
      else if (t >>> 3 === 1 && ((t & 7) === WireType.Len || (t & 7) === WireType.Varint)) {
        readUint32s(r, t & 7, end, refs);
      } else if (t === TAG_HISTOGRAMS) s.histograms.push(decodeHistogram(r, r.lenEnd(end)));
      else if (t === TAG_EXEMPLARS) s.exemplars.push(this.exemplar(r.lenEnd(end)));
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
    s.labelsUnsorted = sortIfUnsorted(labels);
    s.labels = labels;
    return s;
  }

  /** Turns (name, value) symbol references into labels. */
  private resolveLabels(refs: readonly number[]): Label[] {
    if (refs.length % 2 !== 0) this.r.fail(`odd number of label references (${refs.length})`);
    const labels: Label[] = new Array<Label>(refs.length >>> 1);
    for (let i = 0; i < refs.length; i += 2) {
      labels[i >>> 1] = { name: this.symbol(refs[i]!), value: this.symbol(refs[i + 1]!) };
    }
    return labels;
  }

  private symbol(ref: number): string {
    const s = this.symbols[ref];
    if (s === undefined) this.r.fail(`symbol reference ${ref} out of range (${this.symbols.length} symbols)`);
    return s;
  }

  private exemplar(end: number): Exemplar {
    const r = this.r;
    const refs: number[] = [];
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
    sortIfUnsorted(labels);
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
