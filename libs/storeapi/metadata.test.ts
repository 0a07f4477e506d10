import * as grpc from '@grpc/grpc-js';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queryable } from '../model/index.js';
import { addStoreService, mergeMetadata, StoreClient, type StoreBackend } from './index.js';

const none: Queryable = { querier: () => Promise.reject(new Error('not read here')) };
const servers: grpc.Server[] = [];
const clients: StoreClient[] = [];

async function serve(backend: StoreBackend): Promise<StoreClient> {
  const server = new grpc.Server();
  addStoreService(server, backend, pino({ level: 'silent' }));
  const port = await new Promise<number>((res, rej) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) => (e ? rej(e) : res(p))),
  );
  servers.push(server);
  const c = new StoreClient(`127.0.0.1:${port}`, { timeoutMs: 5_000 });
  clients.push(c);
  return c;
}

let ingester: StoreClient;
let gateway: StoreClient;
let broken: StoreClient;

beforeAll(async () => {
  ingester = await serve({
    component: 'ingester',
    queryable: () => none,
    timeRange: () => ({ minTime: 0, maxTime: 0 }),
    metadata: (t) =>
      new Map(
        t === 'a'
          ? [
              ['up', [{ type: 'gauge', help: 'Up.', unit: '' }]],
              [
                'http_seconds',
                [
                  { type: 'histogram', help: 'Latency.', unit: 'seconds' },
                  { type: 'summary', help: 'Latency.', unit: 'seconds' },
                ],
              ],
            ]
          : [],
      ),
  });
  gateway = await serve({ component: 'store-gateway', queryable: () => none, timeRange: () => ({ minTime: 0, maxTime: 0 }) });
  broken = await serve({
    component: 'ingester',
    queryable: () => none,
    timeRange: () => ({ minTime: 0, maxTime: 0 }),
    metadata: () => {
      throw new Error('boom');
    },
  });
});
afterAll(() => {
  for (const c of clients) c.close();
  for (const s of servers) s.forceShutdown();
});

describe('StoreAPI Metadata', () => {
  it('carries every entry of the tenant, and only of the tenant', async () => {
    expect(await ingester.metadata('a')).toEqual(
      new Map([
        ['up', [{ type: 'gauge', help: 'Up.', unit: '' }]],
        [
          'http_seconds',
          [
            { type: 'histogram', help: 'Latency.', unit: 'seconds' },
            { type: 'summary', help: 'Latency.', unit: 'seconds' },
          ],
        ],
      ]),
    );
    expect(await ingester.metadata('b')).toEqual(new Map());
  });

  it('answers none from a backend without metadata, and fails when the backend throws', async () => {
    expect(await gateway.metadata('a')).toEqual(new Map());
    await expect(broken.metadata('a')).rejects.toMatchObject({ category: 'internal' });
  });

  it('merges stores: distinct entries once each, in the order first seen', () => {
    const merged = mergeMetadata([
      new Map([['m', [{ type: 'counter', help: 'A.', unit: '' }]]]),
      new Map([
        [
          'm',
          [
            { type: 'counter', help: 'A.', unit: '' },
            { type: 'counter', help: 'B.', unit: '' },
          ],
        ],
        ['n', [{ type: 'gauge', help: 'N.', unit: '' }]],
      ]),
    ]);
    expect([...merged]).toEqual([
      [
        'm',
        [
          { type: 'counter', help: 'A.', unit: '' },
          { type: 'counter', help: 'B.', unit: '' },
        ],
      ],
      ['n', [{ type: 'gauge', help: 'N.', unit: '' }]],
    ]);
  });
});
