#!/usr/bin/env bash
# Installs and starts everything malloc-matrix's tests and demo need on a bare Debian or
# Ubuntu machine: compilers and musl for the measuring helper, the allocators the host
# executor measures, the Docker engine for the container executor, and the npm dependencies.
# Idempotent: a machine that already has everything is left as it is.
set -euo pipefail

cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

PACKAGES=(
  ca-certificates git curl
  gcc g++ make libc6-dev cmake dpkg-dev
  musl musl-dev musl-tools
  busybox-static
  libjemalloc2 libjemalloc-dev libmimalloc2.0 libmimalloc-dev libtcmalloc-minimal4
  hyperfine
)
# Docker's engine: Debian's docker.io, unless an engine is already installed (GitHub's Ubuntu
# runners ship Docker's own packages, which conflict with docker.io).
if ! command -v dockerd >/dev/null 2>&1; then PACKAGES+=(docker.io); fi

missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done

# The stand-in Alpaquita images compile allocators from Debian's source packages.
if ! grep -rqs '^Types:.*deb-src' /etc/apt/sources.list.d/ && ! grep -qs '^deb-src' /etc/apt/sources.list; then
  echo "setup: enabling deb-src entries for apt-get source"
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources | $SUDO tee /etc/apt/sources.list.d/malloc-matrix-src.sources >/dev/null
  elif [ -f /etc/apt/sources.list.d/ubuntu.sources ]; then
    sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/ubuntu.sources | $SUDO tee /etc/apt/sources.list.d/malloc-matrix-src.sources >/dev/null
  elif [ -f /etc/apt/sources.list ]; then
    grep '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' | $SUDO tee /etc/apt/sources.list.d/malloc-matrix-src.list >/dev/null
  fi
  NEED_UPDATE=1
fi

if [ "${#missing[@]}" -gt 0 ] || [ "${NEED_UPDATE:-0}" = 1 ]; then
  echo "setup: installing ${missing[*]:-(apt lists only)}"
  $SUDO apt-get update -qq
  if [ "${#missing[@]}" -gt 0 ]; then
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

# Docker: start the engine when it is not answering (CI machines have no init system for it).
if ! docker info >/dev/null 2>&1; then
  if command -v systemctl >/dev/null 2>&1 && systemctl is-system-running >/dev/null 2>&1; then
    $SUDO systemctl start docker || true
  fi
  if ! docker info >/dev/null 2>&1; then
    # A dockerd that was killed (the end of an earlier session) leaves pid files behind that
    # make a new one refuse to start.
    for pidfile in /var/run/docker.pid /var/run/docker/containerd/containerd.pid; do
      if [ -f "$pidfile" ] && ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then $SUDO rm -f "$pidfile"; fi
    done
    echo "setup: starting dockerd"
    $SUDO sh -c 'nohup dockerd >/var/log/malloc-matrix-dockerd.log 2>&1 &'
  fi
  for _ in $(seq 1 60); do
    docker info >/dev/null 2>&1 && break
    sleep 1
  done
  docker info >/dev/null 2>&1 || { echo "setup: dockerd did not start; see /var/log/malloc-matrix-dockerd.log" >&2; exit 1; }
fi

# Node.js 20 or newer runs the action (GitHub runs it on node24) and the tests. Distribution
# packages are often older, so it is not installed here: say what is needed instead.
node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$node_major" -lt 20 ]; then
  echo "setup: Node.js 20 or newer is needed (found: $(node --version 2>/dev/null || echo none)); install it from nodejs.org or NodeSource, then run this again" >&2
  exit 1
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund
fi
echo "setup: ready"
