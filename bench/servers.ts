/**
 * Starting and stopping the two servers under test on loopback: Epimetheus (the built binary) and
 * the reference Prometheus. Each gets free ports and its own directory under the run's temp dir,
 * and is stopped with SIGTERM, then SIGKILL after a grace period.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { writeFile, mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { processTree } from './procstat.js';

/** Which server a handle runs. */
export type ServerKind = 'epimetheus' | 'prometheus';

/** A running server. */
export interface Server {
  readonly kind: ServerKind;
  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  /** Remote write 1.0 endpoint. */
  readonly pushUrl: string;
  /** Process id of the server itself. */
  readonly pid: number;
  /** Where the server keeps its data. */
  readonly dataDir: string;
  /** File that holds the server's stdout and stderr. */
  readonly logFile: string;
  /** Seconds from spawn to a 200 from its readiness endpoint. */
  readonly startSeconds: number;
  /** Stops the server (SIGTERM, SIGKILL after `graceMs`); resolves once it has exited. Idempotent. */
  stop(graceMs?: number): Promise<void>;
  /**
   * Kills the server's whole process tree with SIGKILL, as a crash would: nothing is flushed, so
   * a restart on the same data has to replay its WAL or log. Resolves once it has exited.
   */
  kill(): Promise<void>;
  /** Whether the process has exited, and with what. */
  exited(): { code: number | null; signal: string | null } | undefined;
}

/** Where to find the binaries. */
export interface ServerPaths {
  /** Path of the built Epimetheus entry point (`dist/services/app/main.js`). */
  epimetheusMain: string;
  /** Path of the Prometheus binary. */
  prometheusBin: string;
}

/** Raised when a server cannot be started or dies; the runner exits non-zero on it. */
export class ServerError extends Error {
  override name = 'ServerError';
}

/** Returns a TCP port that was free on 127.0.0.1 a moment ago. */
export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => (port > 0 ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}

/**
 * Starts a server of `kind` with its data under `dir` and waits (at most `readyTimeoutMs`) until
 * it reports ready. `track` is called with the child at once, so a signal handler can kill it even
 * while this is still waiting. Starting again on the same `dir` reuses the data (a restart); give
 * it another `logName` to keep the first run's log. @throws ServerError when the binary is
 * missing, exits, or is not ready in time (the message carries the tail of its log).
 */
export async function startServer(
  kind: ServerKind,
  dir: string,
  paths: ServerPaths,
  track: (child: ChildProcess) => void,
  readyTimeoutMs = 60_000,
  logName = 'server.log',
): Promise<Server> {
  const dataDir = join(dir, 'data');
  await mkdir(dataDir, { recursive: true });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let cmd: string;
  let args: string[];
  let readyPath: string;
  let pushPath: string;
  if (kind === 'prometheus') {
    if (!existsSync(paths.prometheusBin)) {
      throw new ServerError(
        `${paths.prometheusBin} not found: install it with apt-get install -y prometheus`,
      );
    }
    const config = join(dir, 'prometheus.yml');
    // No scrape jobs: Prometheus only receives what the benchmark writes.
    await writeFile(config, 'global:\n  scrape_interval: 15s\nscrape_configs: []\n');
    cmd = paths.prometheusBin;
    args = [
      '--web.enable-remote-write-receiver',
      `--storage.tsdb.path=${dataDir}`,
      `--web.listen-address=127.0.0.1:${port}`,
      `--config.file=${config}`,
    ];
    readyPath = '/-/ready';
    pushPath = '/api/v1/write';
  } else {
    if (!existsSync(paths.epimetheusMain)) {
      throw new ServerError(`${paths.epimetheusMain} not found: run \`npm run build\` first`);
    }
    cmd = process.execPath;
    args = [
      paths.epimetheusMain,
      '--target=all',
      '--server.http-listen-address=127.0.0.1',
      `--server.http-listen-port=${port}`,
      `--server.grpc-listen-port=${await freePort()}`,
      `--data.dir=${dataDir}`,
      // The benchmark measures storage, not the per-tenant limits: at 1M series the default
      // 150,000-series limit would discard most of the fleet.
      '--distributor.ingestion-rate-limit=0',
      '--ingester.max-global-series-per-user=0',
    ];
    readyPath = '/ready';
    pushPath = '/api/v1/push';
  }
  const logFile = join(dir, logName);
  const log = createWriteStream(logFile);
  const started = performance.now();
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  track(child);
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  let exit: { code: number | null; signal: string | null } | undefined;
  const exitedP = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      resolve();
    });
    child.once('error', (err) => {
      exit = { code: null, signal: `spawn error: ${err.message}` };
      resolve();
    });
  });
  const server: Server = {
    kind,
    url,
    pushUrl: url + pushPath,
    pid: child.pid ?? -1,
    dataDir,
    logFile,
    startSeconds: 0,
    exited: () => exit,
    stop: async (graceMs = 15_000) => {
      if (exit === undefined) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exitedP;
        clearTimeout(timer);
      }
      await new Promise<void>((resolve) => log.end(resolve));
    },
    kill: async () => {
      if (exit === undefined && child.pid !== undefined) {
        // The whole tree: a wrapper script (`--epimetheus`) must not leave the real server behind.
        for (const pid of processTree(child.pid).reverse()) {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            // Already gone.
          }
        }
        await exitedP;
      }
      await new Promise<void>((resolve) => log.end(resolve));
    },
  };
  await waitReady(server, url + readyPath, readyTimeoutMs);
  return { ...server, startSeconds: (performance.now() - started) / 1000 };
}

async function waitReady(server: Server, readyUrl: string, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  let last = 'no answer';
  while (performance.now() < deadline) {
    const ex = server.exited();
    if (ex !== undefined) {
      throw new ServerError(
        `${server.kind} exited during start-up (${ex.code ?? ex.signal}); see ${server.logFile}`,
      );
    }
    try {
      const res = await fetch(readyUrl, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    await sleep(100);
  }
  await server.stop(2000);
  throw new ServerError(`${server.kind} not ready after ${timeoutMs} ms (${last}); see ${server.logFile}`);
}
