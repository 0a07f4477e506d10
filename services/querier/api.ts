import type { IncomingMessage, ServerResponse } from 'node:http';
import { categoryOf, httpStatusOf, type ErrorCategory } from '../../libs/errors/index.js';
import { EpimetheusError } from '../../libs/errors/index.js';
import type { Matcher, Queryable } from '../../libs/model/index.js';
import { checkQueryLength } from '../../libs/limits/index.js';
import { limitedQueryable } from './limited-queryable.js';
import { labelsToObject } from './json.js';
import { readParams, sendJson, sendJsonParts, tenantOf, type Router } from '../../libs/server/index.js';
import type { QueryEngine, TenantStores } from './engine.js';
import { MAX_TIME_MS, MIN_TIME_MS, parseDurationParam, parseLimitParam, parseTimeParam } from './params.js';

/** Configuration of the Prometheus-compatible query API. */
export interface QueryApiConfig {
  multitenancy: boolean;
  /** At most this many points per series in a range query. @default 11000 */
  maxPointsPerSeries: number;
  /** Reported by `/api/v1/status/buildinfo`. */
  version: string;
}

/** Prefixes the API is served under: the root and `/prometheus`, as Mimir does. */
export const API_PREFIXES = ['', '/prometheus'] as const;

/**
 * The Prometheus HTTP API (`/api/v1/...`) over a query engine and a tenant's stores. Every
 * response uses Prometheus's envelope: `{"status":"success","data":...}` or
 * `{"status":"error","errorType":...,"error":...}`.
 */
export class QueryApi {
  constructor(
    private readonly config: QueryApiConfig,
    private readonly engine: QueryEngine,
    private readonly stores: TenantStores,
  ) {}

  /** Registers every endpoint on `router` under each prefix. */
  register(router: Router): void {
    const both = ['GET', 'POST'];
    for (const p of API_PREFIXES) {
      router
        .add(both, `${p}/api/v1/query`, this.wrap((q, t) => this.query(q, t)))
        .add(both, `${p}/api/v1/query_range`, this.wrap((q, t) => this.queryRange(q, t)))
        .add(both, `${p}/api/v1/series`, this.wrap((q, t) => this.series(q, t)))
        .add(both, `${p}/api/v1/labels`, this.wrap((q, t) => this.labels(q, t)))
        .add('GET', `${p}/api/v1/label/:name/values`, (req, res, params) =>
          this.wrap((q, t) => this.labelValues(q, t, params.name ?? ''))(req, res),
        )
        .add('GET', `${p}/api/v1/metadata`, this.wrap((q, t) => this.metadata(q, t)))
        .add(both, `${p}/api/v1/query_exemplars`, this.wrap(() => Promise.resolve({ data: '[]' })))
        .add('GET', `${p}/api/v1/status/buildinfo`, this.wrap(() => Promise.resolve({ data: this.buildInfo() })))
        .add('GET', `${p}/api/v1/rules`, this.wrap(() => Promise.resolve({ data: '{"groups":[]}' })))
        .add('GET', `${p}/api/v1/alerts`, this.wrap(() => Promise.resolve({ data: '{"alerts":[]}' })));
    }
  }

  private wrap(
    fn: (params: URLSearchParams, tenant: string) => Promise<ApiOk>,
  ): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
    return async (req, res) => {
      try {
        const url = new URL(req.url ?? '/', 'http://localhost');
        const tenant = tenantOf(req, this.config.multitenancy);
        const params = await readParams(req, url);
        const ok = await fn(params, tenant);
        sendJsonParts(res, 200, envelope(ok));
      } catch (err) {
        const category = categoryOf(err);
        const message = err instanceof Error ? err.message : String(err);
        sendJson(res, httpStatusOf(category), {
          status: 'error',
          errorType: errorType(category),
          error: message,
        });
      }
    };
  }

  private async query(params: URLSearchParams, tenant: string): Promise<ApiOk> {
    const expr = requireParam(params, 'query');
    const time = parseTimeParam('time', params.get('time'), Date.now());
    const r = await this.engine.instant(this.queryable(tenant), expr, time, this.evalOptions(params));
    return { data: r.dataJson, warnings: r.warnings, infos: r.infos };
  }

  private async queryRange(params: URLSearchParams, tenant: string): Promise<ApiOk> {
    const expr = requireParam(params, 'query');
    const start = parseTimeParam('start', params.get('start'));
    const end = parseTimeParam('end', params.get('end'));
    if (end < start) throw bad('end timestamp must not be before start time');
    const step = parseDurationParam('step', requireParam(params, 'step'));
    if (step <= 0) {
      throw bad('zero or negative query resolution step widths are not accepted. Try a positive integer');
    }
    if ((end - start) / step > this.config.maxPointsPerSeries) {
      throw bad(
        `exceeded maximum resolution of ${this.config.maxPointsPerSeries.toLocaleString('en-US')} points per timeseries. Try decreasing the query resolution (?step=XX)`,
      );
    }
    const limits = this.stores.limits?.(tenant);
    const tooLong = limits ? checkQueryLength(tenant, limits, start, end) : undefined;
    if (tooLong) throw tooLong;
    const r = await this.engine.range(this.queryable(tenant), expr, start, end, step, this.evalOptions(params));
    return { data: r.dataJson, warnings: r.warnings, infos: r.infos };
  }

  private async series(params: URLSearchParams, tenant: string): Promise<ApiOk> {
    const selectors = params.getAll('match[]');
    if (selectors.length === 0) throw bad('no match[] parameter provided');
    const { start, end, limit } = rangeParams(params);
    const querier = await this.stores.queryable(tenant).querier(start, end);
    const seen = new Map<string, Record<string, string>>();
    for (const sel of selectors) {
      const matchers = this.engine.parseSelector(sel);
      const found = await querier.select(matchers, { start, end, labelsOnly: true });
      for (const s of found) {
        const obj = labelsToObject(s.labels);
        seen.set(JSON.stringify(obj), obj);
      }
    }
    const all = [...seen.values()];
    return truncated(all, limit);
  }

  private async labels(params: URLSearchParams, tenant: string): Promise<ApiOk> {
    const { start, end, limit } = rangeParams(params);
    const querier = await this.stores.queryable(tenant).querier(start, end);
    const sets = this.matcherSets(params);
    const names = new Set<string>();
    for (const ms of sets) {
      for (const n of await querier.labelNames(ms, { start, end })) names.add(n);
    }
    return truncated([...names].sort(), limit);
  }

  private async labelValues(params: URLSearchParams, tenant: string, name: string): Promise<ApiOk> {
    const { start, end, limit } = rangeParams(params);
    const querier = await this.stores.queryable(tenant).querier(start, end);
    const values = new Set<string>();
    for (const ms of this.matcherSets(params)) {
      for (const v of await querier.labelValues(name, ms, { start, end })) values.add(v);
    }
    return truncated([...values].sort(), limit);
  }

  private async metadata(params: URLSearchParams, tenant: string): Promise<ApiOk> {
    const limit = parseLimitParam(params.get('limit'));
    const perMetric = parseLimitParam(params.get('limit_per_metric'));
    const only = params.get('metric');
    const all = await this.stores.metadata(tenant);
    const out: Record<string, unknown[]> = {};
    let n = 0;
    for (const [metric, entries] of [...all].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (only && metric !== only) continue;
      if (limit > 0 && n >= limit) break;
      out[metric] = perMetric > 0 ? entries.slice(0, perMetric) : [...entries];
      n++;
    }
    return { data: out };
  }

  /** The tenant's stores, with the per-query fetch limits applied. */
  private queryable(tenant: string): Queryable {
    const q = this.stores.queryable(tenant);
    const limits = this.stores.limits?.(tenant);
    return limits ? limitedQueryable(q, tenant, limits) : q;
  }

  private matcherSets(params: URLSearchParams): Matcher[][] {
    const selectors = params.getAll('match[]');
    return selectors.length === 0 ? [[]] : selectors.map((s) => this.engine.parseSelector(s));
  }

  private evalOptions(params: URLSearchParams): { timeoutMs?: number; stats: boolean; limit: number } {
    const timeout = params.get('timeout');
    const timeoutMs = timeout ? parseDurationParam('timeout', timeout) : undefined;
    if (timeoutMs !== undefined && timeoutMs <= 0) throw bad('invalid parameter "timeout": must be positive');
    return {
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      stats: params.has('stats'),
      limit: parseLimitParam(params.get('limit')),
    };
  }

  private buildInfo(): Record<string, string> {
    return {
      version: this.config.version,
      revision: '',
      branch: '',
      buildUser: '',
      buildDate: '',
      goVersion: `node${process.versions.node}`,
    };
  }
}

interface ApiOk {
  /** An object to serialise, or already-rendered JSON as a string or UTF-8 bytes. */
  data: unknown;
  warnings?: string[];
  infos?: string[];
}

/** The success envelope as pieces to send in order; rendered bytes are passed through uncopied. */
function envelope(ok: ApiOk): (string | Uint8Array)[] {
  const data = typeof ok.data === 'string' || ok.data instanceof Uint8Array ? ok.data : JSON.stringify(ok.data);
  let after = '';
  if (ok.warnings && ok.warnings.length > 0) after += `,"warnings":${JSON.stringify(ok.warnings)}`;
  if (ok.infos && ok.infos.length > 0) after += `,"infos":${JSON.stringify(ok.infos)}`;
  return ['{"status":"success","data":', data, after + '}'];
}

function truncated<T>(items: T[], limit: number): ApiOk {
  if (limit > 0 && items.length > limit) {
    return { data: items.slice(0, limit), warnings: ['results truncated due to limit'] };
  }
  return { data: items };
}

function rangeParams(params: URLSearchParams): { start: number; end: number; limit: number } {
  return {
    start: parseTimeParam('start', params.get('start'), MIN_TIME_MS),
    end: parseTimeParam('end', params.get('end'), MAX_TIME_MS),
    limit: parseLimitParam(params.get('limit')),
  };
}

function requireParam(params: URLSearchParams, name: string): string {
  const v = params.get(name);
  if (v === null || v === '') throw bad(`invalid parameter ${JSON.stringify(name)}: missing`);
  return v;
}

function bad(message: string): EpimetheusError {
  return new EpimetheusError('bad_data', message);
}

/** Prometheus's `errorType` for a category. */
function errorType(category: ErrorCategory): string {
  switch (category) {
    case 'bad_data':
    case 'tenant_limit':
    case 'too_large':
    case 'unsupported_media':
      return 'bad_data';
    case 'execution':
      return 'execution';
    case 'timeout':
      return 'timeout';
    case 'canceled':
      return 'canceled';
    case 'unavailable':
      return 'unavailable';
    case 'unauthenticated':
      return 'unauthorized';
    default:
      return 'internal';
  }
}
