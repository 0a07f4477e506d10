import { join } from 'node:path';
import { freePort } from './ports.js';
import { startProcess, waitReady, type RunningProcess } from './process.js';

const root = join(import.meta.dirname, '../..');

/** A running Epimetheus binary (built by `npm run build`, as users run it). */
export interface EpimetheusProcess extends RunningProcess {
  readonly url: string;
  readonly httpPort: number;
}

/** Starts `dist/services/app/main.js` with `args` and waits until `/ready` answers 200. */
export async function startEpimetheus(opts: {
  dataDir: string;
  args?: string[];
  httpPort?: number;
  logFile: string;
  waitForReady?: boolean;
}): Promise<EpimetheusProcess> {
  const httpPort = opts.httpPort ?? (await freePort());
  const grpcPort = await freePort();
  const proc = startProcess(
    process.execPath,
    [
      join(root, 'dist/services/app/main.js'),
      `--server.http-listen-address=127.0.0.1`,
      `--server.http-listen-port=${httpPort}`,
      `--server.grpc-listen-port=${grpcPort}`,
      `--data.dir=${opts.dataDir}`,
      ...(opts.args ?? []),
    ],
    opts.logFile,
  );
  const url = `http://127.0.0.1:${httpPort}`;
  if (opts.waitForReady !== false) await waitReady(`${url}/ready`, 120_000, proc);
  return { ...proc, url, httpPort };
}
