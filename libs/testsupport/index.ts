export { readDepsEnv, depsEnv } from './deps-env.js';
export { dropPrefix, freePort, PrivateRedis } from './redis.js';
export { mulberry32 } from './random.js';
