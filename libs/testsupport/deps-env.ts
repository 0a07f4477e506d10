// Test helper: reads the addresses of the local dependencies that `npm run deps:up` writes to
// .deps/env. Not part of the public surface.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ENV_FILE = fileURLToPath(new URL('../../.deps/env', import.meta.url));

/**
 * The KEY=VALUE lines of .deps/env.
 * @throws Error saying to run `npm run deps:up` when the file is missing, so tests that need real
 * services fail rather than skip.
 */
export function readDepsEnv(): Record<string, string> {
  if (!existsSync(ENV_FILE)) {
    throw new Error(
      `${ENV_FILE} not found: run \`npm run deps:up\` to start Redis, Kafka and MinIO before these tests`,
    );
  }
  const env: Record<string, string> = {};
  for (const line of readFileSync(ENV_FILE, 'utf8').split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0 && !line.startsWith('#')) env[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return env;
}

/** The value of `key` in .deps/env. @throws Error when absent. */
export function depsEnv(key: string): string {
  const v = readDepsEnv()[key];
  if (v === undefined || v === '') throw new Error(`.deps/env has no ${key}: run \`npm run deps:up\``);
  return v;
}
