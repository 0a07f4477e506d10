export { readDepsEnv, depsEnv } from './deps-env.js';
export { dropPrefix, freePort, PrivateRedis } from './redis.js';
