import * as grpc from '@grpc/grpc-js';
import { encodeWriteRequestV1, type EncodableRequest } from '../remotewrite/index.js';
import type { epimetheus_push } from '../../proto/gen/push.js';
import { PUSHER_SERVICE, PUSH_TENANT_METADATA_KEY } from './service.js';
import { pushErrorFromStatus } from './status.js';

const ClientCtor = grpc.makeGenericClientConstructor(PUSHER_SERVICE, 'Pusher');

/** Options of a `PushClient`. */
export interface PushClientOptions {
  /** Deadline of one push. @default 30000 */
  timeoutMs?: number;
  /** Largest request sent, in bytes. @default 100 MiB */
  maxSendMessageBytes?: number;
}

/** One invalid series of a push (the valid rest was stored). */
export interface PushRejection {
  /** Stable id, e.g. `err-epimetheus-missing-metric-name`. */
  readonly errorId: string;
  readonly message: string;
  /** The HTTP-like status of the rejection (400). */
  readonly code: number;
}

/** The answer to a push that was not refused as a whole. */
export interface PushResponse {
  /**
   * What the HTTP receiver would have answered: 204 (every series stored), 202 (samples of an HA
   * replica that is not the elected one, dropped), 400 (`rejections` lists the invalid series;
   * the valid rest is stored and durable, so resending the request would not help).
   */
  readonly code: number;
  readonly samplesWritten: number;
  readonly histogramsWritten: number;
  readonly exemplarsWritten: number;
  readonly rejections: readonly PushRejection[];
}

/**
 * A client of one distributor's `epimetheus_push.Pusher` service, for writers inside the
 * cluster such as the ruler. Safe to use concurrently; `close` when done.
 *
 * A push refused as a whole rejects with an `EpimetheusError` whose `category` and `id` are the
 * server's (`rate_limited` with `err-epimetheus-ingestion-rate`, `unavailable` when the ingest log
 * could not make the write durable, ...); when its `retriable` is true, send the same request
 * again later. A distributor that cannot be reached gives `unavailable`.
 */
export class PushClient {
  private readonly client: grpc.Client;
  private readonly timeoutMs: number;

  constructor(
    readonly address: string,
    opts: PushClientOptions = {},
  ) {
    this.client = new ClientCtor(address, grpc.credentials.createInsecure(), {
      'grpc.max_send_message_length': opts.maxSendMessageBytes ?? 100 << 20,
    });
    this.timeoutMs = opts.timeoutMs ?? 30_000;
  }

  /** Encodes `request` as remote write 1.0 and pushes it for `tenant`. @throws EpimetheusError (see the class). */
  push(tenant: string, request: EncodableRequest): Promise<PushResponse> {
    return this.pushEncoded(tenant, encodeWriteRequestV1(request));
  }

  /**
   * Pushes an already encoded, uncompressed remote-write 1.0 `WriteRequest` for `tenant`. The
   * caller must not modify `body` until the promise settles. @throws EpimetheusError (see the class).
   */
  pushEncoded(tenant: string, body: Uint8Array): Promise<PushResponse> {
    const md = new grpc.Metadata();
    md.set(PUSH_TENANT_METADATA_KEY, tenant);
    const m = PUSHER_SERVICE.Push!;
    return new Promise((resolve, reject) => {
      this.client.makeUnaryRequest(
        m.path,
        m.requestSerialize,
        m.responseDeserialize,
        body,
        md,
        { deadline: Date.now() + this.timeoutMs },
        (err: grpc.ServiceError | null, res?: epimetheus_push.IPushResponse) => {
          if (err) reject(pushErrorFromStatus(err));
          else resolve(fromProto(res ?? {}));
        },
      );
    });
  }

  /** Closes the channel; pending pushes fail with `unavailable` or `canceled`. */
  close(): void {
    this.client.close();
  }
}

function fromProto(r: epimetheus_push.IPushResponse): PushResponse {
  return {
    code: r.code ?? 0,
    samplesWritten: Number(r.samplesWritten ?? 0),
    histogramsWritten: Number(r.histogramsWritten ?? 0),
    exemplarsWritten: Number(r.exemplarsWritten ?? 0),
    rejections: (r.rejections ?? []).map((x) => ({
      errorId: x.errorId ?? '',
      message: x.message ?? '',
      code: x.code ?? 0,
    })),
  };
}
