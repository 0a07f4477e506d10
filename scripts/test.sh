#!/usr/bin/env bash
# `npm test`: sets up everything the tests need on this machine, then runs every test.
#   1. system packages the integration tests run for real (Prometheus, promtool)
#   2. real dependencies on loopback (Kafka, Redis, MinIO) via scripts/deps-up.sh
#   3. the build (the integration tests start the real binary)
#   4. unit and integration suites, then a tiny benchmark run so the harness keeps working
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v promtool >/dev/null 2>&1 || ! command -v prometheus >/dev/null 2>&1; then
  echo "test: installing Debian's prometheus package (prometheus, promtool)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq prometheus >/dev/null
fi

if [ -x scripts/deps-up.sh ] || [ -f scripts/deps-up.sh ]; then
  bash scripts/deps-up.sh
fi

bash scripts/gen-proto.sh --check
npm run -s build
npx vitest run "$@"
