/**
 * What kind of failure an error is. Categories, not messages, decide status codes and
 * retries: the HTTP and gRPC mappings below are the only places that translate them.
 */
export type ErrorCategory =
  /** The request itself is wrong (malformed, invalid labels): 400, never retried. */
  | 'bad_data'
  /** A per-tenant limit rejects the data: 400 (or 422 for queries), not retried. */
  | 'tenant_limit'
  /** The tenant is over its rate: 429, the sender retries later. */
  | 'rate_limited'
  /** A backend is down or overloaded: 503, retried. */
  | 'unavailable'
  /** The request body is too large: 413. */
  | 'too_large'
  /** The request's media type or encoding is not supported: 415. */
  | 'unsupported_media'
  /** The caller is not authenticated (e.g. no tenant header): 401. */
  | 'unauthenticated'
  /** A query could not be executed (e.g. too many samples): 422. */
  | 'execution'
  /** A deadline passed: 503. */
  | 'timeout'
  /** The request was cancelled by the caller: 499. */
  | 'canceled'
  /** A bug or an unexpected state: 500. */
  | 'internal';

/** Options for an `EpimetheusError`. */
export interface EpimetheusErrorOptions {
  cause?: unknown;
  /** Stable id users can search for, e.g. `err-epimetheus-max-series-per-user`. */
  id?: string;
}

/**
 * Base class of every domain error. Carries a category and, for user-facing limits, a
 * stable error id that `docs/errors.md` documents.
 */
export class EpimetheusError extends Error {
  readonly category: ErrorCategory;
  readonly id: string | undefined;

  constructor(category: ErrorCategory, message: string, options: EpimetheusErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'EpimetheusError';
    this.category = category;
    this.id = options.id;
  }

  /** Whether a client should retry the same request later. */
  get retriable(): boolean {
    return isRetriable(this.category);
  }
}

/** Whether a request that failed with `category` may succeed when retried unchanged. */
export function isRetriable(category: ErrorCategory): boolean {
  return category === 'rate_limited' || category === 'unavailable' || category === 'timeout';
}

/** The category of any thrown value: `internal` unless it is an `EpimetheusError`. */
export function categoryOf(err: unknown): ErrorCategory {
  return err instanceof EpimetheusError ? err.category : 'internal';
}

const HTTP_STATUS: Record<ErrorCategory, number> = {
  bad_data: 400,
  tenant_limit: 400,
  rate_limited: 429,
  unavailable: 503,
  too_large: 413,
  unsupported_media: 415,
  unauthenticated: 401,
  execution: 422,
  timeout: 503,
  canceled: 499,
  internal: 500,
};

/** The one mapping from error category to HTTP status code. */
export function httpStatusOf(category: ErrorCategory): number {
  return HTTP_STATUS[category];
}

/** gRPC status codes (numeric values from the gRPC spec), to avoid importing grpc-js here. */
const GRPC_CODE: Record<ErrorCategory, number> = {
  bad_data: 3, // INVALID_ARGUMENT
  tenant_limit: 9, // FAILED_PRECONDITION
  rate_limited: 8, // RESOURCE_EXHAUSTED
  unavailable: 14, // UNAVAILABLE
  too_large: 8, // RESOURCE_EXHAUSTED
  unsupported_media: 3, // INVALID_ARGUMENT
  unauthenticated: 16, // UNAUTHENTICATED
  execution: 9, // FAILED_PRECONDITION
  timeout: 4, // DEADLINE_EXCEEDED
  canceled: 1, // CANCELLED
  internal: 13, // INTERNAL
};

/** The one mapping from error category to gRPC status code. */
export function grpcCodeOf(category: ErrorCategory): number {
  return GRPC_CODE[category];
}

/** The reverse of `grpcCodeOf`, for errors received from a peer. */
export function categoryOfGrpcCode(code: number): ErrorCategory {
  switch (code) {
    case 3:
      return 'bad_data';
    case 9:
      return 'tenant_limit';
    case 8:
      return 'rate_limited';
    case 14:
      return 'unavailable';
    case 16:
      return 'unauthenticated';
    case 4:
      return 'timeout';
    case 1:
      return 'canceled';
    default:
      return 'internal';
  }
}
