#!/usr/bin/env bash
# The main job on a fresh machine: installs what is needed, then runs the malloc-matrix CLI on
# the example benchmark (examples/bench) under every allocator for musl and glibc, and prints
# the comparison table. Uses the real Alpaquita images when Docker Hub is reachable, and the
# test suite's stand-in images otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup-machine.sh
[ -f dist/cli/index.js ] || npm run bundle

MUSL_IMAGE=bellsoft/alpaquita-linux-base:stream-musl
GLIBC_IMAGE=bellsoft/alpaquita-linux-base:stream-glibc
SETUP='apk add --no-cache build-base && make'
if ! { docker image inspect "$MUSL_IMAGE" >/dev/null 2>&1 || timeout 60 docker pull -q "$MUSL_IMAGE" >/dev/null 2>&1; } ||
   ! { docker image inspect "$GLIBC_IMAGE" >/dev/null 2>&1 || timeout 60 docker pull -q "$GLIBC_IMAGE" >/dev/null 2>&1; }; then
  echo "demo: Docker Hub is not reachable; building the stand-in Alpaquita images the tests use" >&2
  eval "$(bash __tests__/standin/build.sh | grep -E '^(MUSL|GLIBC)_IMAGE=')"
  SETUP='make'
fi

mkdir -p out
exec node dist/cli/index.js \
  --name 'alloc-churn demo' \
  --image-musl "$MUSL_IMAGE" --image-glibc "$GLIBC_IMAGE" --pull never \
  --working-directory examples/bench \
  --setup "$SETUP" \
  --runs "${RUNS:-10}" \
  --baseline none \
  --json out/demo-results.json --markdown out/demo-report.md \
  -- ./alloc-churn 1000000
