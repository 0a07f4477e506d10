/** The version reported by `/api/v1/status/buildinfo`. Kept in step with package.json. */
export const VERSION = '0.1.0';
