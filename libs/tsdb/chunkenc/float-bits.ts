/**
 * Conversions between float64 values and their IEEE 754 bit pattern as two uint32 halves,
 * through one shared scratch buffer. Single-threaded use only (each worker has its own module).
 */

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

// The halves below assume a little-endian host, which every Node.js target is.
f64[0] = 1;
if (u32[1] !== 0x3ff00000) throw new Error('chunkenc requires a little-endian host');

/** High 32 bits of the IEEE 754 pattern of `v` (sign, exponent, top of the mantissa). */
export function floatHi(v: number): number {
  f64[0] = v;
  return u32[1]!;
}

/** Low 32 bits of the IEEE 754 pattern of `v`. Call right after `floatHi(v)` or on its own. */
export function floatLo(v: number): number {
  f64[0] = v;
  return u32[0]!;
}

/** The float64 whose IEEE 754 pattern is `hi:lo`; NaN payloads survive in typed arrays. */
export function floatFromBits(hi: number, lo: number): number {
  u32[0] = lo;
  u32[1] = hi;
  return f64[0]!;
}
