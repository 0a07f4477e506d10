/**
 * Record framing of the embedded log's segment files. The byte layout is documented in
 * `FORMAT.md` beside this file; change both together.
 *
 * A frame: `u32 BE bodyLength`, `u32 BE crc32c(lengthBytes ‖ body)`, then the body:
 * `u8 attributes` (bit 0: key present; other bits zero), if keyed `u16 BE keyLength` and the
 * UTF-8 key, then the value bytes to the end of the body.
 */
import { crc32cUpdate } from '../checksum/index.js';
import type { ConsumedRecord, IngestLogRecord } from './types.js';

/** Bytes before the body: length and checksum. */
export const FRAME_HEADER_BYTES = 8;
/**
 * Largest body the format can hold. Readers accept any body up to this, not the configured
 * `maxRecordBytes`: lowering that setting must not turn records already written into "corrupt".
 */
export const MAX_BODY_BYTES = 0xffffffff;
const ATTR_KEY = 0x01;
const MAX_KEY_BYTES = 0xffff;

/** The encoded frames of one `produce` call. */
export interface EncodedBatch {
  /** All frames back to back. */
  bytes: Buffer;
  /** Number of records (frames). */
  count: number;
}

/**
 * Encodes `records` as consecutive frames. Throws `RangeError` naming the problem when a key or
 * a body is larger than the format or `maxBodyBytes` allows.
 */
export function encodeBatch(records: readonly IngestLogRecord[], maxBodyBytes: number): EncodedBatch {
  const keys: (Buffer | undefined)[] = [];
  let total = 0;
  for (const r of records) {
    const key = r.key ? Buffer.from(r.key, 'utf8') : undefined;
    if (key && key.length > MAX_KEY_BYTES)
      throw new RangeError(`record key of ${key.length} bytes exceeds ${MAX_KEY_BYTES}`);
    const body = 1 + (key ? 2 + key.length : 0) + r.value.length;
    if (body > maxBodyBytes)
      throw new RangeError(`record of ${body} bytes exceeds the limit of ${maxBodyBytes}`);
    keys.push(key);
    total += FRAME_HEADER_BYTES + body;
  }
  const out = Buffer.allocUnsafe(total);
  let pos = 0;
  records.forEach((r, i) => {
    const key = keys[i];
    const bodyLen = 1 + (key ? 2 + key.length : 0) + r.value.length;
    out.writeUInt32BE(bodyLen, pos);
    let p = pos + FRAME_HEADER_BYTES;
    out[p++] = key ? ATTR_KEY : 0;
    if (key) {
      out.writeUInt16BE(key.length, p);
      key.copy(out, p + 2);
      p += 2 + key.length;
    }
    out.set(r.value, p);
    const crc = crc32cUpdate(
      crc32cUpdate(0, out, pos, pos + 4),
      out,
      pos + FRAME_HEADER_BYTES,
      pos + FRAME_HEADER_BYTES + bodyLen,
    );
    out.writeUInt32BE(crc, pos + 4);
    pos += FRAME_HEADER_BYTES + bodyLen;
  });
  return { bytes: out, count: records.length };
}

/** The outcome of looking at the bytes at one position. */
export type FrameCheck =
  /** A complete, valid frame whose body is `buf[bodyStart, bodyEnd)`. */
  | { kind: 'frame'; bodyStart: number; bodyEnd: number }
  /** Fewer bytes than the frame needs: `need` bytes from the frame start. */
  | { kind: 'short'; need: number }
  /** The bytes are not a frame (checksum mismatch, impossible length, unknown attributes). */
  | { kind: 'corrupt'; reason: string };

/** Checks the frame starting at `buf[pos]`, looking no further than `buf[end - 1]`. */
export function checkFrame(buf: Uint8Array, pos: number, end: number, maxBodyBytes: number): FrameCheck {
  if (end - pos < FRAME_HEADER_BYTES) return { kind: 'short', need: FRAME_HEADER_BYTES };
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const bodyLen = view.getUint32(pos);
  if (bodyLen < 1 || bodyLen > maxBodyBytes) return { kind: 'corrupt', reason: `body length ${bodyLen}` };
  const need = FRAME_HEADER_BYTES + bodyLen;
  if (end - pos < need) return { kind: 'short', need };
  const bodyStart = pos + FRAME_HEADER_BYTES;
  const bodyEnd = bodyStart + bodyLen;
  const want = view.getUint32(pos + 4);
  if (crc32cUpdate(crc32cUpdate(0, buf, pos, pos + 4), buf, bodyStart, bodyEnd) !== want) {
    return { kind: 'corrupt', reason: 'checksum mismatch' };
  }
  const attrs = buf[bodyStart]!;
  if ((attrs & ~ATTR_KEY) !== 0) return { kind: 'corrupt', reason: `unknown attributes ${attrs}` };
  if (attrs & ATTR_KEY && (bodyLen < 3 || 3 + view.getUint16(bodyStart + 1) > bodyLen)) {
    return { kind: 'corrupt', reason: 'key longer than body' };
  }
  return { kind: 'frame', bodyStart, bodyEnd };
}

/**
 * Decodes a body checked by `checkFrame`. The returned value is a view into `buf`, not a copy.
 */
export function decodeBody(
  buf: Uint8Array,
  bodyStart: number,
  bodyEnd: number,
  offset: number,
): ConsumedRecord {
  const attrs = buf[bodyStart]!;
  if (!(attrs & ATTR_KEY)) return { offset, value: buf.subarray(bodyStart + 1, bodyEnd) };
  const keyLen = (buf[bodyStart + 1]! << 8) | buf[bodyStart + 2]!;
  const keyStart = bodyStart + 3;
  const key = Buffer.from(buf.buffer, buf.byteOffset + keyStart, keyLen).toString('utf8');
  return { offset, key, value: buf.subarray(keyStart + keyLen, bodyEnd) };
}
