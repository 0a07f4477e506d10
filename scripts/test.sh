#!/usr/bin/env bash
# `npm test`: sets up everything the tests need on this machine, then runs every test.
#   1. system packages the integration tests run for real (Prometheus, promtool)
#   2. real dependencies on loopback (Kafka, Redis, MinIO) via scripts/deps-up.sh
#   3. generated code and lint checks, then the build (the integration tests start the real binary)
#   4. unit and integration suites, then a tiny benchmark run so the harness keeps working
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v promtool >/dev/null 2>&1 || ! command -v prometheus >/dev/null 2>&1; then
  echo "test: installing Debian's prometheus package (prometheus, promtool)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq prometheus >/dev/null
fi

bash scripts/deps-up.sh
# In CI (a fresh clone) the dependencies are this run's own: stop them when it ends. Locally they
# stay up for the next run, which reuses them.
if [ "${CI:-}" = "true" ]; then
  trap 'bash scripts/deps-down.sh >/dev/null 2>&1 || true' EXIT
fi

bash scripts/gen-proto.sh --check
npm run -s lint
npm run -s build
mkdir -p .cache
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=.cache/vitest-results.json "$@" || status=$?

# The benchmark harness once at its tiny size, so it keeps working (a benchmark, not a test:
# it fails only when a server does not start, rejects data or answers with missing series).
if [ "$#" -eq 0 ] && [ "$status" -eq 0 ]; then
  npm run -s bench -- --tiny || status=$?
fi

# One plain closing line with the counts, for whoever reads the end of the log.
node -e '
const r = JSON.parse(require("fs").readFileSync(".cache/vitest-results.json", "utf8"));
console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
'
exit "$status"
