import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { poll } from '../../libs/services/index.js';
import { freePort } from './ports.js';
import { startProcess, type RunningProcess } from './process.js';

/** A private redis-server a test may kill and restart (empty, as after a crash without persistence). */
export interface PrivateRedis {
  readonly url: string;
  start(): Promise<void>;
  kill(): Promise<void>;
}

/** Prepares a private Redis on a free loopback port (Debian's redis-server, installed when missing). */
export async function privateRedis(dir: string): Promise<PrivateRedis> {
  let bin: string;
  try {
    bin = execFileSync('sh', ['-c', 'command -v redis-server']).toString().trim();
  } catch {
    execFileSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server'], { stdio: 'inherit' });
    bin = execFileSync('sh', ['-c', 'command -v redis-server']).toString().trim();
  }
  const port = await freePort();
  let proc: RunningProcess | undefined;
  return {
    url: `redis://127.0.0.1:${port}`,
    start: async () => {
      proc = startProcess(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], join(dir, 'redis.log'));
      await poll(
        () => {
          try {
            return execFileSync('redis-cli', ['-p', String(port), 'ping'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().includes('PONG');
          } catch {
            return false;
          }
        },
        { timeoutMs: 20_000, what: `redis on ${port}` },
      );
    },
    kill: async () => {
      await proc?.kill('SIGKILL');
    },
  };
}
