import type { Service } from './service.js';

/**
 * Starts services in dependency order and stops them in reverse. When any service fails,
 * the manager stops all the others and reports the failure: a parent fails when a child
 * fails.
 */
export class ServiceManager {
  private readonly started: Service[] = [];
  private failedWith: { service: string; err: unknown } | undefined;
  private readonly failure: Promise<{ service: string; err: unknown }>;
  private notifyFailure!: (f: { service: string; err: unknown }) => void;

  /** @param ordered services in start order: every service after its dependencies. */
  constructor(private readonly ordered: readonly Service[]) {
    this.failure = new Promise((resolve) => (this.notifyFailure = resolve));
  }

  /** Starts every service in order. @throws the first starting error, after stopping the rest. */
  async start(): Promise<void> {
    for (const svc of this.ordered) {
      svc.onStateChange((_from, to) => {
        if (to === 'Failed' && !this.failedWith) {
          this.failedWith = { service: svc.name, err: svc.failureCase() };
          this.notifyFailure(this.failedWith);
        }
      });
      try {
        await svc.startAsync();
      } catch (err) {
        await this.stop();
        throw new Error(`start service ${svc.name}`, { cause: err });
      }
      this.started.push(svc);
    }
  }

  /** Resolves with the first failure of any service. */
  awaitFailure(): Promise<{ service: string; err: unknown }> {
    return this.failure;
  }

  /** Whether every service is Running. */
  healthy(): boolean {
    return this.ordered.every((s) => s.state() === 'Running');
  }

  /** Per-service states, for the `/services` page. */
  states(): { name: string; state: string }[] {
    return this.ordered.map((s) => ({ name: s.name, state: s.state() }));
  }

  /** Stops started services in reverse order. Never throws. */
  async stop(): Promise<void> {
    for (const svc of [...this.started].reverse()) await svc.stopAsync();
    this.started.length = 0;
  }
}
