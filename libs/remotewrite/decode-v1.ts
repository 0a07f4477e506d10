import type { Label, Labels } from '../model/index.js';
import {
  EMPTY_LIST,
  EMPTY_SAMPLES,
  append,
  SampleColumns,
  checkKnown,
  decodeHistogram,
  decodeSample,
  sortIfUnsorted,
  wrapFault,
} from './decode-common.js';
import { ByteInterner } from './interner.js';
import { LabelsCache, hashBytes, labelRunEnd } from './labels-cache.js';
import { ProtoReader, WireType } from './proto-reader.js';
import type { Exemplar, MetricMetadata, MetricType, TimeSeries, WriteRequest } from './types.js';

const TAG_TIMESERIES = (1 << 3) | WireType.Len;
const TAG_METADATA = (3 << 3) | WireType.Len;
const TAG_LABELS = (1 << 3) | WireType.Len;
const TAG_SAMPLES = (2 << 3) | WireType.Len;
const TAG_EXEMPLARS = (3 << 3) | WireType.Len;
const TAG_HISTOGRAMS = (4 << 3) | WireType.Len;

/**
 * Decoder of remote write 1.0 `prometheus.WriteRequest` bodies. Keeps scratch columns
 * and interning tables between calls, so one instance per thread of work; not re-entrant.
 */
export class WriteRequestV1Decoder {
  private readonly cols = new SampleColumns();
  private readonly strings = new ByteInterner<string>(15);
  private readonly pairs = new ByteInterner<Label>(15);
  private r: ProtoReader = new ProtoReader(new Uint8Array(0));
  private readonly intern: boolean;
  /** Labels of the series being decoded; only its first entries are meaningful. */
  private readonly scratch: Label[] = [];
  /** Label sets of series seen in earlier requests; undefined without interning. */
  private readonly labelsCache: LabelsCache | undefined;

  /**
   * @param options.intern share equal strings and label pairs within a request, and label sets
   *   of a series across requests (default true; false for benchmarks).
   * @param options.labelsCacheGeneration entries per generation of the cross-request label-set
   *   cache (see `LabelsCache`) to start with. @default 131072
   * @param options.labelsCacheMaxGeneration the most entries per generation that cache grows to
   *   when more series are active than it holds. @default 2097152
   */
  constructor(
    options: { intern?: boolean; labelsCacheGeneration?: number; labelsCacheMaxGeneration?: number } = {},
  ) {
    this.intern = options.intern ?? true;
    this.labelsCache = this.intern
      ? new LabelsCache(options.labelsCacheGeneration, options.labelsCacheMaxGeneration)
      : undefined;
  }

  /**
   * Decodes `buf` (uncompressed protobuf). The result does not reference `buf`.
   * @throws EpimetheusError `bad_data` on malformed input.
   */
  decode(buf: Uint8Array): WriteRequest {
    const r = (this.r = new ProtoReader(buf));
    this.strings.reset(buf);
    this.pairs.reset(buf);
    this.cols.reset();
    const timeseries: TimeSeries[] = [];
    const metadata: MetricMetadata[] = [];
    const end = buf.length;
    let current = -1;
    try {
      while (r.pos < end) {
        const t = r.tag();
        if (t === TAG_TIMESERIES) {
          current = timeseries.length;
          timeseries.push(this.series(r.lenEnd(end)));
          current = -1;
        } else if (t === TAG_METADATA) {
          metadata.push(this.metadata(r.lenEnd(end)));
        } else {
          if (t >>> 3 !== 2) checkKnown(r, t, 3, 'WriteRequest');
          r.skip(t & 7, end);
        }
      }
    } catch (err) {
      throw wrapFault(err, 'prometheus.WriteRequest', current);
    }
    this.cols.assign(timeseries);
    return { version: '1.0', timeseries, metadata };
  }

  private series(end: number): TimeSeries {
    const r = this.r;
    const scratch = this.scratch;
    let n = 0;
    const s: TimeSeries = {
      labels: EMPTY_LIST,
      labelsUnsorted: false,
      samples: EMPTY_SAMPLES,
      histograms: EMPTY_LIST,
      exemplars: EMPTY_LIST,
      metadata: undefined,
      createdTimestamp: 0,
    };
    const from = this.cols.n;
    let anyStart = false;
    // Labels normally come first and together: look their whole run up in one go.
    const cache = this.labelsCache;
    let cached: Labels | undefined;
    const runStart = r.pos;
    let runEnd = -1;
    let runHash = 0;
    if (cache !== undefined && runStart < end && r.buf[runStart] === TAG_LABELS) {
      runEnd = labelRunEnd(r.buf, runStart, end);
      if (runEnd > runStart) {
        runHash = hashBytes(r.view, r.buf, runStart, runEnd);
        cached = cache.get(r.view, r.buf, runStart, runEnd, runHash);
        if (cached !== undefined) r.pos = runEnd;
      }
    }
    while (r.pos < end) {
      const t = r.tag();
      if (t === TAG_LABELS) {
        // A label outside the leading run: the label set is not what the run's bytes encode.
        if (r.pos > runEnd) runEnd = -1;
        if (cached !== undefined) {
          // More labels after the run (unusual): decode the series' labels the ordinary way.
          for (const l of cached) scratch[n++] = l;
          cached = undefined;
        }
        scratch[n++] = this.label(r.lenEnd(end));
      } else if (t === TAG_SAMPLES) anyStart = decodeSample(r, r.lenEnd(end), this.cols) !== 0 || anyStart;
      else if (t === TAG_HISTOGRAMS) s.histograms = append(s.histograms, decodeHistogram(r, r.lenEnd(end)));
      else if (t === TAG_EXEMPLARS) s.exemplars = append(s.exemplars, this.exemplar(r.lenEnd(end)));
      else {
        checkKnown(r, t, 4, 'TimeSeries');
        r.skip(t & 7, end);
      }
    }
    r.checkEnd(end);
    this.cols.endSeries(from, anyStart);
    if (cached !== undefined) {
      s.labels = cached;
      return s;
    }
    // Copy out at the exact size: cheaper than growing a fresh array label by label.
    const labels = scratch.slice(0, n);
    s.labelsUnsorted = sortIfUnsorted(labels);
    s.labels = labels;
    if (runEnd > runStart && !s.labelsUnsorted) cache!.add(r.buf, runStart, runEnd, runHash, labels);
    return s;
  }

  /** A `Label`, interned by its encoded bytes: equal pairs decode to one shared object. */
  private label(end: number): Label {
    const r = this.r;
    const start = r.pos;
    const hit = this.intern ? this.pairs.get(start, end) : undefined;
    if (hit !== undefined) {
      r.pos = end;
      return hit;
    }
    let name = '';
    let value = '';
    while (r.pos < end) {
      const t = r.tag();
      if (t === ((1 << 3) | WireType.Len)) name = this.string(end);
      else if (t === ((2 << 3) | WireType.Len)) value = this.string(end);
      else {
        checkKnown(r, t, 2, 'Label');
        r.skip(t & 7, end);
      }
    }
    r.checkEnd(end);
    const l: Label = { name, value };
    if (this.intern) this.pairs.add(start, end, l);
    return l;
  }

  private string(end: number): string {
    const r = this.r;
    const e = r.lenEnd(end);
    const start = r.pos;
    r.pos = e;
    if (start === e) return '';
    if (!this.intern) return r.utf8At(start, e);
    const hit = this.strings.get(start, e);
    if (hit !== undefined) return hit;
    const s = r.utf8At(start, e);
    this.strings.add(start, e, s);
    return s;
  }

  private exemplar(end: number): Exemplar {
    const r = this.r;
    const labels: Label[] = [];
    const ex: Exemplar = { labels, value: 0, timestamp: 0 };
    while (r.pos < end) {
      const t = r.tag();
      if (t === ((1 << 3) | WireType.Len)) labels.push(this.label(r.lenEnd(end)));
      else if (t === ((2 << 3) | WireType.Fixed64)) ex.value = r.double(end);
      else if (t === ((3 << 3) | WireType.Varint)) ex.timestamp = r.int64();
      else {
        checkKnown(r, t, 3, 'Exemplar');
        r.skip(t & 7, end);
      }
    }
    r.checkEnd(end);
    sortIfUnsorted(labels);
    return ex;
  }

  private metadata(end: number): MetricMetadata {
    const r = this.r;
    const m: MetricMetadata = { type: 0, metricFamilyName: '', help: '', unit: '' };
    while (r.pos < end) {
      const t = r.tag();
      if (t === ((1 << 3) | WireType.Varint)) m.type = r.uint32() as MetricType;
      else if (t === ((2 << 3) | WireType.Len)) m.metricFamilyName = this.string(end);
      else if (t === ((4 << 3) | WireType.Len)) m.help = r.string(end);
      else if (t === ((5 << 3) | WireType.Len)) m.unit = this.string(end);
      else {
        checkKnown(r, t, 5, 'MetricMetadata');
        r.skip(t & 7, end);
      }
    }
    r.checkEnd(end);
    return m;
  }
}
