import * as grpc from '@grpc/grpc-js';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addStoreService, StoreClient } from '../../libs/storeapi/index.js';
import { querierMetadata, replicaSetsMetadata } from './metadata.js';

const servers: grpc.Server[] = [];
const clients = new Map<string, StoreClient>();
const client = (addr: string): StoreClient => {
  let c = clients.get(addr);
  if (!c) clients.set(addr, (c = new StoreClient(addr, { timeoutMs: 5_000 })));
  return c;
};

/** An ingester answering `help` for metric `m`; returns its address. */
async function ingester(help: string): Promise<string> {
  const server = new grpc.Server();
  addStoreService(
    server,
    {
      component: 'ingester',
      queryable: () => ({ querier: () => Promise.reject(new Error('unused')) }),
      timeRange: () => ({ minTime: 0, maxTime: 0 }),
      metadata: () => new Map([['m', [{ type: 'gauge', help, unit: '' }]]]),
    },
    pino({ level: 'silent' }),
  );
  const port = await new Promise<number>((res, rej) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) => (e ? rej(e) : res(p))),
  );
  servers.push(server);
  return `127.0.0.1:${port}`;
}

let a: string;
let b: string;
const down = '127.0.0.1:1';

beforeAll(async () => {
  a = await ingester('A.');
  b = await ingester('B.');
});
afterAll(() => {
  for (const c of clients.values()) c.close();
  for (const s of servers) s.forceShutdown();
});

describe('querier metadata', () => {
  it('asks one ingester of each replica set, the next when one is down', async () => {
    const got = await replicaSetsMetadata([[down, a], [b]], 't', client);
    expect(got.map((m) => m.get('m')![0]!.help)).toEqual(['A.', 'B.']);
  });

  it('fails when every ingester of a set is down, never answering from part of them', async () => {
    await expect(replicaSetsMetadata([[a], [down]], 't', client)).rejects.toMatchObject({
      category: 'unavailable',
    });
  });

  it('merges the local ingester, the configured stores and the discovered ones', async () => {
    const md = querierMetadata({
      local: () => new Map([['m', [{ type: 'gauge', help: 'local', unit: '' }]]]),
      clients: [client(a)],
      discovered: (t) => replicaSetsMetadata([[b]], t, client),
    });
    expect((await md('t')).get('m')!.map((e) => e.help)).toEqual(['local', 'A.', 'B.']);
  });
});
