import type { ServiceDefinition } from '@grpc/grpc-js';
import { epimetheus_push } from '../../proto/gen/push.js';

/** Generated message classes of `proto/epimetheus/push.proto`. */
export const pushPb = epimetheus_push;

/** gRPC metadata entry carrying the tenant, as the `X-Scope-OrgID` header does over HTTP. */
export const PUSH_TENANT_METADATA_KEY = 'x-scope-orgid';
/** Trailing metadata of a refused push: the stable error id, when the error has one. */
export const ERROR_ID_METADATA_KEY = 'epimetheus-error-id';
/** Trailing metadata of a refused push: the error category (`rate_limited`, `unavailable`, ...). */
export const ERROR_CATEGORY_METADATA_KEY = 'epimetheus-error-category';
/** Trailing metadata of a refused push: the status the HTTP receiver would have answered. */
export const HTTP_CODE_METADATA_KEY = 'epimetheus-http-code';

/**
 * The `epimetheus_push.Pusher` service definition, shared by server and client. The request is
 * handled as raw bytes (an uncompressed remote-write 1.0 `WriteRequest`): the server hands them
 * to the distributor's own decoder, the client encodes with `libs/remotewrite`.
 */
export const PUSHER_SERVICE: ServiceDefinition = {
  Push: {
    path: '/epimetheus_push.Pusher/Push',
    requestStream: false,
    responseStream: false,
    requestSerialize: (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength),
    requestDeserialize: (b: Buffer) => b,
    responseSerialize: (m: epimetheus_push.IPushResponse) =>
      Buffer.from(pushPb.PushResponse.encode(m).finish()),
    responseDeserialize: (b: Buffer) => pushPb.PushResponse.decode(b),
  },
};
