import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { Router, tenantOf } from './index.js';

describe('Router', () => {
  const h = () => undefined;
  const r = new Router()
    .add('GET', '/api/v1/label/:name/values', h)
    .add(['GET', 'POST'], '/api/v1/query', h)
    .add('GET', '/static/*rest', h);

  const cases = [
    { name: 'param', method: 'GET', path: '/api/v1/label/job/values', want: { name: 'job' } },
    { name: 'escaped param', method: 'GET', path: '/api/v1/label/a%2Fb/values', want: { name: 'a/b' } },
    { name: 'rest', method: 'GET', path: '/static/a/b.css', want: { rest: 'a/b.css' } },
    { name: 'exact', method: 'POST', path: '/api/v1/query', want: {} },
    { name: 'HEAD as GET', method: 'HEAD', path: '/api/v1/query', want: {} },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const m = r.match(c.method, c.path);
      expect(m).toBeTypeOf('object');
      expect((m as { params: unknown }).params).toEqual(c.want);
    });
  }
  it('tells 405 from 404', () => {
    expect(r.match('DELETE', '/api/v1/query')).toBe('method');
    expect(r.match('GET', '/nope')).toBeUndefined();
  });
});

describe('tenantOf', () => {
  const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;
  it('is anonymous without multi-tenancy', () => expect(tenantOf(req({}), false)).toBe('anonymous'));
  it('reads the header', () => expect(tenantOf(req({ 'x-scope-orgid': 'team-a' }), true)).toBe('team-a'));
  it('requires the header', () => expect(() => tenantOf(req({}), true)).toThrow(/X-Scope-OrgID/));
  it('rejects bad ids', () => expect(() => tenantOf(req({ 'x-scope-orgid': 'a/b' }), true)).toThrow(/invalid tenant id/));
});
