import { defineConfig } from 'vitest/config';

// The root config runs libs/ and services/ only; the harness's own tests run with
// `npx vitest run --config bench/vitest.config.ts`.
export default defineConfig({
  test: {
    root: new URL('.', import.meta.url).pathname,
    include: ['*.test.ts'],
    testTimeout: 30_000,
  },
});
