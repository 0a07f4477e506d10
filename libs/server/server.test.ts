import { connect } from 'node:net';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpServer, Router, sendText } from './index.js';

let server: HttpServer;

beforeAll(async () => {
  const router = new Router().add('GET', '/label/:name', (_req, res, p) => sendText(res, 200, p.name ?? ''));
  server = new HttpServer({ port: 0, host: '127.0.0.1' }, router, { logger: pino({ level: 'silent' }), registry: new Registry() });
  await server.startAsync();
});
afterAll(() => server.stopAsync());

/** Sends a raw request line and returns the status line of the answer. */
function raw(requestLine: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = connect(server.port(), '127.0.0.1', () => sock.write(`${requestLine}\r\nHost: x\r\nConnection: close\r\n\r\n`));
    let data = '';
    sock.on('data', (d) => (data += d.toString()));
    sock.on('end', () => resolve(data.split('\r\n')[0] ?? ''));
    sock.on('error', reject);
  });
}

describe('HttpServer', () => {
  const cases = [
    { name: 'a target that is not a URL', line: 'GET http://[ HTTP/1.1', want: /^HTTP\/1.1 400/ },
    { name: 'a malformed escape in a path parameter', line: 'GET /label/%E0%A4%A HTTP/1.1', want: /^HTTP\/1.1 400/ },
  ];
  for (const c of cases) {
    it(`answers 400 to ${c.name} and keeps serving`, async () => {
      expect(await raw(c.line)).toMatch(c.want);
      const ok = await fetch(`http://127.0.0.1:${server.port()}/label/job`);
      expect(await ok.text()).toBe('job');
    });
  }
});
