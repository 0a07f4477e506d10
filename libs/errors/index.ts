export type { ErrorCategory, EpimetheusErrorOptions } from './errors.js';
export {
  EpimetheusError,
  isRetriable,
  categoryOf,
  httpStatusOf,
  grpcCodeOf,
  categoryOfGrpcCode,
} from './errors.js';
