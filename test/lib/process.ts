import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { poll } from '../../libs/services/index.js';

/** A child process a test started, with its output captured to a log file. */
export interface RunningProcess {
  readonly child: ChildProcess;
  readonly logFile: string;
  /** Sends `signal` and waits for the process to exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  exited(): boolean;
}

/** Spawns `cmd args`, writing stdout and stderr to `logFile`. */
export function startProcess(cmd: string, args: string[], logFile: string, env: NodeJS.ProcessEnv = {}): RunningProcess {
  mkdirSync(dirname(logFile), { recursive: true });
  const out = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  let done = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      done = true;
      resolve();
    }),
  );
  return {
    child,
    logFile,
    exited: () => done,
    kill: async (signal = 'SIGTERM') => {
      if (!done) child.kill(signal);
      await exit;
    },
  };
}

/** Polls `url` until it answers 200. */
export async function waitReady(url: string, timeoutMs = 60_000, proc?: RunningProcess): Promise<void> {
  let exited = false;
  await poll(
    async () => {
      exited = proc?.exited() ?? false;
      if (exited) return true;
      const res = await fetch(url).catch(() => undefined);
      return res?.status === 200;
    },
    { timeoutMs, intervalMs: 100, what: `${url} to be ready` },
  );
  if (exited) {
    const tail = readFileSync(proc!.logFile, 'utf8').split('\n').slice(-5).join('\n');
    throw new Error(`process exited before ${url} was ready; log ${proc!.logFile} ends:\n${tail}`);
  }
}
