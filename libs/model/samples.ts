/** The float bit pattern Prometheus uses to mark a series stale (0x7ff0000000000002). */
export const STALE_NAN_BITS_HI = 0x7ff00000;
export const STALE_NAN_BITS_LO = 0x00000002;

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
// Little-endian platforms (all Node targets): u32[0] is the low word.
u32[0] = STALE_NAN_BITS_LO;
u32[1] = STALE_NAN_BITS_HI;

/** The staleness marker value. Arithmetic on it loses the payload: compare with `isStaleNaN`. */
export const STALE_NAN: number = f64[0]!;

/** Whether `v` carries exactly the staleness marker bit pattern. */
export function isStaleNaN(v: number): boolean {
  if (v === v) return false; // not NaN
  f64[0] = v;
  return u32[0] === STALE_NAN_BITS_LO && u32[1] === STALE_NAN_BITS_HI;
}
