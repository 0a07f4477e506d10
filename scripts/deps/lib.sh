# Shared helpers for scripts/deps-up.sh and scripts/deps-down.sh. Sourced, not run.
# Expects ROOT (the repository root) to be set by the caller.

DEPS_DIR="$ROOT/.deps"
CACHE_DIR="$ROOT/.cache"
# A per-user cache outside the work tree, so a fresh clone on the same machine (CI) reuses the
# MinIO binary and Kafka jars instead of building and downloading them again.
USER_CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/epimetheus-deps"

declare -a TIMINGS=()

log() { printf '[deps %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# timed NAME CMD...: runs CMD and records how long it took under NAME.
timed() {
  local name="$1"; shift
  local start end rc=0
  start=$(date +%s.%N)
  "$@" || rc=$?
  end=$(date +%s.%N)
  TIMINGS+=("$(printf '%-28s %7.1fs%s' "$name" "$(awk "BEGIN{print $end - $start}")" "$([ "$rc" = 0 ] || echo "  (exit $rc)")")")
  return "$rc"
}

print_timings() {
  log "summary:"
  local t
  for t in "${TIMINGS[@]}"; do printf '    %s\n' "$t" >&2; done
}

# port_open PORT: true when something accepts TCP connections on 127.0.0.1:PORT.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# pick_port PREFERRED: prints PREFERRED when free, otherwise a free port chosen by the kernel.
pick_port() {
  if ! port_open "$1"; then echo "$1"; return; fi
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

# pid_alive FILE [PATTERN]: true when FILE names a running process whose command line contains
# PATTERN (so a stale pid file whose pid now belongs to another program does not count).
pid_alive() {
  local pid
  [ -f "$1" ] || return 1
  pid=$(cat "$1" 2>/dev/null) || return 1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  [ -z "${2:-}" ] || tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$2"
}

# wait_for DESCRIPTION SECONDS CMD...: polls CMD every 0.5s until it succeeds or time runs out.
wait_for() {
  local what="$1" secs="$2"; shift 2
  local deadline=$(( $(date +%s) + secs ))
  until "$@" >/dev/null 2>&1; do
    if [ "$(date +%s)" -ge "$deadline" ]; then log "$what not ready after ${secs}s"; return 1; fi
    sleep 0.5
  done
}

# stop_pidfile NAME FILE PATTERN: SIGTERM, wait up to 30s, then SIGKILL; removes FILE.
stop_pidfile() {
  local name="$1" file="$2" pid i
  if ! pid_alive "$file" "$3"; then rm -f "$file"; return 0; fi
  pid=$(cat "$file")
  log "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$name did not stop in 30s; killing"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$file"
}

# read_port NAME: the port a running service was started on, from .deps/NAME.port.
read_port() { cat "$DEPS_DIR/$1.port" 2>/dev/null; }

# apt_install PACKAGE...: installs Debian packages (as root, non-interactively), updating the
# package lists once per run.
APT_UPDATED=""
apt_install() {
  command -v apt-get >/dev/null || die "apt-get not found; install $* by hand"
  if [ -z "$APT_UPDATED" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    APT_UPDATED=1
  fi
  log "installing $* from Debian"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
