import { parse as parseYaml } from 'yaml';
import { parseDuration } from '../config/index.js';
import { type Limits, LIMIT_DEFS, checkValue } from './limits.js';

const BY_YAML_KEY = new Map(LIMIT_DEFS.map((d) => [d.yamlKey, d]));

/**
 * Thrown when the runtime config file cannot be read or is invalid. The message names the file
 * and, for a bad entry, its path in the file (`overrides.tenant-a.ingestion_rat`).
 */
export class RuntimeConfigError extends Error {
  /** The file that was read. */
  readonly file: string;

  constructor(file: string, message: string, options?: { cause?: unknown }) {
    super(`runtime config ${file}: ${message}`, options);
    this.name = 'RuntimeConfigError';
    this.file = file;
  }
}

/** The resolved content of a runtime config file: each overridden tenant's complete limits. */
export type TenantLimits = ReadonlyMap<string, Readonly<Limits>>;

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Parses a runtime config file's text:
 *
 * ```yaml
 * overrides:
 *   tenant-a:
 *     ingestion_rate: 50000
 *     max_query_length: 32d
 * ```
 *
 * Each tenant's keys override `defaults`; the others keep them. An empty file (or no `overrides`)
 * means no overrides. Durations are written like `32d` or `1h30m` (0 also allowed).
 * @returns a frozen `Limits` per tenant in the file.
 * @throws RuntimeConfigError naming `file` and the path of the first bad key or value.
 */
export function parseRuntimeConfig(text: string, defaults: Readonly<Limits>, file: string): TenantLimits {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    throw new RuntimeConfigError(file, `not valid YAML: ${(err as Error).message}`, { cause: err });
  }
  const out = new Map<string, Readonly<Limits>>();
  if (doc === null || doc === undefined) return out;
  if (!isObject(doc)) throw new RuntimeConfigError(file, 'want a mapping with an overrides key at the top');
  for (const key of Object.keys(doc)) {
    if (key !== 'overrides')
      throw new RuntimeConfigError(file, `unknown key ${key}; the file holds overrides only`);
  }
  const overrides = doc.overrides;
  if (overrides === null || overrides === undefined) return out;
  if (!isObject(overrides))
    throw new RuntimeConfigError(file, 'overrides: want a mapping of tenant to limits');
  for (const [tenant, section] of Object.entries(overrides)) {
    out.set(tenant, Object.freeze(tenantLimits(tenant, section, defaults, file)));
  }
  return out;
}

function tenantLimits(tenant: string, section: unknown, defaults: Readonly<Limits>, file: string): Limits {
  const limits = { ...defaults } as Record<string, unknown>;
  if (section === null || section === undefined) return limits as unknown as Limits;
  if (!isObject(section)) {
    throw new RuntimeConfigError(file, `overrides.${tenant}: want a mapping of limit names to values`);
  }
  for (const [key, raw] of Object.entries(section)) {
    const path = `overrides.${tenant}.${key}`;
    const d = BY_YAML_KEY.get(key);
    if (d === undefined) throw new RuntimeConfigError(file, `unknown limit ${path}`);
    const value = d.type === 'duration' ? durationFromYaml(raw) : raw;
    const problem =
      value === undefined
        ? `want a duration like 32d or 1h30m, got ${JSON.stringify(raw)}`
        : checkValue(d, value);
    if (problem !== undefined) throw new RuntimeConfigError(file, `invalid ${path}: ${problem}`);
    limits[d.name] = value;
  }
  return limits as unknown as Limits;
}

/** A duration written in the file (`32d`, `1h30m`, or 0) in ms, or undefined when it is not one. */
function durationFromYaml(raw: unknown): number | undefined {
  if (raw === 0) return 0;
  return typeof raw === 'string' ? parseDuration(raw) : undefined;
}
