import { EpimetheusError } from '../errors/index.js';
import { WriteRequestV1Decoder } from './decode-v1.js';
import { WriteRequestV2Decoder } from './decode-v2.js';
import type { RemoteWriteVersion, WriteRequest } from './types.js';

let v1: WriteRequestV1Decoder | undefined;
let v2: WriteRequestV2Decoder | undefined;

/**
 * Decodes an uncompressed remote-write body of the given version into a `WriteRequest`.
 *
 * Labels of each series come out sorted by name (`labelsUnsorted` says the sender had
 * them out of order); empty values and duplicate names are left for `validateWriteRequest`.
 * Float values keep their exact bits, so stale markers survive. Unknown fields are
 * skipped. The result does not reference `bytes`; series share label objects and
 * sample buffers with each other (see `Samples`), and a 1.0 series sent again gets the very
 * `Labels` array it got before (see `LabelsCache`): never modify a decoded label set.
 *
 * Synchronous and not re-entrant per thread; reuses internal scratch space between calls.
 * @throws EpimetheusError `bad_data` for malformed protobuf (truncated, wrong wire type,
 *   lengths past the end, invalid UTF-8, symbol references out of range).
 */
export function decodeWriteRequest(bytes: Uint8Array, version: RemoteWriteVersion): WriteRequest {
  switch (version) {
    case '1.0':
      return (v1 ??= new WriteRequestV1Decoder()).decode(bytes);
    case '2.0':
      return (v2 ??= new WriteRequestV2Decoder()).decode(bytes);
    default:
      throw new EpimetheusError('unsupported_media', `unknown remote write version ${String(version)}`);
  }
}
