import type { IncomingMessage, ServerResponse } from 'node:http';
import { EpimetheusError } from '../errors/index.js';
import { type Router, readParams, sendJson, sendText } from '../server/index.js';
import type { InstanceDesc } from './model.js';
import type { Operation } from './operation.js';
import type { PartitionRing } from './partition-ring.js';

/** What the ring page reads and does; a `Ring` provides it. */
export interface RingStatusSource {
  readonly key: string;
  instances(): InstanceDesc[];
  healthy(instance: InstanceDesc, op?: Operation): boolean;
  ownership(): Map<string, number>;
  forget(id: string): Promise<void>;
}

/** One row of the ring page's JSON (`GET <path>?format=json`). */
export interface RingStatusInstance {
  id: string;
  zone: string;
  state: string;
  address: string;
  healthy: boolean;
  /** Milliseconds since the epoch. */
  heartbeat_timestamp: number;
  heartbeat_age_seconds: number;
  registered_timestamp: number;
  tokens: number;
  /** Percent of the hash space owned, 0–100. */
  ownership: number;
}

/** The ring page's JSON document. */
export interface RingStatus {
  ring: string;
  /** Milliseconds since the epoch, when the page was rendered. */
  now: number;
  instances: RingStatusInstance[];
}

function wantsJson(req: IncomingMessage, url: URL): boolean {
  return url.searchParams.get('format') === 'json' || (req.headers.accept ?? '').includes('application/json');
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The ring page's data: every instance with its health, heartbeat age and ownership. */
export function ringStatus(ring: RingStatusSource, now: number = Date.now()): RingStatus {
  const own = ring.ownership();
  return {
    ring: ring.key,
    now,
    instances: ring.instances().map((i) => ({
      id: i.id,
      zone: i.zone,
      state: i.state,
      address: i.addr,
      healthy: ring.healthy(i),
      heartbeat_timestamp: i.heartbeatTimestamp,
      heartbeat_age_seconds: Math.max(0, (now - i.heartbeatTimestamp) / 1000),
      registered_timestamp: i.registeredTimestamp,
      tokens: i.tokens.length,
      ownership: (own.get(i.id) ?? 0) * 100,
    })),
  };
}

function renderRingHtml(status: RingStatus, path: string): string {
  const rows = status.instances
    .map(
      (i) => `<tr${i.healthy ? '' : ' class="unhealthy"'}>
<td>${escapeHtml(i.id)}</td><td>${escapeHtml(i.zone)}</td><td>${escapeHtml(i.state)}${i.healthy ? '' : ' (unhealthy)'}</td>
<td>${escapeHtml(i.address)}</td><td>${i.heartbeat_age_seconds.toFixed(1)}s ago</td><td>${i.tokens}</td><td>${i.ownership.toFixed(2)}%</td>
<td><form method="POST" action="${escapeHtml(path)}"><input type="hidden" name="forget" value="${escapeHtml(i.id)}"><button type="submit">Forget</button></form></td>
</tr>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Ring ${escapeHtml(status.ring)}</title>
<style>body{font-family:sans-serif}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px}tr.unhealthy{background:#fdd}</style>
</head><body>
<h1>Ring ${escapeHtml(status.ring)}</h1>
<p>${status.instances.length} instances, rendered ${new Date(status.now).toISOString()}. <a href="?format=json">JSON</a></p>
<table>
<thead><tr><th>Instance</th><th>Zone</th><th>State</th><th>Address</th><th>Last heartbeat</th><th>Tokens</th><th>Ownership</th><th>Actions</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</body></html>
`;
}

/**
 * Serves the ring page at `path` (dskit's `/ingester/ring`): `GET` renders an HTML table (id, zone,
 * state, address, heartbeat age, token count, ownership %) or, with `?format=json` or
 * `Accept: application/json`, the `RingStatus` JSON. `POST` with the form field `forget=<id>`
 * removes that instance from the ring, then redirects (303) back to the page (JSON clients get
 * `{"forgotten": id}`).
 * @throws (as a 400 response) EpimetheusError `bad_data` when a POST has no `forget` field.
 */
export function registerRingRoutes(
  router: Router,
  path: string,
  ring: RingStatusSource,
  options: { now?: () => number } = {},
): void {
  const now = options.now ?? Date.now;
  router.add('GET', path, (req, res) => {
    const url = new URL(req.url ?? path, 'http://localhost');
    const status = ringStatus(ring, now());
    if (wantsJson(req, url)) sendJson(res, 200, status);
    else sendText(res, 200, renderRingHtml(status, path), 'text/html; charset=utf-8');
  });
  router.add('POST', path, async (req, res) => forgetHandler(req, res, path, ring));
}

async function forgetHandler(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  ring: RingStatusSource,
): Promise<void> {
  const url = new URL(req.url ?? path, 'http://localhost');
  const id = (await readParams(req, url)).get('forget');
  if (id === null || id === '')
    throw new EpimetheusError('bad_data', 'ring page: POST needs a forget=<instance id> form field');
  await ring.forget(id);
  if (wantsJson(req, url)) {
    sendJson(res, 200, { forgotten: id });
    return;
  }
  res.writeHead(303, { Location: path, 'Content-Length': 0 });
  res.end();
}

/** One partition on the partition ring page. */
export interface PartitionStatus {
  id: number;
  state: string;
  state_timestamp: number;
  owners: readonly string[];
  tokens: number;
  /** Percent of the hash space, 0–100. */
  ownership: number;
}

/** The partition ring page's data. */
export function partitionRingStatus(ring: PartitionRing): { partitions: PartitionStatus[] } {
  const own = ring.ownership();
  return {
    partitions: ring.partitions().map((p) => ({
      id: p.id,
      state: p.state,
      state_timestamp: p.stateTimestamp,
      owners: ring.owners(p.id),
      tokens: p.tokens.length,
      ownership: (own.get(p.id) ?? 0) * 100,
    })),
  };
}

/**
 * Serves the partition ring page at `path` (read-only): an HTML table of partitions (id, state,
 * since, owners, tokens, ownership %), or JSON with `?format=json` / `Accept: application/json`.
 * `current` returns the latest view (e.g. `() => watcher.ring()`).
 */
export function registerPartitionRingRoutes(
  router: Router,
  path: string,
  current: () => PartitionRing,
): void {
  router.add('GET', path, (req, res) => {
    const url = new URL(req.url ?? path, 'http://localhost');
    const status = partitionRingStatus(current());
    if (wantsJson(req, url)) {
      sendJson(res, 200, status);
      return;
    }
    const rows = status.partitions
      .map(
        (p) =>
          `<tr><td>${p.id}</td><td>${escapeHtml(p.state)}</td><td>${new Date(p.state_timestamp).toISOString()}</td>` +
          `<td>${p.owners.map(escapeHtml).join(', ')}</td><td>${p.tokens}</td><td>${p.ownership.toFixed(2)}%</td></tr>`,
      )
      .join('\n');
    const html = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Partition ring</title>
<style>body{font-family:sans-serif}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px}</style>
</head><body><h1>Partition ring</h1><p><a href="?format=json">JSON</a></p>
<table><thead><tr><th>Partition</th><th>State</th><th>Since</th><th>Owners</th><th>Tokens</th><th>Ownership</th></tr></thead>
<tbody>
${rows}
</tbody></table></body></html>
`;
    sendText(res, 200, html, 'text/html; charset=utf-8');
  });
}
