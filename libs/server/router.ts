import { EpimetheusError } from '../errors/index.js';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Path parameters captured by `:name` segments. */
export type Params = Readonly<Record<string, string>>;

/** A request handler. Thrown errors are turned into responses by the server. */
export type Handler = (req: IncomingMessage, res: ServerResponse, params: Params) => Promise<void> | void;

interface Route {
  methods: ReadonlySet<string>;
  parts: readonly string[];
  handler: Handler;
}

/**
 * A small path router: exact segments, `:param` segments, and a trailing `*rest` that
 * captures the remainder. Routes are tried in registration order.
 */
export class Router {
  private readonly routes: Route[] = [];

  /** Registers `handler` for `methods` on `pattern` (e.g. `/api/v1/label/:name/values`). */
  add(methods: string | readonly string[], pattern: string, handler: Handler): this {
    const list = typeof methods === 'string' ? [methods] : methods;
    this.routes.push({ methods: new Set(list), parts: split(pattern), handler });
    return this;
  }

  /**
   * Finds the handler for a request. Returns `'method'` when the path exists but not for
   * this method (405), `undefined` when nothing matches (404).
   */
  match(method: string, path: string): { handler: Handler; params: Params } | 'method' | undefined {
    const segs = split(path);
    let pathMatched = false;
    for (const r of this.routes) {
      const params = matchParts(r.parts, segs);
      if (!params) continue;
      if (r.methods.has(method) || (method === 'HEAD' && r.methods.has('GET'))) {
        return { handler: r.handler, params };
      }
      pathMatched = true;
    }
    return pathMatched ? 'method' : undefined;
  }
}

function split(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

/** Decodes a path segment. @throws EpimetheusError bad_data for a malformed escape. */
function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch (err) {
    throw new EpimetheusError('bad_data', `invalid escape in path segment ${JSON.stringify(segment.slice(0, 200))}`, { cause: err });
  }
}

function matchParts(parts: readonly string[], segs: readonly string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (p.startsWith('*')) {
      params[p.slice(1)] = segs.slice(i).map(decode).join('/');
      return params;
    }
    const s = segs[i];
    if (s === undefined) return undefined;
    if (p.startsWith(':')) params[p.slice(1)] = decode(s);
    else if (p !== s) return undefined;
  }
  return parts.length === segs.length ? params : undefined;
}
