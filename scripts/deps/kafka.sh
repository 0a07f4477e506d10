# Kafka 3.9 in KRaft mode (one broker that is also the controller), run from jars that Maven
# fetches into .cache/kafka/lib. Data under .deps/kafka. Sourced.

KAFKA_LIB="$CACHE_DIR/kafka/lib"
KAFKA_HEAP="${KAFKA_HEAP:--Xmx512m -Xms256m}"

kafka_fetch_jars() {
  if ls "$KAFKA_LIB"/kafka_2.13-*.jar >/dev/null 2>&1; then
    if ! ls "$USER_CACHE/kafka/lib"/kafka_2.13-*.jar >/dev/null 2>&1; then
      mkdir -p "$USER_CACHE/kafka/lib" && cp "$KAFKA_LIB"/*.jar "$USER_CACHE/kafka/lib/" || true
    fi
    return 0
  fi
  mkdir -p "$KAFKA_LIB"
  if ls "$USER_CACHE/kafka/lib"/kafka_2.13-*.jar >/dev/null 2>&1; then
    log "kafka jars: copying from $USER_CACHE/kafka/lib"
    cp "$USER_CACHE/kafka/lib"/*.jar "$KAFKA_LIB/"
    return 0
  fi
  command -v mvn >/dev/null || apt_install maven
  log "kafka jars: resolving from Maven Central into $KAFKA_LIB"
  local tmp="$KAFKA_LIB.tmp"
  rm -rf "$tmp"
  mvn -q -B -f "$ROOT/scripts/deps/kafka-pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$tmp" >"$DEPS_DIR/kafka-fetch.log" 2>&1 \
    || { tail -20 "$DEPS_DIR/kafka-fetch.log" >&2; die "maven could not fetch the Kafka jars"; }
  # Move into place only when complete, so a killed download is never mistaken for a cache.
  mv "$tmp"/*.jar "$KAFKA_LIB/" && rm -rf "$tmp"
  mkdir -p "$USER_CACHE/kafka/lib" && cp "$KAFKA_LIB"/*.jar "$USER_CACHE/kafka/lib/" || true
  log "kafka jars: $(ls "$KAFKA_LIB" | wc -l) jars"
}

# kafka_running: the process lives (it may still be starting; kafka_wait checks readiness).
kafka_running() { read_port kafka >/dev/null && pid_alive "$DEPS_DIR/kafka.pid" 'kafka.Kafka'; }

kafka_write_config() {
  local port="$1" cport="$2" dir="$DEPS_DIR/kafka"
  cat >"$dir/server.properties" <<PROPS
# Written by scripts/deps-up.sh; rewritten on every start.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$cport
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$cport
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$dir/data
num.partitions=3
auto.create.topics.enable=true
offsets.topic.replication.factor=1
offsets.topic.num.partitions=3
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
min.insync.replicas=1
default.replication.factor=1
group.initial.rebalance.delay.ms=0
log.retention.hours=24
log.segment.bytes=67108864
PROPS
}

# kafka_cmd: the JVM command line, without the main class.
kafka_cmd() {
  # shellcheck disable=SC2206 # KAFKA_HEAP holds several JVM flags.
  KAFKA_CMD=(java $KAFKA_HEAP -XX:+UseG1GC -Djava.awt.headless=true
    -Dkafka.logs.dir="$DEPS_DIR"
    -Dlog4j.configuration="file:$ROOT/scripts/deps/log4j.properties"
    -cp "$KAFKA_LIB/*")
}

kafka_start() {
  if kafka_running; then log "kafka already running on $(read_port kafka)"; return 0; fi
  command -v java >/dev/null || apt_install default-jre-headless
  local port cport dir="$DEPS_DIR/kafka"
  port=$(pick_port 9092)
  cport=$(pick_port 9093)
  [ "$cport" != "$port" ] || cport=$(pick_port 0)
  mkdir -p "$dir/data"
  kafka_write_config "$port" "$cport"
  kafka_cmd
  if [ ! -f "$dir/data/meta.properties" ]; then
    log "kafka: formatting storage"
    # A fixed cluster id (base64 of 16 bytes): the data directory belongs to this checkout only.
    "${KAFKA_CMD[@]}" kafka.tools.StorageTool format --ignore-formatted \
      -t RXBpbWV0aGV1cy1rYWZrYQ -c "$dir/server.properties" >"$DEPS_DIR/kafka-format.log" 2>&1 \
      || { cat "$DEPS_DIR/kafka-format.log" >&2; die "kafka storage format"; }
  fi
  log "starting kafka on 127.0.0.1:$port (controller $cport)"
  # setsid: its own session, so it outlives the shell (and job control) that started it.
  # 9>&-: the daemon must not hold deps-up's lock.
  setsid "${KAFKA_CMD[@]}" kafka.Kafka "$dir/server.properties" \
    >>"$DEPS_DIR/kafka.log" 2>&1 </dev/null 9>&- &
  echo $! >"$DEPS_DIR/kafka.pid"
  echo "$port" >"$DEPS_DIR/kafka.port"
}

# kafka_wait: until the broker answers a metadata request through kafkajs.
kafka_wait() {
  local port
  port=$(read_port kafka)
  wait_for "kafka tcp" 90 port_open "$port" || { tail -30 "$DEPS_DIR/kafka.log" >&2; return 1; }
  node "$ROOT/scripts/deps/wait-kafka.mjs" "127.0.0.1:$port" 90 \
    || { tail -30 "$DEPS_DIR/kafka-server.log" >&2; return 1; }
}

kafka_stop() { stop_pidfile kafka "$DEPS_DIR/kafka.pid" 'kafka.Kafka'; }
