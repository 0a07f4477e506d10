import * as grpc from '@grpc/grpc-js';
import type { Logger } from 'pino';
import { Counter, type Registry } from 'prom-client';
import { EpimetheusError } from '../errors/index.js';
import { DEFAULT_TENANT, validateTenantId } from '../server/index.js';
import type { epimetheus_push } from '../../proto/gen/push.js';
import { HTTP_CODE_METADATA_KEY, PUSHER_SERVICE, PUSH_TENANT_METADATA_KEY } from './service.js';
import { pushErrorToStatus } from './status.js';

/** What a push did; the distributor's `PushResult` has this shape. */
export interface PushOutcome {
  samplesWritten: number;
  histogramsWritten: number;
  exemplarsWritten: number;
  /** Messages of the invalid series, in request order. */
  rejections: readonly string[];
  /** The stable error id of each of `rejections`, index for index. */
  rejectionIds: readonly string[];
  /** The request came from an HA replica that is not the elected one: nothing was stored. */
  haDropped?: boolean;
}

/** What serves pushes: the distributor. */
export interface PushTarget {
  /**
   * Validates and stores an uncompressed remote-write request of `tenant`; resolves once the
   * valid series are durable. @throws EpimetheusError for a request refused as a whole.
   */
  pushDecompressed(tenant: string, version: '1.0', raw: Uint8Array): Promise<PushOutcome>;
}

/** Options of `addPusherService`. */
export interface PusherServiceOptions {
  /** As `--auth.multitenancy-enabled`: when false every push is tenant `anonymous`. */
  multitenancy: boolean;
  logger: Logger;
  /** Where `epimetheus_pusher_requests_total{code}` is registered. */
  registry: Registry;
  /**
   * Largest request accepted, in bytes of the serialized (uncompressed) `WriteRequest`; a larger
   * one fails with `too_large` (RESOURCE_EXHAUSTED, HTTP-like 413) naming `maxRequestBytesFlag`,
   * before it is decoded. Requests beyond the gRPC server's own receive limit never get here.
   * @default Infinity
   */
  maxRequestBytes?: number;
  /** The flag that sets `maxRequestBytes`, for the error message. @default 'distributor.max-recv-msg-size' */
  maxRequestBytesFlag?: string;
}

type PushCall = grpc.ServerUnaryCall<Buffer, epimetheus_push.IPushResponse>;

/**
 * Adds `epimetheus_push.Pusher` to `server`, answering from `target` with the HTTP receiver's
 * semantics (see `proto/epimetheus/push.proto`): 204, 202 (HA replica dropped) or 400 with one
 * rejection per invalid series in the response; a request refused as a whole fails with the
 * gRPC status of its category and the error id in trailing metadata. Must be called before the
 * server starts.
 */
export function addPusherService(
  server: grpc.Server,
  target: PushTarget,
  options: PusherServiceOptions,
): void {
  const requests = new Counter({
    name: 'epimetheus_pusher_requests_total',
    help: 'gRPC push requests, by the HTTP-like status answered (204, 202, 400, 429, 503, ...).',
    labelNames: ['code'],
    registers: [options.registry],
  });
  const maxBytes = options.maxRequestBytes ?? Infinity;
  const flag = `--${options.maxRequestBytesFlag ?? 'distributor.max-recv-msg-size'}`;
  const push = (call: PushCall, cb: grpc.sendUnaryData<epimetheus_push.IPushResponse>): void => {
    Promise.resolve()
      .then(() => checkSize(call.request.length, maxBytes, flag))
      .then(() => target.pushDecompressed(tenantOf(call.metadata, options.multitenancy), '1.0', call.request))
      .then(
        (r) => {
          const res = toResponse(r);
          requests.inc({ code: String(res.code) });
          cb(null, res);
        },
        (err: unknown) => {
          const status = pushErrorToStatus(err);
          requests.inc({ code: String(status.metadata.get(HTTP_CODE_METADATA_KEY)[0]) });
          if (status.code === grpc.status.INTERNAL) options.logger.error({ err }, 'push failed');
          cb(status);
        },
      );
  };
  server.addService(PUSHER_SERVICE, { Push: push } as grpc.UntypedServiceImplementation);
}

/** @throws EpimetheusError `too_large` when `size` exceeds `max`. */
function checkSize(size: number, max: number, flag: string): void {
  if (size <= max) return;
  throw new EpimetheusError('too_large', `push request of ${size} bytes exceeds the limit of ${max} bytes (set by ${flag})`, {
    id: 'err-epimetheus-request-too-large',
  });
}

function toResponse(r: PushOutcome): epimetheus_push.IPushResponse {
  const code = r.haDropped ? 202 : r.rejections.length > 0 ? 400 : 204;
  return {
    code,
    samplesWritten: r.samplesWritten,
    histogramsWritten: r.histogramsWritten,
    exemplarsWritten: r.exemplarsWritten,
    rejections: r.rejections.map((message, i) => ({ errorId: r.rejectionIds[i] ?? '', message, code: 400 })),
  };
}

/**
 * The tenant of a call, with the HTTP receiver's rules.
 * @throws EpimetheusError `unauthenticated` without one when multi-tenancy is on, `bad_data` for an invalid id.
 */
function tenantOf(md: grpc.Metadata, multitenancy: boolean): string {
  if (!multitenancy) return DEFAULT_TENANT;
  const v = md.get(PUSH_TENANT_METADATA_KEY)[0];
  if (typeof v !== 'string' || v === '') {
    throw new EpimetheusError(
      'unauthenticated',
      `no org id: the ${PUSH_TENANT_METADATA_KEY} metadata entry is required when --auth.multitenancy-enabled=true`,
      { id: 'err-epimetheus-missing-org-id' },
    );
  }
  validateTenantId(v);
  return v;
}
