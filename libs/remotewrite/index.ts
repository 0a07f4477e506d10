export type {
  RemoteWriteVersion,
  Samples,
  HistogramSample,
  Exemplar,
  MetricMetadata,
  SeriesMetadata,
  TimeSeries,
  WriteRequest,
  EncodableSeries,
  EncodableRequest,
} from './types.js';
export { MetricType } from './types.js';
export { decodeWriteRequest } from './decode.js';
export { encodeWriteRequest, encodeWriteRequestV1, encodeWriteRequestV2 } from './encode.js';
export type { WrittenCounts } from './negotiate.js';
export {
  negotiateRemoteWrite,
  writtenHeaders,
  snappyCompress,
  snappyDecompress,
  PROTO_V1,
  PROTO_V2,
  CONTENT_TYPES,
  VERSION_HEADERS,
  WRITTEN_HEADERS,
  DEFAULT_MAX_DECOMPRESSED_BYTES,
} from './negotiate.js';
export type { ValidationLimits, RejectionReason } from './limits.js';
export {
  DEFAULT_VALIDATION_LIMITS,
  VALIDATION_FLAGS,
  REJECTION_REASONS,
  rejectionErrorId,
} from './limits.js';
export type { ValidationOptions, Rejection, ValidationResult } from './validate.js';
export { validateWriteRequest, validateSeries } from './validate.js';
export { toFloatHistogram } from './histogram.js';
