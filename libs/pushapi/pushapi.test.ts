import * as grpc from '@grpc/grpc-js';
import protobuf from 'protobufjs/minimal.js';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EpimetheusError } from '../errors/index.js';
import { GrpcServer } from '../grpcserver/index.js';
import { decodeWriteRequest, type WriteRequest } from '../remotewrite/index.js';
import { pb as storePb } from '../storeapi/index.js';
import { encodeWriteRequestV1 } from '../remotewrite/index.js';
import {
  addPusherService,
  PUSHER_SERVICE,
  pushPb,
  PushClient,
  type PushOutcome,
  type PushTarget,
} from './index.js';

const logger = pino({ level: 'silent' });

/** A distributor stand-in: records what arrived; a metric name picks the outcome. */
class FakeTarget implements PushTarget {
  readonly received: { tenant: string; req: WriteRequest }[] = [];
  pushDecompressed(tenant: string, _version: '1.0', raw: Uint8Array): Promise<PushOutcome> {
    const req = decodeWriteRequest(raw, '1.0');
    this.received.push({ tenant, req });
    const name = req.timeseries[0]?.labels.find((l) => l.name === '__name__')?.value;
    const ok = {
      samplesWritten: 1,
      histogramsWritten: 0,
      exemplarsWritten: 0,
      rejections: [],
      rejectionIds: [],
    };
    switch (name) {
      case 'rate':
        return Promise.reject(
          new EpimetheusError('rate_limited', 'over the rate', { id: 'err-epimetheus-ingestion-rate' }),
        );
      case 'down':
        return Promise.reject(new EpimetheusError('unavailable', 'ingest log is down'));
      case 'bug':
        return Promise.reject(new Error('boom'));
      case 'invalid':
        return Promise.resolve({
          ...ok,
          rejections: ['bad label; series: {...}'],
          rejectionIds: ['err-epimetheus-invalid-label'],
        });
      case 'replica':
        return Promise.resolve({ ...ok, samplesWritten: 0, haDropped: true });
      default:
        return Promise.resolve(ok);
    }
  }
}

const servers: { target: FakeTarget; server: GrpcServer; client: PushClient }[] = [];
const registry = new Registry();

async function serve(multitenancy: boolean, maxRequestBytes?: number): Promise<{ target: FakeTarget; client: PushClient }> {
  const target = new FakeTarget();
  const server = new GrpcServer({ port: 0, host: '127.0.0.1' }, logger);
  addPusherService(server.server, target, {
    multitenancy,
    logger,
    registry: multitenancy ? registry : new Registry(),
    ...(maxRequestBytes === undefined ? {} : { maxRequestBytes }),
  });
  await server.startAsync();
  const client = new PushClient(`127.0.0.1:${server.port()}`, { timeoutMs: 5000 });
  servers.push({ target, server, client });
  return { target, client };
}

let mt: { target: FakeTarget; client: PushClient };
let single: { target: FakeTarget; client: PushClient };
beforeAll(async () => {
  mt = await serve(true);
  single = await serve(false);
});
afterAll(async () => {
  for (const s of servers) {
    s.client.close();
    await s.server.stopAsync();
  }
});

const req = (name: string) => ({
  timeseries: [
    {
      labels: [
        { name: '__name__', value: name },
        { name: 'job', value: 'ruler' },
      ],
      samples: { timestamps: [1000], values: [42] },
    },
  ],
});

describe('Pusher over gRPC', () => {
  it('delivers the request bytes and the tenant to the target and answers 204', async () => {
    const r = await mt.client.push('team-a', req('up'));
    expect(r).toEqual({
      code: 204,
      samplesWritten: 1,
      histogramsWritten: 0,
      exemplarsWritten: 0,
      rejections: [],
    });
    const got = mt.target.received.at(-1)!;
    expect(got.tenant).toBe('team-a');
    expect(got.req.timeseries[0]!.labels).toEqual(req('up').timeseries[0]!.labels);
    expect(got.req.timeseries[0]!.samples.values[0]).toBe(42);
  });

  it("answers 400 with each rejection's error id, message and code", async () => {
    const r = await mt.client.push('team-a', req('invalid'));
    expect(r.code).toBe(400);
    expect(r.rejections).toEqual([
      { errorId: 'err-epimetheus-invalid-label', message: 'bad label; series: {...}', code: 400 },
    ]);
  });

  it('answers 202 when the HA replica was not the elected one', async () => {
    expect((await mt.client.push('team-a', req('replica'))).code).toBe(202);
  });

  const refusals = [
    {
      name: 'rate',
      category: 'rate_limited',
      id: 'err-epimetheus-ingestion-rate',
      retriable: true,
      msg: /over the rate/,
    },
    { name: 'down', category: 'unavailable', id: undefined, retriable: true, msg: /ingest log is down/ },
    { name: 'bug', category: 'internal', id: undefined, retriable: false, msg: /boom/ },
  ];
  for (const c of refusals) {
    it(`raises ${c.category} with the server's id for a request refused as a whole (${c.name})`, async () => {
      const err = await mt.client.push('team-a', req(c.name)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(EpimetheusError);
      const e = err as EpimetheusError;
      expect([e.category, e.id, e.retriable]).toEqual([c.category, c.id, c.retriable]);
      expect(e.message).toMatch(c.msg);
    });
  }

  const wire = [
    { name: 'rate', code: grpc.status.RESOURCE_EXHAUSTED, id: 'err-epimetheus-ingestion-rate', http: '429' },
    { name: 'down', code: grpc.status.UNAVAILABLE, id: undefined, http: '503' },
  ];
  for (const c of wire) {
    it(`puts gRPC status ${grpc.status[c.code]} and the error id on the wire for other clients (${c.name})`, async () => {
      const Ctor = grpc.makeGenericClientConstructor(PUSHER_SERVICE, 'Pusher');
      const raw = new Ctor(`127.0.0.1:${servers[0]!.server.port()}`, grpc.credentials.createInsecure());
      const md = new grpc.Metadata();
      md.set('x-scope-orgid', 'team-a');
      const err = await new Promise<grpc.ServiceError>((resolve) => {
        raw.makeUnaryRequest(
          PUSHER_SERVICE.Push!.path,
          (b: Uint8Array) => Buffer.from(b),
          (b: Buffer) => b,
          encodeWriteRequestV1(req(c.name)),
          md,
          (e) => resolve(e!),
        );
      });
      raw.close();
      expect(err.code).toBe(c.code);
      expect(err.metadata.get('epimetheus-error-id')[0]).toBe(c.id);
      expect(err.metadata.get('epimetheus-http-code')[0]).toBe(c.http);
    });
  }

  it('requires a valid tenant with multi-tenancy, as the HTTP receiver does', async () => {
    const missing = (await mt.client.push('', req('up')).catch((e: unknown) => e)) as EpimetheusError;
    expect([missing.category, missing.id]).toEqual(['unauthenticated', 'err-epimetheus-missing-org-id']);
    const invalid = (await mt.client.push('a/b', req('up')).catch((e: unknown) => e)) as EpimetheusError;
    expect([invalid.category, invalid.id]).toEqual(['bad_data', 'err-epimetheus-invalid-tenant-id']);
  });

  it('pushes as tenant anonymous without multi-tenancy', async () => {
    await single.client.push('ignored', req('up'));
    expect(single.target.received.at(-1)!.tenant).toBe('anonymous');
  });

  it('counts requests by the HTTP-like status answered', async () => {
    const counts = Object.fromEntries(
      (await registry.getSingleMetric('epimetheus_pusher_requests_total')!.get()).values.map((v) => [
        v.labels.code,
        v.value,
      ]),
    );
    // The cases above, in order: 204, 400, 202, 429, 503, 500, 429, 503 (raw wire), 401, 400 (invalid tenant).
    expect(counts).toEqual({ '204': 1, '400': 2, '202': 1, '429': 2, '503': 2, '500': 1, '401': 1 });
  });

  it('refuses a request over --distributor.max-recv-msg-size before the target sees it', async () => {
    const small = await serve(false, 200);
    const big = {
      timeseries: Array.from({ length: 10 }, (_, i) => ({
        labels: [{ name: '__name__', value: `series_with_a_long_name_${i}` }],
        samples: { timestamps: [1000], values: [i] },
      })),
    };
    const err = (await small.client.push('anonymous', big).catch((e: unknown) => e)) as EpimetheusError;
    expect(err).toMatchObject({ category: 'too_large', id: 'err-epimetheus-request-too-large' });
    expect(err.message).toContain('--distributor.max-recv-msg-size');
    expect(small.target.received).toHaveLength(0);
    expect(await small.client.push('anonymous', req('up'))).toMatchObject({ code: 204 });
    expect(small.target.received).toHaveLength(1);
  });

  it('raises a retriable unavailable when no server listens', async () => {
    const c = new PushClient('127.0.0.1:1', { timeoutMs: 2000 });
    const e = (await c.push('t', req('up')).catch((x: unknown) => x)) as EpimetheusError;
    c.close();
    expect([e.category, e.retriable]).toEqual(['unavailable', true]);
  });
});

describe('generated code', () => {
  // Both generated modules share protobufjs's default root: push.proto's namespace must not
  // replace store.proto's (it did while the package was epimetheus.push).
  it('leaves the StoreAPI messages usable beside the Push messages', () => {
    const req = { matchers: [{ type: 0, name: 'job', value: 'ruler' }], minTime: 1, maxTime: 2 };
    expect(storePb.SeriesRequest.decode(storePb.SeriesRequest.encode(req).finish()).matchers[0]!.value).toBe(
      'ruler',
    );
    expect(pushPb.PushResponse.decode(pushPb.PushResponse.encode({ code: 204 }).finish()).code).toBe(204);
  });

  it('keeps each generated module in its own protobufjs root, none in the default one', () => {
    const roots = protobuf.roots as Record<string, { epimetheus?: Record<string, unknown> } | undefined>;
    expect(roots['epimetheus_store']?.epimetheus?.['store']).toBe(storePb);
    expect(roots['epimetheus_push']?.epimetheus?.['store']).toBeUndefined();
    expect(roots['default']?.epimetheus).toBeUndefined();
  });
});
