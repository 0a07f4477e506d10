export type { FlagType, FlagValue, FlagDef, FlagValues } from './flags.js';
export { FlagSet, ConfigError } from './flags.js';
export { parseDuration, formatDuration } from './duration.js';
