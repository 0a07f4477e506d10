import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { parseDuration } from './duration.js';

/** The value kinds a flag can hold. Durations are parsed to milliseconds. */
export type FlagType = 'string' | 'int' | 'float' | 'bool' | 'duration' | 'list';

/** Maps a flag type to the TypeScript type of its parsed value. */
export type FlagValue<K extends FlagType> = K extends 'string'
  ? string
  : K extends 'bool'
    ? boolean
    : K extends 'list'
      ? string[]
      : number;

/**
 * One command-line flag, e.g. `--server.http-listen-port`. The YAML key is derived: the
 * dotted path with dashes turned to underscores (`server: { http_listen_port: 8080 }`).
 */
export interface FlagDef<K extends FlagType = FlagType> {
  /** Flag name without the leading dashes, `component.kebab-name`. */
  readonly name: string;
  readonly type: K;
  readonly default: FlagValue<K>;
  readonly help: string;
}

/** Thrown for unknown flags, bad values or a config file that cannot be read. */
export class ConfigError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ConfigError';
  }
}

/** The parsed value of every registered flag, keyed by flag name. */
export type FlagValues = ReadonlyMap<string, string | number | boolean | string[]>;

/**
 * A set of flag definitions from every component. Parsing layers defaults, then the YAML
 * file named by `--config.file`, then command-line flags, so the command line wins.
 */
export class FlagSet {
  private readonly defs = new Map<string, FlagDef>();

  /** Registers flags. @throws ConfigError when a name is registered twice. */
  register(defs: readonly FlagDef[]): this {
    for (const d of defs) {
      if (this.defs.has(d.name)) throw new ConfigError(`flag --${d.name} registered twice`);
      this.defs.set(d.name, d);
    }
    return this;
  }

  /** All definitions, sorted by name (for `--help` and `/config`). */
  definitions(): FlagDef[] {
    return [...this.defs.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  /**
   * Parses `argv` (without node and script). Accepts `--name=value`, `--name value`,
   * `-name=value`, and bare `--bool-flag`. `--config.file` is read first.
   * @throws ConfigError naming the flag on any problem.
   */
  parse(argv: readonly string[]): FlagValues {
    const values = new Map<string, string | number | boolean | string[]>();
    for (const d of this.defs.values()) values.set(d.name, d.default);
    const cli = splitArgs(argv);
    const file = cli.get('config.file');
    if (typeof file === 'string') this.applyYaml(values, readConfigFile(file));
    for (const [name, raw] of cli) {
      if (name === 'config.file') continue;
      const def = this.defs.get(name);
      if (!def) throw new ConfigError(`unknown flag --${name}`);
      values.set(name, convert(def, raw, `--${name}`));
    }
    return values;
  }

  private applyYaml(values: Map<string, unknown>, doc: unknown): void {
    for (const [path, raw] of flatten(doc, '')) {
      const name = path.replace(/_/g, '-');
      const def = this.defs.get(name);
      if (!def) throw new ConfigError(`unknown config file key ${path}`);
      values.set(name, convert(def, raw, `config key ${path}`));
    }
  }
}

function readConfigFile(file: string): unknown {
  try {
    return parseYaml(readFileSync(file, 'utf8')) ?? {};
  } catch (err) {
    throw new ConfigError(`read config file ${file}`, { cause: err });
  }
}

function splitArgs(argv: readonly string[]): Map<string, string | true> {
  const out = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('-')) throw new ConfigError(`unexpected argument ${arg}`);
    const body = arg.replace(/^--?/, '');
    const eq = body.indexOf('=');
    if (eq >= 0) {
      out.set(body.slice(0, eq), body.slice(eq + 1));
      continue;
    }
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith('-')) {
      out.set(body, next);
      i++;
    } else {
      out.set(body, true);
    }
  }
  return out;
}

function* flatten(doc: unknown, prefix: string): Generator<[string, unknown]> {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    if (prefix) yield [prefix, doc];
    return;
  }
  for (const [k, v] of Object.entries(doc)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) yield* flatten(v, path);
    else yield [path, v];
  }
}

function convert(def: FlagDef, raw: unknown, where: string): string | number | boolean | string[] {
  const bad = (why: string): never => {
    throw new ConfigError(`invalid value ${JSON.stringify(raw)} for ${where}: ${why}`);
  };
  switch (def.type) {
    case 'string':
      return raw === true ? bad('a value is required') : String(raw);
    case 'bool':
      if (raw === true || raw === 'true' || raw === '1') return true;
      if (raw === false || raw === 'false' || raw === '0') return false;
      return bad('expected true or false');
    case 'int': {
      const n = Number(raw);
      return Number.isInteger(n) ? n : bad('expected an integer');
    }
    case 'float': {
      const n = Number(raw);
      return Number.isFinite(n) ? n : bad('expected a number');
    }
    case 'duration': {
      if (typeof raw === 'number') return raw * 1000;
      const ms = typeof raw === 'string' ? parseDuration(raw) : undefined;
      return ms ?? bad('expected a duration like 30s, 5m or 2h');
    }
    case 'list':
      if (Array.isArray(raw)) return raw.map(String);
      return raw === true ? bad('a value is required') : String(raw).split(',').filter(Boolean);
  }
}
