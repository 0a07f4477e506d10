#!/usr/bin/env bash
# Regenerates proto/gen from the .proto files (protobufjs static modules with .d.ts types).
# With --check, regenerates into a temp dir and fails when the committed code differs.
set -euo pipefail
cd "$(dirname "$0")/.."
out=proto/gen
if [ "${1:-}" = "--check" ]; then out=$(mktemp -d); fi
mkdir -p "$out"
for src in proto/epimetheus/*.proto; do
  name=$(basename "$src" .proto)
  # Each module gets its own protobuf.roots entry: modules sharing the default root would
  # overwrite each other's namespaces (push.proto also defines the prometheus messages).
  npx --no-install pbjs -t static-module -w es6 --force-number --no-verify --no-convert --no-delimited \
    --root "epimetheus_$name" -o "$out/$name.js" "$src"
  npx --no-install pbts -o "$out/$name.d.ts" "$out/$name.js"
done
if [ "${1:-}" = "--check" ]; then
  if ! diff -r "$out" proto/gen >/dev/null; then
    echo "proto/gen is stale: run scripts/gen-proto.sh and commit the result" >&2
    diff -r "$out" proto/gen | head -20 >&2
    exit 1
  fi
  echo "proto/gen is up to date"
fi
