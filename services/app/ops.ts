import type { Registry } from 'prom-client';
import { sendJson, sendText, type Router } from '../../libs/server/index.js';
import type { ServiceManager } from '../../libs/services/index.js';

/** Something that can hold readiness back, e.g. an ingester replaying its log. */
export interface ReadinessCheck {
  readonly name: string;
  /** `undefined` when ready, else why not (shown by `/ready`). */
  notReadyReason(): string | undefined;
}

/**
 * Operational endpoints every target serves: `/ready` (503 until every service runs and
 * every readiness check passes), `/metrics`, `/config`, `/services`.
 */
export function registerOpsRoutes(
  router: Router,
  deps: {
    registry: Registry;
    manager: () => ServiceManager | undefined;
    checks: readonly ReadinessCheck[];
    config: () => string;
  },
): void {
  router.add('GET', '/ready', (_req, res) => {
    const mgr = deps.manager();
    if (!mgr || !mgr.healthy()) {
      sendText(res, 503, 'not ready: services are starting\n');
      return;
    }
    for (const c of deps.checks) {
      const why = c.notReadyReason();
      if (why !== undefined) {
        sendText(res, 503, `not ready: ${c.name}: ${why}\n`);
        return;
      }
    }
    sendText(res, 200, 'ready\n');
  });
  router.add('GET', '/metrics', async (_req, res) => {
    sendText(res, 200, await deps.registry.metrics(), deps.registry.contentType);
  });
  router.add('GET', '/config', (_req, res) => sendText(res, 200, deps.config(), 'text/yaml; charset=utf-8'));
  router.add('GET', '/services', (_req, res) => sendJson(res, 200, deps.manager()?.states() ?? []));
}
