// Test helpers for the Redis tests: the address `npm run deps:up` writes to .deps/env, and a
// private redis-server a test may kill and restart. Not part of the public surface.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { poll } from '../services/index.js';

const ENV_FILE = fileURLToPath(new URL('../../.deps/env', import.meta.url));

/**
 * The value of `key` in .deps/env.
 * @throws Error telling to run `npm run deps:up` when the file or the key is missing, so these
 * tests fail instead of skipping.
 */
export function depsEnv(key: string): string {
  if (!existsSync(ENV_FILE)) {
    throw new Error(
      `${ENV_FILE} not found: run \`npm run deps:up\` to start Redis before the ring's Redis tests`,
    );
  }
  for (const line of readFileSync(ENV_FILE, 'utf8').split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0 && line.slice(0, eq).trim() === key && line.slice(eq + 1).trim() !== '')
      return line.slice(eq + 1).trim();
  }
  throw new Error(`.deps/env has no ${key}: run \`npm run deps:up\``);
}

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

/** A redis-server of the test's own without persistence: a restart comes back empty. */
export class PrivateRedis {
  private proc: ChildProcess | undefined;

  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    depsEnv('REDIS_URL'); // deps:up installs redis-server; say so if it has not run.
    this.proc = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: 'ignore',
      },
    );
    await poll(() => accepts(this.port), { timeoutMs: 10_000, what: `redis-server on port ${this.port}` });
  }

  /** SIGKILL, as a crash: nothing is saved. */
  async kill(): Promise<void> {
    const proc = this.proc;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGKILL');
    await exited;
  }
}
