/**
 * Chunk encoding ids as Prometheus writes them in the byte after a chunk's length in block
 * chunk files (`chunkenc.Encoding`). Only XOR is implemented here; the others are reserved so
 * readers can recognise and skip or reject them.
 */
export const Encoding = {
  /** No encoding; never written. */
  None: 0,
  /** Float samples, Gorilla-style XOR (`XorChunkEncoder`). */
  XOR: 1,
  /** Integer native histograms (reserved, not implemented). */
  Histogram: 2,
  /** Float native histograms (reserved, not implemented). */
  FloatHistogram: 3,
} as const;

/** One of the `Encoding` values. */
export type Encoding = (typeof Encoding)[keyof typeof Encoding];

/** Encoding id of XOR float chunks. */
export const EncXOR = Encoding.XOR;
/** Encoding id of integer native histogram chunks (reserved). */
export const EncHistogram = Encoding.Histogram;
/** Encoding id of float native histogram chunks (reserved). */
export const EncFloatHistogram = Encoding.FloatHistogram;

/** Name of an encoding as Prometheus prints it (`XOR`, `histogram`, ...), `<unknown>` otherwise. */
export function encodingName(e: number): string {
  switch (e) {
    case Encoding.None:
      return 'none';
    case Encoding.XOR:
      return 'XOR';
    case Encoding.Histogram:
      return 'histogram';
    case Encoding.FloatHistogram:
      return 'floathistogram';
    default:
      return '<unknown>';
  }
}
