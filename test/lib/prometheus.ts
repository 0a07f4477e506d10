import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './ports.js';
import { startProcess, waitReady, type RunningProcess } from './process.js';

/** Path of a Debian-packaged binary, installing the `prometheus` package when missing. */
export function promBinary(name: 'prometheus' | 'promtool'): string {
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`]).toString().trim();
  } catch {
    execFileSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq prometheus'], {
      stdio: 'inherit',
    });
    return execFileSync('sh', ['-c', `command -v ${name}`]).toString().trim();
  }
}

/** A running real Prometheus server. */
export interface PrometheusProcess extends RunningProcess {
  readonly url: string;
  readonly port: number;
}

/**
 * Starts Debian's Prometheus with `configYaml` (in which `PROM_PORT` is replaced by its
 * own port) and waits until it is ready.
 */
export async function startPrometheus(opts: { dir: string; configYaml: string; extraArgs?: string[] }): Promise<PrometheusProcess> {
  const port = await freePort();
  const configFile = join(opts.dir, 'prometheus.yml');
  writeFileSync(configFile, opts.configYaml.replaceAll('PROM_PORT', String(port)));
  const proc = startProcess(
    promBinary('prometheus'),
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${join(opts.dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      ...(opts.extraArgs ?? []),
    ],
    join(opts.dir, 'prometheus.log'),
  );
  const url = `http://127.0.0.1:${port}`;
  await waitReady(`${url}/-/ready`, 60_000, proc);
  return { ...proc, url, port };
}
