import { compressSync, uncompressSync } from 'snappy';
import { EpimetheusError } from '../errors/index.js';
import type { RemoteWriteVersion } from './types.js';

/** The `proto=` name of the remote write 1.0 message. */
export const PROTO_V1 = 'prometheus.WriteRequest';
/** The `proto=` name of the remote write 2.0 message. */
export const PROTO_V2 = 'io.prometheus.write.v2.Request';

/** Content-Type a sender uses for each version (1.0 without `proto=`, for 1.x receivers). */
export const CONTENT_TYPES: Readonly<Record<RemoteWriteVersion, string>> = {
  '1.0': 'application/x-protobuf',
  '2.0': `application/x-protobuf;proto=${PROTO_V2}`,
};

/** `X-Prometheus-Remote-Write-Version` a sender sends for each version. */
export const VERSION_HEADERS: Readonly<Record<RemoteWriteVersion, string>> = {
  '1.0': '0.1.0',
  '2.0': '2.0.0',
};

/**
 * Picks the remote-write message from the request's Content-Type and checks its
 * Content-Encoding, as the 2.0 spec negotiates:
 * `application/x-protobuf` and `application/x-protobuf;proto=prometheus.WriteRequest` are
 * 1.0, `application/x-protobuf;proto=io.prometheus.write.v2.Request` is 2.0. Media type,
 * parameter names and the encoding token compare case-insensitively (RFC 9110); other
 * parameters are ignored.
 *
 * A missing Content-Type is taken as 1.0 and a missing Content-Encoding as snappy, as
 * Prometheus's own receiver does, so old 1.0 senders that omit them keep working.
 * @throws EpimetheusError `unsupported_media` (415) for any other media type, `proto`
 *   or encoding (only snappy's block format is accepted).
 */
export function negotiateRemoteWrite(
  contentType: string | undefined,
  contentEncoding: string | undefined,
): RemoteWriteVersion {
  const version = versionOf(contentType?.trim() ?? '');
  const enc = contentEncoding?.trim().toLowerCase() ?? '';
  if (enc !== '' && enc !== 'snappy') {
    throw new EpimetheusError(
      'unsupported_media',
      `unsupported Content-Encoding ${JSON.stringify(contentEncoding)}: remote write needs "snappy" (block format)`,
    );
  }
  return version;
}

function versionOf(contentType: string): RemoteWriteVersion {
  if (contentType === '') return '1.0';
  const parts = contentType.split(';');
  const media = parts[0]!.trim().toLowerCase();
  if (media !== 'application/x-protobuf') {
    throw unsupportedType(contentType, `media type ${JSON.stringify(media)}`);
  }
  let proto: string | undefined;
  for (let i = 1; i < parts.length; i++) {
    const p = parts[i]!;
    const eq = p.indexOf('=');
    if (eq < 0) {
      if (p.trim() === '') continue;
      throw unsupportedType(contentType, `malformed parameter ${JSON.stringify(p.trim())}`);
    }
    if (p.slice(0, eq).trim().toLowerCase() !== 'proto') continue;
    proto = p.slice(eq + 1).trim();
    if (proto.length >= 2 && proto.startsWith('"') && proto.endsWith('"')) proto = proto.slice(1, -1);
  }
  if (proto === undefined || proto === PROTO_V1) return '1.0';
  if (proto === PROTO_V2) return '2.0';
  throw unsupportedType(contentType, `proto ${JSON.stringify(proto)}`);
}

function unsupportedType(contentType: string, what: string): EpimetheusError {
  return new EpimetheusError(
    'unsupported_media',
    `unsupported Content-Type ${JSON.stringify(contentType)} (${what}): remote write accepts ` +
      `application/x-protobuf with proto=${PROTO_V1} (1.0, the default) or proto=${PROTO_V2} (2.0)`,
  );
}

/** Response header names remote write 2.0 requires on every response after negotiation. */
export const WRITTEN_HEADERS = {
  samples: 'X-Prometheus-Remote-Write-Samples-Written',
  histograms: 'X-Prometheus-Remote-Write-Histograms-Written',
  exemplars: 'X-Prometheus-Remote-Write-Exemplars-Written',
} as const;

/** Counts of what a receiver wrote from one request. */
export interface WrittenCounts {
  samples: number;
  histograms: number;
  exemplars: number;
}

/**
 * The `X-Prometheus-Remote-Write-*-Written` response headers for `counts`. Send them for
 * 2.0 requests on success and on 4xx (a partial write); 1.0 senders ignore them.
 */
export function writtenHeaders(counts: WrittenCounts): Record<string, string> {
  return {
    [WRITTEN_HEADERS.samples]: String(counts.samples),
    [WRITTEN_HEADERS.histograms]: String(counts.histograms),
    [WRITTEN_HEADERS.exemplars]: String(counts.exemplars),
  };
}

/** Default cap on a decompressed body: 100 MiB, well above any sane remote-write batch. */
export const DEFAULT_MAX_DECOMPRESSED_BYTES = 100 * 1024 * 1024;

/**
 * Decompresses a snappy block-format body. Reads the declared length first, so a small
 * body claiming a huge size is refused before anything is allocated.
 * @throws EpimetheusError `too_large` when the declared size exceeds `maxBytes`,
 *   `bad_data` when the input is not valid snappy.
 */
export function snappyDecompress(body: Uint8Array, maxBytes = DEFAULT_MAX_DECOMPRESSED_BYTES): Uint8Array {
  const declared = declaredLength(body);
  if (declared > maxBytes) {
    throw new EpimetheusError(
      'too_large',
      `decompressed body would be ${declared} bytes, over the limit of ${maxBytes} bytes`,
    );
  }
  try {
    return uncompressSync(body, { asBuffer: true }) as Buffer;
  } catch (err) {
    throw new EpimetheusError('bad_data', `decompress snappy body: ${(err as Error).message}`, {
      cause: err,
    });
  }
}

/** Compresses `data` with snappy's block format (what remote write sends). */
export function snappyCompress(data: Uint8Array): Uint8Array {
  return compressSync(data);
}

function declaredLength(body: Uint8Array): number {
  let v = 0;
  for (let i = 0, mul = 1; i < 5; i++, mul *= 128) {
    if (i >= body.length) break;
    const b = body[i]!;
    v += (b & 0x7f) * mul;
    if (b < 0x80) return v;
  }
  throw new EpimetheusError('bad_data', 'decompress snappy body: invalid length preamble');
}
