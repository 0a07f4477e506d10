#!/usr/bin/env bash
# Starts the real dependencies of Epimetheus as local processes on loopback: Redis, Kafka 3.9
# (KRaft, one broker) and MinIO. Installs or builds what is missing, skips what already runs,
# writes .deps/env for the tests. Idempotent; needs no stdin. Stop with scripts/deps-down.sh.
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

mkdir -p "$DEPS_DIR" "$CACHE_DIR"
# One run at a time per checkout: a second run waits, then finds everything running.
exec 9>"$DEPS_DIR/deps-up.lock"
flock 9
[ -d "$ROOT/node_modules/kafkajs" ] || die "node_modules missing: run npm ci first"
TOTAL_START=$SECONDS

# The MinIO build is by far the slowest step, so it runs in the background from the start while
# the Kafka jars download and Redis and Kafka start.
MINIO_BUILD_STATUS="$DEPS_DIR/minio-build.status"
rm -f "$MINIO_BUILD_STATUS"
if minio_have_binary; then
  echo 0 >"$MINIO_BUILD_STATUS"
  TIMINGS+=("$(printf '%-28s %7s' 'minio build' 'cached')")
else
  ( rc=0; timed 'minio build' minio_build || rc=$?; print_timings 2>"$DEPS_DIR/minio-build.timing"
    echo "$rc" >"$MINIO_BUILD_STATUS" ) &
  MINIO_BUILD_PID=$!
fi

timed 'redis install' redis_install
timed 'redis start' redis_start
timed 'kafka jars' kafka_fetch_jars
timed 'kafka start' kafka_start
timed 'kafka ready' kafka_wait

if [ -n "${MINIO_BUILD_PID:-}" ]; then
  log "waiting for the minio build"
  wait "$MINIO_BUILD_PID" || true
  [ "$(cat "$MINIO_BUILD_STATUS" 2>/dev/null)" = 0 ] || die "minio build failed (see .deps/minio-build.log)"
  TIMINGS+=("$(sed -n 's/^ *//; /minio build/p' "$DEPS_DIR/minio-build.timing")")
fi
timed 'minio start' minio_start
timed 'minio ready + bucket' minio_wait

cat >"$DEPS_DIR/env.tmp" <<ENV
KAFKA_BROKERS=127.0.0.1:$(read_port kafka)
REDIS_URL=redis://127.0.0.1:$(read_port redis)
S3_ENDPOINT=http://127.0.0.1:$(read_port minio)
S3_ACCESS_KEY_ID=$MINIO_USER
S3_SECRET_ACCESS_KEY=$MINIO_PASSWORD
S3_BUCKET=$MINIO_BUCKET
S3_REGION=us-east-1
ENV
mv "$DEPS_DIR/env.tmp" "$DEPS_DIR/env"

TIMINGS+=("$(printf '%-28s %7ss' 'total' "$((SECONDS - TOTAL_START))")")
print_timings
log "ready; settings in .deps/env:"
sed 's/^/    /' "$DEPS_DIR/env" >&2
