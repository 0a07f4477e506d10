/**
 * The evaluation stack cannot be started here (no Docker engine), so this test checks that
 * docker-compose.yml, the Dockerfile and the configs they mount agree with each other:
 * files exist, hosts and ports line up, and provisioning paths match the mounts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = join(import.meta.dirname, '..');
const read = (p: string) => readFileSync(join(root, p), 'utf8');

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, unknown> | string[];
}
const compose = parse(read('docker-compose.yml')) as {
  services: Record<string, ComposeService>;
  volumes: Record<string, unknown>;
};
const services = compose.services;

/** The port a service listens on inside the network: from its flags, else its published ports. */
function listens(name: string, port: number): boolean {
  const svc = services[name];
  if (!svc) return false;
  const flagPort = (svc.command ?? []).some((a) => new RegExp(`listen-(port|address)=.*\\b${port}$`).test(a));
  const published = (svc.ports ?? []).some((p) => p.endsWith(`:${port}`));
  return flagPort || published;
}

function hostPort(url: string): [string, number] {
  const u = new URL(url.includes('://') ? url : `http://${url}`);
  return [u.hostname, Number(u.port || 80)];
}

function mounts(svc: string): { host: string; container: string }[] {
  return (services[svc]?.volumes ?? []).map((v) => {
    const [host, container] = v.split(':');
    return { host: host!, container: container! };
  });
}

describe('docker-compose.yml', () => {
  it('gives every service an image or a build whose Dockerfile exists', () => {
    for (const [name, svc] of Object.entries(services)) {
      expect(svc.image ?? svc.build, name).toBeDefined();
      if (svc.build) expect(existsSync(join(root, svc.build.context, svc.build.dockerfile)), name).toBe(true);
    }
  });

  it('mounts only files that exist and volumes that are declared', () => {
    for (const name of Object.keys(services)) {
      for (const m of mounts(name)) {
        if (m.host.startsWith('.')) expect(existsSync(join(root, m.host)), `${name}: ${m.host}`).toBe(true);
        else expect(compose.volumes, `${name}: volume ${m.host}`).toHaveProperty(m.host);
      }
    }
  });

  it('depends only on services it defines', () => {
    for (const [name, svc] of Object.entries(services)) {
      const deps = Array.isArray(svc.depends_on) ? svc.depends_on : Object.keys(svc.depends_on ?? {});
      for (const d of deps) expect(services, `${name} depends on ${d}`).toHaveProperty(d);
    }
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('deploy/Dockerfile');
  it('copies only paths that exist', () => {
    for (const m of dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)) {
      for (const src of m[1]!.split(' ')) expect(existsSync(join(root, src)), src).toBe(true);
    }
  });
  it('exposes the ports the epimetheus service publishes', () => {
    for (const p of services.epimetheus!.ports ?? []) {
      expect(dockerfile).toMatch(new RegExp(`EXPOSE .*\\b${p.split(':')[1]}\\b`));
    }
  });
  it('starts the binary that package.json names', () => {
    const pkg = JSON.parse(read('package.json')) as { bin: Record<string, string> };
    expect(dockerfile).toContain(pkg.bin.epimetheus!);
  });
});

describe('Prometheus config', () => {
  const promMount = mounts('prometheus').find((m) => m.container === '/etc/prometheus/prometheus.yml');
  const cfg = parse(read(promMount!.host)) as {
    remote_write: { url: string }[];
    scrape_configs: { job_name: string; static_configs: { targets: string[] }[] }[];
  };
  it('remote-writes to the push endpoint of the epimetheus service', () => {
    const [host, port] = hostPort(cfg.remote_write[0]!.url);
    expect(host).toBe('epimetheus');
    expect(listens(host, port)).toBe(true);
    expect(new URL(cfg.remote_write[0]!.url).pathname).toBe('/api/v1/push');
  });
  it('scrapes targets that are services of the stack', () => {
    for (const job of cfg.scrape_configs) {
      for (const t of job.static_configs.flatMap((s) => s.targets)) {
        const [host, port] = hostPort(t);
        const svc = host === 'localhost' ? job.job_name : host;
        expect(listens(svc, port), `${job.job_name}: ${t}`).toBe(true);
      }
    }
  });
});

describe('Grafana provisioning', () => {
  const prov = mounts('grafana').find((m) => m.container === '/etc/grafana/provisioning')!;
  const ds = parse(read(join(prov.host, 'datasources/epimetheus.yml'))) as {
    datasources: { uid: string; url: string; type: string }[];
  };
  it('points the data source at the epimetheus service API prefix', () => {
    const d = ds.datasources[0]!;
    expect(d.type).toBe('prometheus');
    const [host, port] = hostPort(d.url);
    expect(listens(host, port)).toBe(true);
    expect(new URL(d.url).pathname).toBe('/prometheus');
  });
  it('loads dashboards from the path that is mounted, using the provisioned data source', () => {
    const dp = parse(read(join(prov.host, 'dashboards/epimetheus.yml'))) as { providers: { options: { path: string } }[] };
    const dashMount = mounts('grafana').find((m) => m.container === dp.providers[0]!.options.path);
    expect(dashMount).toBeDefined();
    const files = readdirSync(join(root, dashMount!.host)).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const dash = JSON.parse(read(join(dashMount!.host, f))) as { panels: { datasource: { uid: string } }[] };
      for (const p of dash.panels) expect(p.datasource.uid).toBe(ds.datasources[0]!.uid);
    }
  });
});
