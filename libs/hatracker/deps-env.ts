// Test helper: the Redis address `npm run deps:up` writes to .deps/env. Not part of the public
// surface.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where `npm run deps:up` records the addresses of the local dependencies. */
export const DEPS_ENV_FILE = fileURLToPath(new URL('../../.deps/env', import.meta.url));

/**
 * The `REDIS_URL` line of `file`.
 * @throws Error telling to run `npm run deps:up` when the file or the line is missing, so tests that
 * need Redis fail rather than skip.
 */
export function redisUrl(file = DEPS_ENV_FILE): string {
  if (!existsSync(file)) {
    throw new Error(`${file} not found: run \`npm run deps:up\` to start Redis before these tests`);
  }
  const line = readFileSync(file, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('REDIS_URL='));
  const url = line?.slice('REDIS_URL='.length).trim();
  if (!url) throw new Error(`${file} has no REDIS_URL: run \`npm run deps:up\``);
  return url;
}
