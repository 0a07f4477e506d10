export { readDepsEnv, depsEnv } from './deps-env.js';
