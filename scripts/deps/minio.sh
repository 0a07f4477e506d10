# MinIO: built from source with `go install` into .cache/bin (the slowest step of deps-up), run on
# loopback with data under .deps/minio, with one bucket created. Sourced.

MINIO_BIN="$CACHE_DIR/bin/minio"
MINIO_USER="epimetheus"
MINIO_PASSWORD="epimetheus-secret"
MINIO_BUCKET="epimetheus"

minio_have_binary() {
  if [ -x "$MINIO_BIN" ]; then
    [ -x "$USER_CACHE/bin/minio" ] || { mkdir -p "$USER_CACHE/bin" && cp "$MINIO_BIN" "$USER_CACHE/bin/"; } || true
    return 0
  fi
  if [ -x "$USER_CACHE/bin/minio" ]; then
    mkdir -p "$CACHE_DIR/bin" && cp "$USER_CACHE/bin/minio" "$MINIO_BIN" && return 0
  fi
  return 1
}

# minio_build: go install with a progress line every 30s, since it takes minutes on 2 cores.
minio_build() {
  minio_have_binary && return 0
  command -v go >/dev/null || die "go is needed to build MinIO (https://go.dev/doc/install)"
  log "minio: building with go install (several minutes on 2 cores; log in .deps/minio-build.log)"
  mkdir -p "$CACHE_DIR/bin"
  local tmpbin="$CACHE_DIR/bin.tmp.$$" start=$SECONDS
  mkdir -p "$tmpbin"
  GOBIN="$tmpbin" go install github.com/minio/minio@latest \
    >"$DEPS_DIR/minio-build.log" 2>&1 &
  local pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    sleep 5
    if (( (SECONDS - start) % 30 < 5 )); then
      log "minio: still building ($((SECONDS - start))s; $(grep -c 'downloading' "$DEPS_DIR/minio-build.log") modules fetched)"
    fi
  done
  wait "$pid" || { tail -20 "$DEPS_DIR/minio-build.log" >&2; rm -rf "$tmpbin"; die "minio build"; }
  mv "$tmpbin/minio" "$MINIO_BIN" && rm -rf "$tmpbin"
  mkdir -p "$USER_CACHE/bin" && cp "$MINIO_BIN" "$USER_CACHE/bin/minio" || true
  log "minio: built in $((SECONDS - start))s"
}

# minio_running: the process lives (it may still be starting; minio_wait checks readiness).
minio_running() { read_port minio >/dev/null && pid_alive "$DEPS_DIR/minio.pid" 'minio server'; }

minio_start() {
  if minio_running; then log "minio already running on $(read_port minio)"; return 0; fi
  local port cport
  port=$(pick_port 9000)
  cport=$(pick_port 9001)
  [ "$cport" != "$port" ] || cport=$(pick_port 0)
  mkdir -p "$DEPS_DIR/minio"
  log "starting minio on 127.0.0.1:$port (console $cport)"
  MINIO_ROOT_USER="$MINIO_USER" MINIO_ROOT_PASSWORD="$MINIO_PASSWORD" \
    MINIO_BROWSER=off MINIO_UPDATE=off \
    setsid "$MINIO_BIN" server --quiet --address "127.0.0.1:$port" \
    --console-address "127.0.0.1:$cport" "$DEPS_DIR/minio" \
    >>"$DEPS_DIR/minio.log" 2>&1 </dev/null 9>&- &
  echo $! >"$DEPS_DIR/minio.pid"
  echo "$port" >"$DEPS_DIR/minio.port"
}

# minio_wait: until MinIO is live and the bucket exists.
minio_wait() {
  local port
  port=$(read_port minio)
  wait_for "minio health" 60 curl -fsS "http://127.0.0.1:$port/minio/health/live" \
    || { tail -20 "$DEPS_DIR/minio.log" >&2; return 1; }
  node --no-warnings "$ROOT/scripts/deps/create-bucket.mjs" "http://127.0.0.1:$port" \
    "$MINIO_USER" "$MINIO_PASSWORD" "$MINIO_BUCKET" 60
}

minio_stop() { stop_pidfile minio "$DEPS_DIR/minio.pid" 'minio server'; }
