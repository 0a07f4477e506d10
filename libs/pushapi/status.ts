import * as grpc from '@grpc/grpc-js';
import {
  categoryOf,
  categoryOfGrpcCode,
  EpimetheusError,
  grpcCodeOf,
  httpStatusOf,
  type ErrorCategory,
} from '../errors/index.js';
import { ERROR_CATEGORY_METADATA_KEY, ERROR_ID_METADATA_KEY, HTTP_CODE_METADATA_KEY } from './service.js';

const CATEGORIES: readonly ErrorCategory[] = [
  'bad_data',
  'tenant_limit',
  'rate_limited',
  'unavailable',
  'too_large',
  'unsupported_media',
  'unauthenticated',
  'execution',
  'timeout',
  'canceled',
  'internal',
];

/**
 * The gRPC error a refused push answers with: the status code of the error's category, its
 * message, and trailing metadata with the category, the stable error id (when it has one) and
 * the HTTP status the HTTP receiver would have answered. Anything that is not an
 * `EpimetheusError` is `internal`.
 */
export function pushErrorToStatus(err: unknown): grpc.StatusObject {
  const category = categoryOf(err);
  const metadata = new grpc.Metadata();
  metadata.set(ERROR_CATEGORY_METADATA_KEY, category);
  metadata.set(HTTP_CODE_METADATA_KEY, String(httpStatusOf(category)));
  if (err instanceof EpimetheusError && err.id !== undefined) metadata.set(ERROR_ID_METADATA_KEY, err.id);
  return {
    code: grpcCodeOf(category) as grpc.status,
    details: err instanceof Error ? err.message : String(err),
    metadata,
  };
}

/**
 * The `EpimetheusError` a client raises for a failed push call: the category from the trailing
 * metadata (or, from a peer that sent none, such as a proxy or a dead server, from the gRPC code),
 * the id, and the message. `retriable` then says whether to send the same request again.
 */
export function pushErrorFromStatus(err: grpc.ServiceError): EpimetheusError {
  const md = err.metadata ?? new grpc.Metadata();
  const sent = md.get(ERROR_CATEGORY_METADATA_KEY)[0];
  const category = CATEGORIES.find((c) => c === sent) ?? categoryOfGrpcCode(err.code);
  const id = md.get(ERROR_ID_METADATA_KEY)[0];
  return new EpimetheusError(category, err.details || err.message, {
    cause: err,
    ...(typeof id === 'string' && id !== '' ? { id } : {}),
  });
}
