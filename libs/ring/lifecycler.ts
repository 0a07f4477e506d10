import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { KVClient } from '../kv/index.js';
import { BasicService, sleep } from '../services/index.js';
import { LifecyclerMetrics } from './metrics.js';
import {
  type InstanceDesc,
  type InstanceState,
  type RingDesc,
  decodeRingDesc,
  encodeRingDesc,
  generateTokens,
  instancesToForget,
  takenTokens,
  withInstance,
  withoutInstances,
} from './model.js';

/** Resolved configuration of a `Lifecycler`. A `RingConfig` plus `key` fills every field but the last two. */
export interface LifecyclerConfig {
  /** The ring's KV key, e.g. `ring/ingester`. */
  readonly key: string;
  readonly instanceId: string;
  readonly instanceAddr: string;
  readonly instanceZone: string;
  /** Tokens to own; a re-joining instance keeps its tokens and gets only the missing ones. */
  readonly numTokens: number;
  readonly heartbeatPeriodMs: number;
  /** Other instances silent for longer than this are removed at each heartbeat; ≤ 0 never. */
  readonly forgetPeriodMs: number;
  /** Stay in the ring (as LEAVING) after stopping, e.g. for a restart that keeps the tokens. @default false */
  readonly keepInstanceOnShutdown?: boolean;
  /** Go from JOINING to ACTIVE by itself at start; false leaves it to `changeState`. @default true */
  readonly autoJoin?: boolean;
}

/** Logger, registry and (for tests) the clock of a ring component. */
export interface RingComponentOptions {
  readonly logger: Logger;
  readonly registry: Registry;
  /** Milliseconds since the epoch. @default Date.now */
  readonly now?: () => number;
}

/**
 * Keeps one instance registered in a ring, after dskit's `BasicLifecycler`:
 *
 * - starting: registers the instance as JOINING with `numTokens` random tokens, or takes over the
 *   tokens, state and registration time an instance with the same id left in the ring; then, with
 *   `autoJoin`, moves it to ACTIVE.
 * - running: heartbeats every `heartbeatPeriodMs`. Each heartbeat writes this instance's own view
 *   (address, zone, state, tokens), so it re-registers an instance that vanished (forgotten, or the
 *   KV restarted empty), and removes other instances silent for longer than `forgetPeriodMs`. A
 *   failed heartbeat (KV unavailable) is logged and counted, and the next one tries again.
 * - stopping: moves the instance to LEAVING and, unless `keepInstanceOnShutdown`, removes it.
 *   @throws (service failure) when the KV cannot be written while stopping.
 *
 * Every write is a CAS on the ring key, so any number of lifecyclers and rings share it safely.
 */
export class Lifecycler extends BasicService {
  readonly instanceId: string;
  private readonly kv: KVClient;
  private readonly logger: Logger;
  private readonly metrics: LifecyclerMetrics;
  private readonly now: () => number;
  private currentState: InstanceState = 'PENDING';
  private currentTokens: readonly number[] = [];
  private registeredAt = 0;

  constructor(
    private readonly config: LifecyclerConfig,
    deps: { kv: KVClient },
    options: RingComponentOptions,
  ) {
    super(`lifecycler-${config.key}`, {
      starting: (signal) => this.register(signal),
      running: (signal) => this.heartbeatLoop(signal),
      stopping: () => this.unregister(),
    });
    this.instanceId = config.instanceId;
    this.kv = deps.kv;
    this.logger = options.logger.child({
      component: 'ring-lifecycler',
      ring: config.key,
      instance: config.instanceId,
    });
    this.metrics = new LifecyclerMetrics(options.registry);
    this.now = options.now ?? Date.now;
  }

  /**
   * The state this instance holds: what every heartbeat writes. A `changeState` in progress
   * already shows here.
   */
  instanceState(): InstanceState {
    return this.currentState;
  }

  /** The tokens this instance owns, ascending. Empty before registration. */
  tokens(): readonly number[] {
    return this.currentTokens;
  }

  /**
   * Writes `state` for this instance (e.g. ACTIVE once an ingester finished replaying its WAL).
   * @throws the KV's error when the write fails; the local state is then restored.
   */
  async changeState(state: InstanceState): Promise<void> {
    // Set first: a heartbeat whose CAS retries meanwhile must write the new state, not the old.
    const previous = this.currentState;
    this.currentState = state;
    try {
      await this.writeSelf();
    } catch (err) {
      if (this.currentState === state) this.currentState = previous;
      throw err;
    }
    this.logger.info({ state }, 'ring instance state changed');
  }

  /** Heartbeats now, outside the schedule. @throws the KV's error when the write fails. */
  async heartbeat(): Promise<void> {
    await this.writeSelf();
  }

  private async register(signal: AbortSignal): Promise<void> {
    let mine: InstanceDesc | undefined;
    let dead: string[] = [];
    await this.kv.cas(this.config.key, (old) => {
      const desc = decodeRingDesc(old);
      mine = this.registration(desc, desc.instances[this.instanceId]);
      dead = this.deadOthers(desc);
      return { value: encodeRingDesc(withoutInstances(withInstance(desc, mine), dead)), retry: false };
    });
    this.reportForgotten(dead);
    this.adopt(mine!);
    this.logger.info({ state: mine!.state, tokens: mine!.tokens.length }, 'ring instance registered');
    if ((this.config.autoJoin ?? true) && this.currentState !== 'ACTIVE' && !signal.aborted) {
      await this.changeState('ACTIVE');
    }
  }

  /** This instance as it registers: taking over what a previous incarnation left in `desc`. */
  private registration(desc: RingDesc, previous: InstanceDesc | undefined): InstanceDesc {
    const now = this.now();
    let tokens = previous?.tokens ?? [];
    if (tokens.length < this.config.numTokens) {
      const taken = takenTokens(desc, this.instanceId);
      for (const t of tokens) taken.add(t);
      tokens = [...tokens, ...generateTokens(this.config.numTokens - tokens.length, taken)].sort(
        (a, b) => a - b,
      );
    }
    return {
      id: this.instanceId,
      addr: this.config.instanceAddr,
      zone: this.config.instanceZone,
      // A restarted ACTIVE instance stays ACTIVE, so writes do not move away and back.
      state: previous?.state === 'ACTIVE' ? 'ACTIVE' : 'JOINING',
      tokens,
      registeredTimestamp: previous?.registeredTimestamp ?? now,
      heartbeatTimestamp: now,
    };
  }

  private adopt(d: InstanceDesc): void {
    this.currentState = d.state;
    this.currentTokens = d.tokens;
    this.registeredAt = d.registeredTimestamp;
  }

  /** Writes this instance's own view and a fresh heartbeat; forgets the dead. */
  private async writeSelf(): Promise<void> {
    let dead: string[] = [];
    await this.kv.cas(this.config.key, (old) => {
      const desc = decodeRingDesc(old);
      const self: InstanceDesc = {
        id: this.instanceId,
        addr: this.config.instanceAddr,
        zone: this.config.instanceZone,
        state: this.currentState, // Read at every attempt: the latest state wins.
        tokens: this.currentTokens,
        registeredTimestamp: desc.instances[this.instanceId]?.registeredTimestamp ?? this.registeredAt,
        heartbeatTimestamp: this.now(),
      };
      dead = this.deadOthers(desc);
      return { value: encodeRingDesc(withoutInstances(withInstance(desc, self), dead)), retry: false };
    });
    this.reportForgotten(dead);
  }

  /** The instances other than this one silent for the forget period. */
  private deadOthers(desc: RingDesc): string[] {
    return instancesToForget(desc, this.config.forgetPeriodMs, this.now()).filter(
      (id) => id !== this.instanceId,
    );
  }

  private reportForgotten(dead: readonly string[]): void {
    if (dead.length === 0) return;
    this.metrics.forgotten.inc({ ring: this.config.key }, dead.length);
    this.logger.warn({ forgotten: dead }, 'forgot ring instances that stopped heartbeating');
  }

  /**
   * Heartbeats every period. A heartbeat still pending a period later (the KV is down and the
   * client waits through reconnects) counts as failed and no second one is started beside it; the
   * loop waits for it before returning, so no heartbeat can land after unregistering.
   */
  private async heartbeatLoop(signal: AbortSignal): Promise<void> {
    let inflight: Promise<void> | undefined;
    while (!signal.aborted) {
      await sleep(this.config.heartbeatPeriodMs, signal);
      if (signal.aborted) break;
      if (inflight !== undefined) {
        this.metrics.heartbeats.inc({ ring: this.config.key, outcome: 'failed' });
        this.logger.warn('ring heartbeat still pending after a heartbeat period');
        continue;
      }
      inflight = this.beat().finally(() => {
        inflight = undefined;
      });
    }
    await inflight;
  }

  /** One scheduled heartbeat; never rejects (failures are counted and logged). */
  private async beat(): Promise<void> {
    try {
      await this.heartbeat();
      this.metrics.heartbeats.inc({ ring: this.config.key, outcome: 'ok' });
    } catch (err) {
      this.metrics.heartbeats.inc({ ring: this.config.key, outcome: 'failed' });
      this.logger.warn({ err }, 'ring heartbeat failed; retrying at the next period');
    }
  }

  private async unregister(): Promise<void> {
    if (this.currentTokens.length === 0) return; // Never registered.
    await this.changeState('LEAVING');
    if (this.config.keepInstanceOnShutdown ?? false) return;
    await this.kv.cas(this.config.key, (old) => {
      const desc = decodeRingDesc(old);
      if (!(this.instanceId in desc.instances)) return { value: null, retry: false };
      return { value: encodeRingDesc(withoutInstances(desc, [this.instanceId])), retry: false };
    });
    this.logger.info('ring instance unregistered');
  }
}
