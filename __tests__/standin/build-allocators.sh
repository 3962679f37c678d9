#!/usr/bin/env bash
# Compiles the allocator libraries that the stand-in `apk` serves, from Debian's source
# packages: jemalloc, mimalloc and mimalloc-secure against musl (musl-gcc), and
# mimalloc-secure against glibc (Debian ships no secure build). Each library lands as
# OUT/<flavour>/<apk package>/<soname>. One more musl mimalloc is built with its major version
# set to 1 (OUT/musl/mimalloc-v1/libmimalloc.so.1.9), so the LTS stand-in ships the `.so.1`
# that mimalloc 1.x packages install.
#
# usage: build-allocators.sh OUT JEMALLOC_SRC MIMALLOC_SRC [JOBS]
set -euo pipefail

if [ "$#" -lt 3 ]; then
  echo "usage: build-allocators.sh OUT JEMALLOC_SRC MIMALLOC_SRC [JOBS]" >&2
  exit 2
fi
out=$1
jemalloc_src=$2
mimalloc_src=$3
jobs=${4:-2}
work="$out.work"

log() { echo "standin: $*" >&2; }
die() { echo "standin: error: $*" >&2; exit 1; }

soname_of() {
  readelf -d "$1" | sed -n 's/.*(SONAME).*\[\(.*\)\].*/\1/p'
}

# A musl library that links a glibc-only library (libatomic.so.1 from gcc's directory, say)
# would fail at preload time in the image, so refuse it here with the offending name.
check_musl_needed() {
  local lib=$1 needed
  needed=$(readelf -d "$lib" | sed -n 's/.*(NEEDED).*\[\(.*\)\].*/\1/p' | grep -vx 'libc.so' || true)
  [ -z "$needed" ] || die "$lib links non-musl libraries: $(echo "$needed" | tr '\n' ' ')(expected only libc.so)"
}

# Keeps a built shared library as DEST/<real file name> plus a DEST/<soname> link, the
# layout a distribution package installs (libmimalloc.so.2.0 and libmimalloc.so.2).
keep_library() {
  local built=$1 dest=$2 real soname
  real=$(readlink -f "$built")
  soname=$(soname_of "$real")
  [ -n "$soname" ] || die "$built has no SONAME (expected a shared library)"
  mkdir -p "$dest"
  cp "$real" "$dest/${real##*/}"
  strip --strip-unneeded "$dest/${real##*/}"
  if [ "${real##*/}" != "$soname" ]; then ln -sfn "${real##*/}" "$dest/$soname"; fi
  log "built $dest/${real##*/} (soname $soname)"
}

build_jemalloc_musl() {
  local dir="$work/jemalloc-musl"
  rm -rf "$dir"
  cp -a "$jemalloc_src" "$dir"
  log "compiling jemalloc with musl-gcc"
  # Only the shared library is needed; C++ operator new/delete would need a musl libstdc++.
  (cd "$dir" && ./configure -q CC=musl-gcc --disable-cxx --disable-static --disable-doc >/dev/null &&
    make -s -j"$jobs" build_lib_shared >/dev/null)
  local lib
  lib=$(find "$dir/lib" -name 'libjemalloc.so.*' | head -n1)
  [ -n "$lib" ] || die "jemalloc build produced no lib/libjemalloc.so.* in $dir"
  check_musl_needed "$lib"
  keep_library "$lib" "$out/musl/jemalloc"
}

# build_mimalloc FLAVOUR CC SECURE(ON|OFF) PACKAGE [SOURCE]
build_mimalloc() {
  local flavour=$1 cc=$2 secure=$3 package=$4 src=${5:-$mimalloc_src}
  local dir="$work/$package-$flavour-$secure"
  rm -rf "$dir"
  log "compiling $package with $cc"
  cmake -S "$src" -B "$dir" -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_COMPILER="$cc" \
    -DMI_SECURE="$secure" -DMI_BUILD_SHARED=ON -DMI_BUILD_STATIC=OFF -DMI_BUILD_OBJECT=OFF \
    -DMI_BUILD_TESTS=OFF >/dev/null
  cmake --build "$dir" -j "$jobs" >/dev/null
  local lib
  lib=$(find "$dir" -maxdepth 1 -name 'libmimalloc*.so.*' -type f | head -n1)
  [ -n "$lib" ] || die "mimalloc build produced no libmimalloc*.so.* in $dir"
  if [ "$flavour" = musl ]; then check_musl_needed "$lib"; fi
  keep_library "$lib" "$out/$flavour/$package"
}

# The same source with mimalloc's version set to 1.9: CMake names the library after it
# (libmimalloc.so.1.9, soname libmimalloc.so.1), as mimalloc 1.x builds are named.
build_mimalloc_v1_musl() {
  local src="$work/mimalloc-v1-src" version_file
  rm -rf "$src"
  cp -a "$mimalloc_src" "$src"
  version_file="$src/cmake/mimalloc-config-version.cmake"
  grep -q '^set(mi_version_major [0-9]*)' "$version_file" || die "$version_file has no mi_version_major"
  sed -i -e 's/^set(mi_version_major [0-9]*)/set(mi_version_major 1)/' \
    -e 's/^set(mi_version_minor [0-9]*)/set(mi_version_minor 9)/' "$version_file"
  build_mimalloc musl musl-gcc OFF mimalloc-v1 "$src"
  [ -e "$out/musl/mimalloc-v1/libmimalloc.so.1" ] || die "the mimalloc 1.x build produced no libmimalloc.so.1"
}

rm -rf "$out" "$work"
mkdir -p "$out" "$work"
build_jemalloc_musl
build_mimalloc musl musl-gcc OFF mimalloc
build_mimalloc musl musl-gcc ON mimalloc-secure
build_mimalloc glibc gcc ON mimalloc-secure
build_mimalloc_v1_musl
rm -rf "$work"
