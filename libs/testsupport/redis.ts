// Redis helpers for tests: clearing a key prefix on the shared Redis, and a private
// redis-server a test may kill and restart without disturbing anybody else.
import { type ChildProcess, spawn } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { Redis } from 'ioredis';
import { poll } from '../services/index.js';
import { depsEnv } from './deps-env.js';

/** Deletes every Redis key under `prefix`. */
export async function dropPrefix(url: string, prefix: string): Promise<void> {
  const admin = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await admin.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await admin.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    admin.disconnect();
  }
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = connect(port, '127.0.0.1');
    sock.once('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.once('error', () => resolve(false));
  });
}

/**
 * A redis-server of the test's own. Without `dir` it keeps nothing, so a restart comes back
 * empty; with `dir` it snapshots there, so a clean `stop` and `start` keep the data.
 */
export class PrivateRedis {
  private proc: ChildProcess | undefined;

  constructor(
    readonly port: number,
    private readonly dir?: string,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    depsEnv('REDIS_URL'); // deps:up installs redis-server; say so if it has not run.
    const persistence = this.dir ? ['--dir', this.dir, '--save', '3600 1'] : ['--save', ''];
    this.proc = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', ...persistence, '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    await poll(() => accepts(this.port), { timeoutMs: 10_000, what: `redis-server on port ${this.port}` });
  }

  /** SIGTERM: Redis saves its snapshot (with `dir`) and exits, as on a clean restart. */
  stop(): Promise<void> {
    return this.signal('SIGTERM');
  }

  /** SIGKILL, as a crash: nothing is saved. */
  kill(): Promise<void> {
    return this.signal('SIGKILL');
  }

  private async signal(sig: NodeJS.Signals): Promise<void> {
    const proc = this.proc;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill(sig);
    await exited;
  }
}
