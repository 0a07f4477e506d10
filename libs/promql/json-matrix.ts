import type { Label } from '../model/index.js';
import type { MatrixSeries } from './engine.js';
import { formatGoFloat } from './format.js';

/** The JSON text pieces `matrixJson` needs from `json.ts` (kept there, shared with vectors). */
export interface JsonParts {
  /** A JSON string literal for `s`, with Prometheus's escaping. */
  str(s: string): string;
  /** A sample time in seconds, as Prometheus renders it. */
  time(ms: number): string;
  /** A histogram object. */
  histogram(h: MatrixSeries['histograms'][number]): string;
}

/**
 * Grows a byte buffer and writes ASCII text into it without an intermediate string per piece.
 * Text with other characters is written as UTF-8 through `Buffer.write`.
 */
class ByteWriter {
  buf = Buffer.allocUnsafe(1 << 16);
  len = 0;
  ascii = true;

  ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.len + n, this.buf.length * 2));
    this.buf.copy(next, 0, 0, this.len);
    this.buf = next;
  }

  /** Writes `s`; ASCII byte by byte (short strings are most of a matrix), else as UTF-8. */
  text(s: string): void {
    const n = s.length;
    this.ensure(n * 3);
    const buf = this.buf;
    let at = this.len;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) {
        this.ascii = false;
        this.len += buf.write(s, this.len, 'utf8');
        return;
      }
      buf[at++] = c;
    }
    this.len = at;
  }

  /** Writes bytes made by `encode`. */
  bytes(b: Uint8Array): void {
    const n = b.length;
    this.ensure(n);
    if (n > 16) this.buf.set(b, this.len);
    else for (let i = 0; i < n; i++) this.buf[this.len + i] = b[i]!;
    this.len += n;
  }

  /** Writes an integer of at most 15 digits (exact in a double) in decimal, as `String` does. */
  int(v: number): void {
    this.ensure(17);
    const buf = this.buf;
    if (v < 0) {
      buf[this.len++] = 0x2d;
      v = -v;
    }
    let digits = 1;
    for (let p = 10; p <= v; p *= 10) digits++;
    let at = this.len + digits;
    this.len = at;
    do {
      const q = Math.floor(v / 10);
      buf[--at] = 0x30 + (v - q * 10);
      v = q;
    } while (v > 0);
  }

  /** Writes one ASCII character code. */
  byte(c: number): void {
    this.ensure(1);
    this.buf[this.len++] = c;
  }

  toString(): string {
    return this.buf.toString(this.ascii ? 'latin1' : 'utf8', 0, this.len);
  }

  /** The bytes written so far, as UTF-8 (a view of the buffer, not a copy). */
  toBytes(): Buffer {
    return this.buf.subarray(0, this.len);
  }
}

/** UTF-8 bytes of `s`, noting in `w` when they are not all ASCII. */
function encode(w: ByteWriter, s: string): Uint8Array {
  const b = Buffer.from(s, 'utf8');
  if (b.length !== s.length) w.ascii = false;
  return b;
}

/** Writes a float as `formatGoFloat` renders it; integers up to 15 digits without a string. */
function writeFloat(w: ByteWriter, v: number): void {
  if (Number.isInteger(v) && v < 1e15 && v > -1e15 && !Object.is(v, -0)) w.int(v);
  else w.text(formatGoFloat(v));
}

const COMMA = 0x2c;
const QUOTE = 0x22;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const CLOSE_BRACE = 0x7d;

/**
 * Renders the `result` array of a matrix: `[{"metric":{...},"values":[[t,"v"],...]},...]`.
 * Byte for byte what concatenating the same pieces gives, built into one buffer; label pairs
 * are encoded once per label object (the head shares them between series) and sample times
 * once per distinct time (a range query's series share the step times).
 */
export function matrixJson(series: readonly MatrixSeries[], p: JsonParts): string {
  const w = new ByteWriter();
  writeMatrix(w, series, p);
  return w.toString();
}

/**
 * `prefix`, the matrix's `result` array as `matrixJson` renders it, then `suffix`, as UTF-8
 * bytes: large answers go to the response without becoming a string (which the HTTP layer
 * would only encode back into bytes). `prefix` and `suffix` must be ASCII.
 */
export function matrixJsonBytes(series: readonly MatrixSeries[], p: JsonParts, prefix: string, suffix: string): Buffer {
  const w = new ByteWriter();
  w.text(prefix);
  writeMatrix(w, series, p);
  w.text(suffix);
  return w.toBytes();
}

function writeMatrix(w: ByteWriter, series: readonly MatrixSeries[], p: JsonParts): void {
  const pairs = new Map<Label, Uint8Array>();
  const times = new Map<number, Uint8Array>();
  // The previous series' times, index by index: the common case needs no map lookup.
  let lastT: ArrayLike<number> = [];
  let lastB: Uint8Array[] = [];
  const timeBytes = (ts: ArrayLike<number>, i: number): Uint8Array => {
    const ms = ts[i]!;
    if (lastT[i] === ms) return lastB[i]!;
    let b = times.get(ms);
    if (b === undefined) {
      b = encode(w, p.time(ms));
      times.set(ms, b);
    }
    return b;
  };
  w.byte(OPEN_BRACKET);
  for (let k = 0; k < series.length; k++) {
    const s = series[k]!;
    if (k > 0) w.byte(COMMA);
    w.text('{"metric":{');
    for (let i = 0; i < s.metric.length; i++) {
      const l = s.metric[i]!;
      let pair = pairs.get(l);
      if (pair === undefined) {
        pair = encode(w, p.str(l.name) + ':' + p.str(l.value));
        pairs.set(l, pair);
      }
      if (i > 0) w.byte(COMMA);
      w.bytes(pair);
    }
    w.byte(CLOSE_BRACE);
    const n = s.timestamps.length;
    if (n > 0) {
      w.text(',"values":[');
      const bs = new Array<Uint8Array>(n);
      for (let i = 0; i < n; i++) {
        if (i > 0) w.byte(COMMA);
        w.byte(OPEN_BRACKET);
        w.bytes((bs[i] = timeBytes(s.timestamps, i)));
        w.byte(COMMA);
        w.byte(QUOTE);
        writeFloat(w, s.values[i]!);
        w.byte(QUOTE);
        w.byte(CLOSE_BRACKET);
      }
      w.byte(CLOSE_BRACKET);
      lastT = s.timestamps;
      lastB = bs;
    }
    if (s.histograms.length > 0) {
      w.text(',"histograms":[');
      for (let i = 0; i < s.histograms.length; i++) {
        if (i > 0) w.byte(COMMA);
        w.byte(OPEN_BRACKET);
        w.bytes(timeBytes(s.histogramTimestamps, i));
        w.byte(COMMA);
        w.text(p.histogram(s.histograms[i]!));
        w.byte(CLOSE_BRACKET);
      }
      w.byte(CLOSE_BRACKET);
    }
    w.byte(CLOSE_BRACE);
    // Size the buffer once from the first series rather than doubling up to the answer's size
    // (capped: the first series may be far larger than the rest).
    if (k === 0) w.ensure(Math.min(Math.ceil(w.len * series.length * 1.1), 1 << 26));
  }
  w.byte(CLOSE_BRACKET);
}
