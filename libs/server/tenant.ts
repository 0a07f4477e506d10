import type { IncomingMessage } from 'node:http';
import { EpimetheusError } from '../errors/index.js';

/** The tenant used for every request when multi-tenancy is disabled. */
export const DEFAULT_TENANT = 'anonymous';

/** The header that carries the tenant id, as in Cortex, Mimir and Loki. */
export const TENANT_HEADER = 'x-scope-orgid';

const TENANT_RE = /^[a-zA-Z0-9!\-_.*'()]{1,150}$/;

/**
 * Resolves the tenant of a request.
 * @throws EpimetheusError `unauthenticated` when multi-tenancy is on and the header is
 *   missing, `bad_data` when the id has characters or a length a tenant id may not have.
 */
export function tenantOf(req: IncomingMessage, multitenancy: boolean): string {
  if (!multitenancy) return DEFAULT_TENANT;
  const raw = req.headers[TENANT_HEADER];
  const id = Array.isArray(raw) ? raw[0] : raw;
  if (id === undefined || id === '') {
    throw new EpimetheusError(
      'unauthenticated',
      'no org id: the X-Scope-OrgID header is required when --auth.multitenancy-enabled=true',
      { id: 'err-epimetheus-missing-org-id' },
    );
  }
  validateTenantId(id);
  return id;
}

/** @throws EpimetheusError `bad_data` for an id that is not a valid tenant id. */
export function validateTenantId(id: string): void {
  if (!TENANT_RE.test(id) || id === '.' || id === '..') {
    throw new EpimetheusError(
      'bad_data',
      `invalid tenant id ${JSON.stringify(id.slice(0, 160))}: 1 to 150 characters of a-z A-Z 0-9 ! - _ . * ' ( ), not "." or ".."`,
      { id: 'err-epimetheus-invalid-tenant-id' },
    );
  }
}
