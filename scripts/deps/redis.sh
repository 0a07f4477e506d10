# Redis: Debian's redis-server as a daemon on loopback, data under .deps/redis. Sourced.

redis_install() {
  command -v redis-server >/dev/null && command -v redis-cli >/dev/null && return 0
  apt_install redis-server
}

redis_running() { read_port redis >/dev/null && pid_alive "$DEPS_DIR/redis.pid" 'redis-server'; }

redis_ping() { redis-cli -h 127.0.0.1 -p "$1" ping 2>/dev/null | grep -q PONG; }

redis_start() {
  if redis_running; then
    log "redis already running on $(read_port redis)"
    wait_for redis 20 redis_ping "$(read_port redis)"
    return
  fi
  local port
  port=$(pick_port 6379)
  mkdir -p "$DEPS_DIR/redis"
  log "starting redis on 127.0.0.1:$port"
  # --save keeps the data across restarts. 9>&-: the daemon must not hold deps-up's lock.
  redis-server --bind 127.0.0.1 --port "$port" --daemonize yes \
    --dir "$DEPS_DIR/redis" --pidfile "$DEPS_DIR/redis.pid" \
    --logfile "$DEPS_DIR/redis.log" --save '60 1' --appendonly no \
    --protected-mode yes >/dev/null 9>&-
  echo "$port" >"$DEPS_DIR/redis.port"
  wait_for redis 20 redis_ping "$port"
}

redis_stop() { stop_pidfile redis "$DEPS_DIR/redis.pid" 'redis-server'; }
