import { freePort, PrivateRedis } from '../../libs/testsupport/index.js';

/** A private redis-server a test may kill and restart (empty, as after a crash without persistence). */
export type { PrivateRedis };

/** Prepares a private Redis on a free loopback port (`npm run deps:up` installs redis-server). */
export async function privateRedis(): Promise<PrivateRedis> {
  return new PrivateRedis(await freePort());
}
