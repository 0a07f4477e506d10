import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { Counter, Histogram, type Registry } from 'prom-client';
import { categoryOf, httpStatusOf, EpimetheusError } from '../errors/index.js';
import { BasicService } from '../services/index.js';
import type { Router } from './router.js';
import { sendText } from './http.js';

/** Options of the HTTP server. */
export interface HttpServerConfig {
  /** @default 8080; 0 picks a free port. */
  port: number;
  /** @default '0.0.0.0' */
  host: string;
}

/**
 * The HTTP server as a service: it listens while Running and closes on stop. Errors thrown
 * by handlers become responses: an `EpimetheusError` maps through its category, anything
 * else is a 500 that is logged. A handler error never takes the process down.
 */
export class HttpServer extends BasicService {
  private server: Server | undefined;
  private readonly requests: Counter<'method' | 'route' | 'status_code'>;
  private readonly duration: Histogram<'route'>;

  constructor(
    private readonly config: HttpServerConfig,
    private readonly router: Router,
    private readonly deps: { logger: Logger; registry: Registry },
  ) {
    super('http-server', {
      starting: () => this.listen(),
      stopping: () => this.close(),
    });
    this.requests = new Counter({
      name: 'epimetheus_http_requests_total',
      help: 'HTTP requests by method, route prefix and status code.',
      labelNames: ['method', 'route', 'status_code'],
      registers: [deps.registry],
    });
    this.duration = new Histogram({
      name: 'epimetheus_http_request_duration_seconds',
      help: 'HTTP request latency by route prefix.',
      labelNames: ['route'],
      buckets: [0.001, 0.005, 0.025, 0.1, 0.5, 2.5, 10, 60],
      registers: [deps.registry],
    });
  }

  /** The bound port (useful when configured as 0). */
  port(): number {
    return (this.server?.address() as AddressInfo | null)?.port ?? this.config.port;
  }

  private listen(): Promise<void> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        this.deps.logger.error({ err }, 'request handler failed outside its error handling');
        if (!res.headersSent) sendText(res, 500, 'internal error\n');
        else res.destroy();
      });
    });
    server.keepAliveTimeout = 65_000;
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.config.port, this.config.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  }

  private close(): Promise<void> {
    const server = this.server;
    if (!server) return Promise.resolve();
    return new Promise((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
      setTimeout(() => server.closeAllConnections(), 5_000).unref();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = process.hrtime.bigint();
    let route = 'invalid';
    try {
      const url = parseUrl(req.url);
      route = routeLabel(url.pathname);
      const found = this.router.match(req.method ?? 'GET', url.pathname);
      if (found === undefined) sendText(res, 404, `404 page not found: ${url.pathname}\n`);
      else if (found === 'method') sendText(res, 405, `method ${req.method} not allowed\n`);
      else await found.handler(req, res, found.params);
    } catch (err) {
      this.respondError(res, err, req.url ?? '');
    } finally {
      this.requests.inc({ method: req.method ?? '', route, status_code: String(res.statusCode) });
      this.duration.observe({ route }, Number(process.hrtime.bigint() - started) / 1e9);
    }
  }

  private respondError(res: ServerResponse, err: unknown, path: string): void {
    const status = httpStatusOf(categoryOf(err));
    if (!(err instanceof EpimetheusError) || status >= 500) {
      this.deps.logger.error({ err, path }, 'request failed');
    }
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const message = err instanceof Error ? err.message : String(err);
    sendText(res, status, message + '\n');
  }
}

/** Parses a request target. @throws EpimetheusError bad_data for one that is not a URL path. */
function parseUrl(target: string | undefined): URL {
  try {
    return new URL(target ?? '/', 'http://localhost');
  } catch (err) {
    throw new EpimetheusError('bad_data', `invalid request target ${JSON.stringify((target ?? '').slice(0, 200))}`, { cause: err });
  }
}

/** Route label for metrics: the path with high-cardinality parts cut. */
function routeLabel(path: string): string {
  const p = path.replace(/^\/prometheus/, '');
  if (p.startsWith('/api/v1/label/')) return '/api/v1/label/values';
  return p.length > 64 ? p.slice(0, 64) : p;
}
