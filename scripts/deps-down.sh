#!/usr/bin/env bash
# Stops what scripts/deps-up.sh started (by the pid files under .deps/), leaving data and caches.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=deps/lib.sh
source "$ROOT/scripts/deps/lib.sh"
# shellcheck source=deps/redis.sh
source "$ROOT/scripts/deps/redis.sh"
# shellcheck source=deps/kafka.sh
source "$ROOT/scripts/deps/kafka.sh"
# shellcheck source=deps/minio.sh
source "$ROOT/scripts/deps/minio.sh"

mkdir -p "$DEPS_DIR"
exec 9>"$DEPS_DIR/deps-up.lock"
flock 9
minio_stop
kafka_stop
redis_stop
rm -f "$DEPS_DIR/env"
log "stopped"
