import { mkdtemp, rename, rm, writeFile as writeFileInPlace } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { poll } from '../services/index.js';
import { DEFAULT_LIMITS, Overrides, RuntimeConfigError, overridesConfigFromFlags } from './index.js';

const logger = pino({ level: 'silent' });

/** Replaces a file atomically, as Kubernetes updates a mounted ConfigMap, so no reload sees it half written. */
async function writeFile(file: string, text: string): Promise<void> {
  await writeFileInPlace(`${file}.tmp`, text);
  await rename(`${file}.tmp`, file);
}

async function gauge(registry: Registry): Promise<number | undefined> {
  const m = await registry.getSingleMetric('epimetheus_runtime_config_last_reload_successful')?.get();
  return m?.values[0]?.value;
}

describe('Overrides', () => {
  let dir: string;
  let file: string;
  const services: Overrides[] = [];

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'limits-'));
    file = path.join(dir, 'runtime.yaml');
  });
  afterEach(async () => {
    for (const s of services.splice(0)) await s.stopAsync();
    await rm(dir, { recursive: true, force: true });
  });

  function overrides(reloadPeriodMs = 20, registry = new Registry()): Overrides {
    const o = new Overrides({ defaults: DEFAULT_LIMITS, file, reloadPeriodMs }, { logger, registry });
    services.push(o);
    return o;
  }

  it('gives every tenant the defaults without a file', async () => {
    const o = new Overrides(
      { defaults: DEFAULT_LIMITS, file: '', reloadPeriodMs: 10 },
      { logger, registry: new Registry() },
    );
    services.push(o);
    await o.startAsync();
    expect(o.limitsFor('anyone')).toEqual(DEFAULT_LIMITS);
    expect(o.overriddenTenants()).toEqual([]);
  });

  it('loads the file at start-up: overrides on the defaults, others unchanged', async () => {
    await writeFile(
      file,
      'overrides:\n  big:\n    ingestion_rate: 50000\n    max_global_series_per_user: 0\n',
    );
    const o = overrides();
    await o.startAsync();
    expect(o.limitsFor('big')).toEqual({
      ...DEFAULT_LIMITS,
      ingestionRate: 50_000,
      maxGlobalSeriesPerUser: 0,
    });
    expect(o.limitsFor('small')).toEqual(DEFAULT_LIMITS);
    // The hot path hands out one cached object per tenant.
    expect(o.limitsFor('big')).toBe(o.limitsFor('big'));
    expect(o.overriddenTenants()).toEqual(['big']);
  });

  it('picks up a changed file while running', async () => {
    await writeFile(file, 'overrides:\n  t:\n    ingestion_rate: 1\n');
    const o = overrides();
    await o.startAsync();
    expect(o.limitsFor('t').ingestionRate).toBe(1);
    await writeFile(file, 'overrides:\n  t:\n    ingestion_rate: 2\n  u:\n    max_query_length: 1h\n');
    await poll(() => o.limitsFor('t').ingestionRate === 2, { what: 'reload of ingestion_rate' });
    expect(o.limitsFor('u').maxQueryLengthMs).toBe(3_600_000);
    // A tenant removed from the file falls back to the defaults.
    await writeFile(file, 'overrides:\n  u: {}\n');
    await poll(() => o.limitsFor('t').ingestionRate === DEFAULT_LIMITS.ingestionRate, {
      what: 'tenant t dropped',
    });
  });

  it('keeps the last good limits when the file turns invalid, and says so in the gauge', async () => {
    const registry = new Registry();
    await writeFile(file, 'overrides:\n  t:\n    ingestion_rate: 7\n');
    const o = overrides(20, registry);
    await o.startAsync();
    expect(await gauge(registry)).toBe(1);

    await writeFile(file, 'overrides:\n  t:\n    ingestion_rate: 8\n    no_such_limit: 1\n');
    await poll(async () => (await gauge(registry)) === 0, { what: 'gauge at 0' });
    expect(o.limitsFor('t').ingestionRate).toBe(7);

    await writeFile(file, 'overrides:\n  t:\n    ingestion_rate: 8\n');
    await poll(async () => (await gauge(registry)) === 1 && o.limitsFor('t').ingestionRate === 8, {
      what: 'valid again',
    });

    await rm(file); // An unreadable file is a failed reload too.
    await poll(async () => (await gauge(registry)) === 0, { what: 'gauge at 0 for a missing file' });
    expect(o.limitsFor('t').ingestionRate).toBe(8);

    await writeFile(file, 'overrides:\n  t:\n    ingestion_rate: 9\n');
    await poll(async () => (await gauge(registry)) === 1 && o.limitsFor('t').ingestionRate === 9, {
      what: 'recovery',
    });
    expect(o.state()).toBe('Running');
  });

  it('fails start-up naming the file and the bad key', async () => {
    await writeFile(file, 'overrides:\n  t:\n    max_global_series_per_usr: 5\n');
    const o = overrides();
    const err = await o.startAsync().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(RuntimeConfigError);
    expect((err as Error).message).toContain(file);
    expect((err as Error).message).toContain('overrides.t.max_global_series_per_usr');
    expect(o.state()).toBe('Failed');
  });

  it('fails start-up when the file is missing', async () => {
    const o = overrides();
    await expect(o.startAsync()).rejects.toThrow(file);
  });

  it('builds its config from flags', () => {
    const c = overridesConfigFromFlags(
      new Map<string, unknown>([
        ['runtime-config.file', '/x.yaml'],
        ['runtime-config.reload-period', 5000],
        ['ingester.max-global-series-per-metric', 20],
      ]),
    );
    expect(c).toEqual({
      defaults: { ...DEFAULT_LIMITS, maxGlobalSeriesPerMetric: 20 },
      file: '/x.yaml',
      reloadPeriodMs: 5000,
    });
    expect(overridesConfigFromFlags(new Map())).toMatchObject({ file: '', reloadPeriodMs: 10_000 });
    expect(() => overridesConfigFromFlags(new Map([['runtime-config.reload-period', 0]]))).toThrow(
      '--runtime-config.reload-period',
    );
  });
});
