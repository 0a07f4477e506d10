import type { FlagSet} from '../../libs/config/index.js';
import { type FlagDef, type FlagValues } from '../../libs/config/index.js';

/** Every target the binary knows; `all` runs the single-process set. */
export const TARGETS = ['all', 'distributor', 'ingester', 'querier', 'store-gateway'] as const;
export type Target = (typeof TARGETS)[number];

/** Flags owned by the app itself: process-wide settings. */
export const APP_FLAGS: readonly FlagDef[] = [
  { name: 'target', type: 'string', default: 'all', help: `Services to run: ${TARGETS.join(', ')}.` },
  { name: 'server.http-listen-address', type: 'string', default: '0.0.0.0', help: 'HTTP listen address.' },
  { name: 'server.http-listen-port', type: 'int', default: 8080, help: 'HTTP listen port.' },
  { name: 'server.grpc-listen-port', type: 'int', default: 9095, help: 'gRPC listen port.' },
  {
    name: 'server.grpc-max-recv-msg-size-bytes',
    type: 'int',
    default: 100 << 20,
    help: 'Largest gRPC message the server accepts, in bytes; raised to --distributor.max-recv-msg-size when that is larger.',
  },
  { name: 'data.dir', type: 'string', default: './data', help: 'Directory for local state: log, WAL, blocks.' },
  {
    name: 'auth.multitenancy-enabled',
    type: 'bool',
    default: false,
    help: 'Require X-Scope-OrgID on every request; when false every request is tenant "anonymous".',
  },
  { name: 'log.level', type: 'string', default: 'info', help: 'Log level: debug, info, warn, error.' },
  { name: 'help', type: 'bool', default: false, help: 'Print flags and exit.' },
];

/** The process-wide part of the resolved configuration. */
export interface AppConfig {
  target: Target;
  httpAddress: string;
  httpPort: number;
  grpcPort: number;
  /**
   * Largest gRPC message accepted: the server flag, or the distributor's push limit when larger
   * (else a push the distributor allows would be refused by the transport, naming no flag).
   */
  grpcMaxRecvBytes: number;
  dataDir: string;
  multitenancy: boolean;
  logLevel: string;
}

/** Compiles the app's flags into `AppConfig`. @throws Error naming the flag when invalid. */
export function appConfig(v: FlagValues): AppConfig {
  const target = v.get('target') as string;
  if (!(TARGETS as readonly string[]).includes(target)) {
    throw new Error(`invalid --target=${target}: expected one of ${TARGETS.join(', ')}`);
  }
  const level = v.get('log.level') as string;
  if (!['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'].includes(level)) {
    throw new Error(`invalid --log.level=${level}: expected debug, info, warn or error`);
  }
  const grpcMax = v.get('server.grpc-max-recv-msg-size-bytes') as number;
  if (grpcMax <= 0) throw new Error(`invalid --server.grpc-max-recv-msg-size-bytes=${grpcMax}: must be positive`);
  return {
    target: target as Target,
    httpAddress: v.get('server.http-listen-address') as string,
    httpPort: v.get('server.http-listen-port') as number,
    grpcPort: v.get('server.grpc-listen-port') as number,
    grpcMaxRecvBytes: Math.max(grpcMax, (v.get('distributor.max-recv-msg-size') as number | undefined) ?? 0),
    dataDir: v.get('data.dir') as string,
    multitenancy: v.get('auth.multitenancy-enabled') as boolean,
    logLevel: level,
  };
}

/** Renders every flag with its value, for `/config` (YAML-ish, secrets masked). */
export function renderConfig(flags: FlagSet, values: FlagValues): string {
  const lines: string[] = [];
  for (const d of flags.definitions()) {
    const v = values.get(d.name);
    const shown = /secret|password/.test(d.name) && v ? '********' : JSON.stringify(v);
    lines.push(`${d.name}: ${shown}`);
  }
  return lines.join('\n') + '\n';
}
