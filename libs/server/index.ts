export type { Params, Handler } from './router.js';
export { Router } from './router.js';
export { readBody, sendJson, sendJsonParts, sendText, readParams } from './http.js';
export type { HttpServerConfig } from './server.js';
export { HttpServer } from './server.js';
export { DEFAULT_TENANT, TENANT_HEADER, tenantOf, validateTenantId } from './tenant.js';
