import { readFile } from 'node:fs/promises';
import type { Logger } from 'pino';
import { Gauge, type Registry } from 'prom-client';
import type { FlagDef } from '../config/index.js';
import { BasicService, sleep, waitAborted } from '../services/index.js';
import { type Limits, LimitsConfigError, limitsFromFlags } from './limits.js';
import { RuntimeConfigError, type TenantLimits, parseRuntimeConfig } from './runtime-config.js';

/** Anything that answers a tenant's limits: an `Overrides`, or a fixed set in tests. */
export interface LimitsSource {
  /** The tenant's complete limits. Must be fast: called on every request. */
  limitsFor(tenant: string): Readonly<Limits>;
}

/** Configuration of an `Overrides`. */
export interface OverridesConfig {
  /** Limits of every tenant the runtime config file does not name, and the base of those it does. */
  readonly defaults: Readonly<Limits>;
  /** Path of the runtime config file; '' means no file, every tenant gets the defaults. @default '' */
  readonly file: string;
  /** How often the file is read again, in ms. @default 10000 (`10s`) */
  readonly reloadPeriodMs: number;
}

/** The runtime config flags: `--runtime-config.file` and `--runtime-config.reload-period`. */
export const RUNTIME_CONFIG_FLAGS: readonly FlagDef[] = Object.freeze([
  {
    name: 'runtime-config.file',
    type: 'string',
    default: '',
    help: 'YAML file of per-tenant limit overrides (overrides: {<tenant>: {ingestion_rate: ...}}), reloaded while running.',
  },
  {
    name: 'runtime-config.reload-period',
    type: 'duration',
    default: 10_000,
    help: 'How often the runtime config file is read again.',
  },
] satisfies FlagDef[]);

/**
 * Builds an `OverridesConfig` from parsed flag values: the defaults from every limit flag (see
 * `limitsFromFlags`) and the two runtime config flags.
 * @throws LimitsConfigError naming the flag of an invalid value.
 */
export function overridesConfigFromFlags(values: ReadonlyMap<string, unknown>): OverridesConfig {
  const file = values.get('runtime-config.file') ?? '';
  const reloadPeriodMs = values.get('runtime-config.reload-period') ?? 10_000;
  if (typeof reloadPeriodMs !== 'number' || !(reloadPeriodMs > 0)) {
    throw new LimitsConfigError('invalid --runtime-config.reload-period: must be positive');
  }
  return { defaults: Object.freeze(limitsFromFlags(values)), file: String(file), reloadPeriodMs };
}

/**
 * Per-tenant limits: the defaults, overridden per tenant by the runtime config file, after Mimir's
 * `validation.Overrides` with its runtime config manager.
 *
 * - starting reads and validates the file. @throws RuntimeConfigError naming the file and the bad
 *   key, so a broken file stops the process at start-up.
 * - running reads the file every `reloadPeriodMs`. A valid file replaces every tenant's limits at
 *   once; an unreadable or invalid one is logged, the last good limits stay in force, and the gauge
 *   `epimetheus_runtime_config_last_reload_successful` drops to 0 until a reload succeeds.
 *
 * `limitsFor` is a map lookup returning a shared frozen object; callers must not keep it across
 * requests if they want to see reloads.
 */
export class Overrides extends BasicService implements LimitsSource {
  private readonly defaults: Readonly<Limits>;
  private tenants: TenantLimits = new Map();
  private lastText: string | undefined;
  private readonly logger: Logger;
  private readonly lastReloadSuccessful: Gauge;

  constructor(
    private readonly config: OverridesConfig,
    options: { logger: Logger; registry: Registry },
  ) {
    super('runtime-config', {
      starting: () => this.load(),
      running: (signal) => this.reloadLoop(signal),
    });
    this.defaults = Object.freeze({ ...config.defaults });
    this.logger = options.logger.child({ component: 'runtime-config', file: config.file });
    this.lastReloadSuccessful = new Gauge({
      name: 'epimetheus_runtime_config_last_reload_successful',
      help: 'Whether the last read of the runtime config file succeeded (1) or failed and the previous limits are kept (0).',
      registers: [options.registry],
    });
    this.lastReloadSuccessful.set(1);
  }

  /** The tenant's limits: its overrides on the defaults, or the defaults. Never throws. */
  limitsFor(tenant: string): Readonly<Limits> {
    return this.tenants.get(tenant) ?? this.defaults;
  }

  /** The default limits (those of tenants without overrides). */
  defaultLimits(): Readonly<Limits> {
    return this.defaults;
  }

  /** Tenants the runtime config file currently overrides, sorted. */
  overriddenTenants(): string[] {
    return [...this.tenants.keys()].sort();
  }

  private async load(): Promise<void> {
    if (this.config.file === '') return;
    await this.reload();
    this.lastReloadSuccessful.set(1);
  }

  private async reloadLoop(signal: AbortSignal): Promise<void> {
    if (this.config.file === '') return waitAborted(signal);
    while (!signal.aborted) {
      await sleep(this.config.reloadPeriodMs, signal);
      if (signal.aborted) return;
      try {
        await this.reload();
        this.lastReloadSuccessful.set(1);
      } catch (err) {
        this.lastReloadSuccessful.set(0);
        this.logger.error({ err }, 'runtime config reload failed; keeping the last good limits');
      }
    }
  }

  /** Reads and applies the file. @throws RuntimeConfigError; the current limits stay then. */
  private async reload(): Promise<void> {
    const file = this.config.file;
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      throw new RuntimeConfigError(file, `read: ${(err as Error).message}`, { cause: err });
    }
    if (text === this.lastText) return;
    this.tenants = parseRuntimeConfig(text, this.defaults, file);
    this.lastText = text;
    this.logger.info({ tenants: this.tenants.size }, 'runtime config loaded');
  }
}

/** A `LimitsSource` giving every tenant `limits`, or the `perTenant` entry when there is one (tests, tools). */
export function staticLimits(
  limits: Readonly<Limits>,
  perTenant: ReadonlyMap<string, Readonly<Limits>> = new Map(),
): LimitsSource {
  return { limitsFor: (tenant) => perTenant.get(tenant) ?? limits };
}
