/**
 * Reading big-endian bit strings at any bit position of a byte buffer, shared by the bit reader
 * and the one-pass XOR decoder. Bytes past the end of `buf` read as zero: callers compare the
 * position they end at with their own end.
 */

/** `n` (1..25) bits of `buf` from bit `pos`, as an unsigned integer. */
export function peekBits(buf: Uint8Array, pos: number, n: number): number {
  const i = pos >>> 3;
  const w = ((buf[i]! | 0) << 24) | ((buf[i + 1]! | 0) << 16) | ((buf[i + 2]! | 0) << 8) | (buf[i + 3]! | 0);
  return (w << (pos & 7)) >>> (32 - n);
}

/**
 * Reads a Go uvarint at bit `pos` into `out[0]` (high 32 bits) and `out[1]` (low 32 bits).
 * Returns the bit position after it, or -1 when it runs past 64 bits.
 */
export function uvarintAt(buf: Uint8Array, pos: number, out: Uint32Array): number {
  let hi = 0;
  let lo = 0;
  for (let shift = 0; shift < 70; shift += 7) {
    const b = peekBits(buf, pos, 8);
    pos += 8;
    const low7 = b & 0x7f;
    if (shift < 28) lo |= low7 << shift;
    else if (shift === 28) {
      lo |= low7 << 28;
      hi |= low7 >>> 4;
    } else hi |= low7 << (shift - 32);
    if (b < 0x80) {
      out[0] = hi;
      out[1] = lo;
      return pos;
    }
  }
  return -1;
}
