import type { IncomingMessage, ServerResponse } from 'node:http';
import { EpimetheusError } from '../errors/index.js';

/**
 * Reads a request body up to `maxBytes`.
 * @throws EpimetheusError `too_large` naming `flag` when the body is larger.
 */
export async function readBody(req: IncomingMessage, maxBytes: number, flag: string): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > maxBytes) throw tooLarge(declared, maxBytes, flag);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > maxBytes) {
      req.resume();
      throw tooLarge(size, maxBytes, flag);
    }
    chunks.push(buf);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
}

function tooLarge(size: number, max: number, flag: string): EpimetheusError {
  return new EpimetheusError(
    'too_large',
    `request body of ${size} bytes exceeds the limit of ${max} bytes (set by ${flag})`,
    { id: 'err-epimetheus-request-too-large' },
  );
}

/** Sends a JSON body (an object, or a pre-rendered JSON string) with `status`. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

/**
 * Sends a JSON body given as pieces (strings, or UTF-8 bytes written as they are) with
 * `status`: a large pre-rendered answer is not copied into one string or buffer first.
 */
export function sendJsonParts(res: ServerResponse, status: number, parts: readonly (string | Uint8Array)[]): void {
  let length = 0;
  for (const p of parts) length += typeof p === 'string' ? Buffer.byteLength(p) : p.byteLength;
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': length });
  res.cork();
  for (const p of parts) if (p.length > 0) res.write(p);
  res.end();
  res.uncork();
}

/** Sends plain text with `status`. */
export function sendText(res: ServerResponse, status: number, text: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * Reads query-string and (for POST with a form body) form parameters into one multimap,
 * the way Prometheus's API accepts both.
 */
export async function readParams(req: IncomingMessage, url: URL): Promise<URLSearchParams> {
  const params = new URLSearchParams(url.search);
  const type = req.headers['content-type'] ?? '';
  if (req.method === 'POST' && type.startsWith('application/x-www-form-urlencoded')) {
    const body = await readBody(req, 10 << 20, '--server.http-max-form-bytes');
    for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params.append(k, v);
  }
  return params;
}
