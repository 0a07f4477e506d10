import { formatDuration } from '../config/index.js';
import { EpimetheusError } from '../errors/index.js';
import { type LimitName, limitDef } from './limits.js';

/**
 * The stable error id of limit `name`: `err-epimetheus-` and the override key in kebab case, e.g.
 * `err-epimetheus-max-global-series-per-user`. The list is in this library's README.
 */
export function limitErrorId(name: LimitName): string {
  return `err-epimetheus-${limitDef(name).yamlKey.replaceAll('_', '-')}`;
}

/** The ingestion rate limits are retriable (429); every other limit rejects for good. */
function categoryOf(name: LimitName): 'rate_limited' | 'tenant_limit' {
  return name === 'ingestionRate' || name === 'ingestionBurstSize' ? 'rate_limited' : 'tenant_limit';
}

/** A limit value as a user writes it: durations like `32d`. */
export function formatLimitValue(name: LimitName, value: number | boolean | string): string {
  if (limitDef(name).type === 'duration' && typeof value === 'number') return formatDuration(value);
  return String(value);
}

/**
 * The error a request gets when tenant `tenant` hits limit `name` whose value is `value`.
 * `message` says what happened (`per-tenant series limit reached`); the error appends the limit,
 * its value, its id, and both the flag (the default for every tenant) and the runtime config key
 * (this tenant only) that change it.
 *
 * @returns an `EpimetheusError` with category `rate_limited` for `ingestionRate` and
 *   `ingestionBurstSize` (429, the sender retries), `tenant_limit` otherwise; `id` is
 *   `limitErrorId(name)`.
 */
export function limitError(
  name: LimitName,
  value: number | boolean | string,
  tenant: string,
  message: string,
): EpimetheusError {
  const d = limitDef(name);
  const id = limitErrorId(name);
  return new EpimetheusError(
    categoryOf(name),
    `${message}: tenant ${JSON.stringify(tenant)} has ${d.yamlKey} = ${formatLimitValue(name, value)} (${id}); ` +
      `to change it, set --${d.flag} for every tenant, or overrides.${tenant}.${d.yamlKey} in the runtime config file`,
    { id },
  );
}
