#!/usr/bin/env bash
# Builds the stand-in Alpaquita Linux images that malloc-matrix's integration tests run in,
# from Debian packages already installed on this machine (no image registry is needed):
#
#   malloc-matrix-standin:musl-<hash>             musl libc, static busybox, gcc targeting musl
#   malloc-matrix-standin:glibc-<hash>            glibc, dynamic busybox, gcc
#   malloc-matrix-standin:musl-<hash>-apk3        the musl image, its apk imitating apk-tools 3
#   malloc-matrix-standin:glibc-<hash>-apk3       the glibc image, its apk imitating apk-tools 3
#   malloc-matrix-standin:wronglibc-<hash>        the musl image whose os-release claims glibc
#   malloc-matrix-standin:lts-musl-<hash>         the musl image as an LTS release (VERSION_ID=23)
#                                                 whose mimalloc is a 1.x build (.so.1)
#   malloc-matrix-standin:movedb-musl-<hash>-apk3 the apk-3 musl image with apk's database at
#                                                 a path no reader knows: only apk can tell
#
# <hash> covers these recipe files and every Debian package version that goes in, so a
# changed recipe or package gives new tags. When all the tags exist nothing is built.
# The last lines of stdout are NAME_IMAGE=... lines (see print_images); progress goes to
# stderr. See README.md next to this script.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CACHE_DIR=${MALLOC_MATRIX_STANDIN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/malloc-matrix-standin}
JOBS=${MALLOC_MATRIX_STANDIN_JOBS:-2}
REPOSITORY=malloc-matrix-standin
STORE=/var/cache/standin-apk
# Where the musl image keeps the mimalloc 1.x build until the LTS variant moves it into the store.
LTS_STASH=/var/cache/standin-lts/mimalloc

# The C toolchain copied into both images, with its runtime dependency closure.
TOOLCHAIN_SEEDS="gcc gcc-12 binutils make"
MUSL_SEEDS="$TOOLCHAIN_SEEDS musl musl-dev musl-tools"
GLIBC_SEEDS="$TOOLCHAIN_SEEDS libc6 libc-bin libc6-dev libgcc-s1 libjemalloc2 libmimalloc2.0"
# Documentation and translations are dead weight in a test image.
EXCLUDED_PATHS='^/usr/share/(doc|man|info|locale|lintian|bug|gdb)/'

log() { echo "standin: $*" >&2; }
die() {
  echo "standin: error: $*" >&2
  exit 1
}

for tool in docker dpkg-query dpkg-deb dpkg-source apt-get musl-gcc cmake make readelf strip tar sha256sum flock awk; do
  command -v "$tool" >/dev/null || die "required tool '$tool' not found (install the packages listed in __tests__/standin/README.md)"
done
docker info >/dev/null 2>&1 || die "the Docker engine is not answering 'docker info' (start dockerd)"
[ -x /bin/busybox ] && ! readelf -l /bin/busybox | grep -q INTERP ||
  die "/bin/busybox is missing or not static (install Debian's busybox-static)"

installed_version() {
  local status
  status=$(dpkg-query -W -f='${db:Status-Abbrev} ${Version}' "$1" 2>/dev/null || true)
  case "$status" in
    ii*) echo "${status##* }" ;;
    *) die "Debian package '$1' is not installed (apt-get install $1)" ;;
  esac
}

source_version() {
  installed_version "$1" >/dev/null
  dpkg-query -W -f='${source:Version}' "$1"
}

# Debian version -> apk-style version: 1:2.0.9+ds-2 -> 2.0.9-r2 (epoch and +/~ suffixes dropped).
apk_version() {
  local v=${1#*:} upstream revision
  upstream=${v%-*}
  revision=${v##*-}
  [ "$upstream" != "$v" ] || revision=0
  upstream=${upstream%%[+~]*}
  revision=${revision%%[^0-9]*}
  echo "$upstream-r${revision:-0}"
}

# "package version" lines for the runtime dependency closure of the given packages.
closure() {
  dpkg-query -W -f='${Package}\t${Version}\t${db:Status-Abbrev}\t${Pre-Depends}, ${Depends}\t${Provides}\n' |
    awk -v seeds="$*" -f "$HERE/closure.awk" | sort
}

MUSL_CLOSURE=$(closure "$MUSL_SEEDS") || die "cannot resolve the dependencies of: $MUSL_SEEDS"
GLIBC_CLOSURE=$(closure "$GLIBC_SEEDS") || die "cannot resolve the dependencies of: $GLIBC_SEEDS"
JEMALLOC_VERSION=$(source_version libjemalloc2)
MIMALLOC_VERSION=$(source_version libmimalloc2.0)
BUSYBOX_VERSION=$(installed_version busybox-static)
MUSL_VERSION=$(installed_version musl)
GLIBC_VERSION=$(installed_version libc6)
GCC_VERSION=$(installed_version gcc-12)

RECIPE_FILES=("$HERE/build.sh" "$HERE/build-allocators.sh" "$HERE/closure.awk" "$HERE"/files/*)
HASH=$(
  {
    cat "${RECIPE_FILES[@]}"
    echo "$MUSL_CLOSURE" "$GLIBC_CLOSURE"
    echo "jemalloc=$JEMALLOC_VERSION mimalloc=$MIMALLOC_VERSION busybox=$BUSYBOX_VERSION"
  } | sha256sum | cut -c1-12
)
MUSL_IMAGE="$REPOSITORY:musl-$HASH"
GLIBC_IMAGE="$REPOSITORY:glibc-$HASH"
MUSL_APK3_IMAGE="$REPOSITORY:musl-$HASH-apk3"
GLIBC_APK3_IMAGE="$REPOSITORY:glibc-$HASH-apk3"
WRONGLIBC_IMAGE="$REPOSITORY:wronglibc-$HASH"
LTS_MUSL_IMAGE="$REPOSITORY:lts-musl-$HASH"
MOVEDDB_IMAGE="$REPOSITORY:movedb-musl-$HASH-apk3"
ALL_IMAGES=("$MUSL_IMAGE" "$GLIBC_IMAGE" "$MUSL_APK3_IMAGE" "$GLIBC_APK3_IMAGE" "$WRONGLIBC_IMAGE" "$LTS_MUSL_IMAGE" "$MOVEDDB_IMAGE")

# Where the stand-in apk keeps its database: Alpaquita's path, and the fault image's.
APK_DB=/var/lib/apk/db/installed
MOVED_APK_DB=/opt/standin-apk-db/installed
APK2_VERSION=2.14.3-r1
APK3_VERSION=3.0.1-r2

image_exists() { docker image inspect "$1" >/dev/null 2>&1; }
all_images_exist() {
  local image
  for image in "${ALL_IMAGES[@]}"; do image_exists "$image" || return 1; done
}
print_images() {
  echo "MUSL_IMAGE=$MUSL_IMAGE"
  echo "GLIBC_IMAGE=$GLIBC_IMAGE"
  echo "MUSL_APK3_IMAGE=$MUSL_APK3_IMAGE"
  echo "GLIBC_APK3_IMAGE=$GLIBC_APK3_IMAGE"
  echo "WRONGLIBC_IMAGE=$WRONGLIBC_IMAGE"
  echo "LTS_MUSL_IMAGE=$LTS_MUSL_IMAGE"
  echo "MOVEDDB_IMAGE=$MOVEDDB_IMAGE"
}

if all_images_exist; then
  print_images
  exit 0
fi

mkdir -p "$CACHE_DIR"
# Two test processes may ask at once; the second waits and then finds the images built.
exec 9>"$CACHE_DIR/lock"
flock 9
if all_images_exist; then
  print_images
  exit 0
fi
started=$SECONDS
log "building stand-in images $HASH (cache: $CACHE_DIR)"

# ---- sources -------------------------------------------------------------------------------

# fetch_source NAME VERSION -> prints the extracted source directory (cached).
fetch_source() {
  local name=$1 version=$2 dir="$CACHE_DIR/sources/$1_$2"
  if [ ! -d "$dir" ]; then
    local tmp="$CACHE_DIR/sources/.download-$name"
    rm -rf "$tmp" && mkdir -p "$tmp"
    log "downloading Debian source package $name=$version"
    (cd "$tmp" && apt-get source -qq --download-only "$name=$version" >&2) ||
      die "apt-get source $name=$version failed (needs deb-src entries in /etc/apt/sources.list.d and apt-get update)"
    (cd "$tmp" && dpkg-source -x ./*.dsc src >/dev/null 2>&1) || die "dpkg-source could not unpack $name=$version in $tmp"
    mv "$tmp/src" "$dir"
    rm -rf "$tmp"
  fi
  echo "$dir"
}

# The dynamic busybox conflicts with busybox-static on the host, so it is only downloaded
# and unpacked, never installed.
fetch_dynamic_busybox() {
  local dir="$CACHE_DIR/debs/busybox_$BUSYBOX_VERSION"
  if [ ! -x "$dir/bin/busybox" ]; then
    local tmp="$CACHE_DIR/debs/.download-busybox"
    rm -rf "$tmp" && mkdir -p "$tmp"
    log "downloading Debian binary package busybox=$BUSYBOX_VERSION"
    (cd "$tmp" && apt-get download -qq "busybox=$BUSYBOX_VERSION" >&2) ||
      die "apt-get download busybox=$BUSYBOX_VERSION failed (run apt-get update)"
    dpkg-deb -x "$tmp"/busybox_*.deb "$tmp/root"
    rm -rf "$dir" && mv "$tmp/root" "$dir" && rm -rf "$tmp"
  fi
  [ -x "$dir/bin/busybox" ] || die "busybox=$BUSYBOX_VERSION has no bin/busybox in $dir"
  echo "$dir/bin/busybox"
}

# Compiling the allocators is the slow part; it is cached by everything that shapes it.
build_allocators() {
  local key dir
  key=$(
    cat "$HERE/build-allocators.sh"
    echo "$JEMALLOC_VERSION $MIMALLOC_VERSION $MUSL_VERSION $GCC_VERSION"
  )
  key=$(echo "$key" | sha256sum | cut -c1-12)
  dir="$CACHE_DIR/allocators/$key"
  if [ ! -d "$dir" ]; then
    local jemalloc_src mimalloc_src
    jemalloc_src=$(fetch_source jemalloc "$JEMALLOC_VERSION")
    mimalloc_src=$(fetch_source mimalloc "$MIMALLOC_VERSION")
    bash "$HERE/build-allocators.sh" "$dir.tmp" "$jemalloc_src" "$mimalloc_src" "$JOBS"
    mv "$dir.tmp" "$dir"
  fi
  echo "$dir"
}

# ---- root filesystems ----------------------------------------------------------------------

# copy_packages ROOT CLOSURE: every file of the listed installed packages, with Debian's
# /lib, /lib64, /bin and /sbin paths moved under /usr (ROOT has the Alpaquita-style links).
copy_packages() {
  local root=$1 closure=$2 list
  list=$(mktemp)
  # shellcheck disable=SC2046 # one word per package
  dpkg -L $(echo "$closure" | cut -d' ' -f1) | grep -Ev "$EXCLUDED_PATHS" | sort -u |
    while IFS= read -r path; do
      # Directories come with their files; listing them would copy /lib's host symlink.
      if [ ! -d "$path" ] && { [ -e "$path" ] || [ -L "$path" ]; }; then
        echo "${path#/}"
      fi
    done >"$list"
  tar -C / -cf - --no-recursion -T "$list" |
    tar -C "$root" -xf - \
      --transform='s,^lib/,usr/lib/,S' --transform='s,^lib64/,usr/lib64/,S' \
      --transform='s,^bin/,usr/bin/,S' --transform='s,^sbin/,usr/sbin/,S'
  rm -f "$list"
}

# install_busybox ROOT BUSYBOX: busybox plus a link per applet, except where a real program
# (binutils' ar or strings, say) is already in place.
install_busybox() {
  local root=$1 busybox=$2 applet
  install -m 0755 "$busybox" "$root/usr/bin/busybox"
  "$busybox" --list-full | while IFS= read -r applet; do
    applet=${applet#/}
    case "$applet" in
      bin/* | sbin/*) applet="usr/$applet" ;;
    esac
    [ -e "$root/$applet" ] || [ -L "$root/$applet" ] || ln -s /usr/bin/busybox "$root/$applet"
  done
}

# db_entry NAME VERSION DESCRIPTION: one record of apk's installed database. The name also
# goes into the world file, where apk lists what was installed on purpose.
db_entry() {
  printf 'P:%s\nV:%s\nA:x86_64\nT:%s\no:%s\n\n' "$1" "$2" "$3" "$1"
  echo "$1" >>"$WORLD_FILE"
}

# store_package ROOT NAME VERSION DESCRIPTION LIBRARY...: a package the stand-in apk offers;
# its libraries go to /usr/lib (that is, /lib) when installed. Each also gets its -global
# subpackage as Alpaquita builds it: a profile script preloading the library, providing
# malloc-global=1 (so two of them conflict) and depending on the package.
store_package() {
  local root=$1 name=$2 version=$3 description=$4 dir
  shift 4
  dir="$root$STORE/$name"
  mkdir -p "$dir/files/usr/lib"
  echo "$version" >"$dir/version"
  echo "$description" >"$dir/description"
  cp -a "$@" "$dir/files/usr/lib/"
  store_global_package "$root" "$name" "$version" "$(cd "$dir/files/usr/lib" && ls | sort | head -n1)"
}

# store_global_package ROOT NAME VERSION LIBRARY: NAME-global, preloading /lib/LIBRARY.
store_global_package() {
  local root=$1 name=$2 version=$3 library=$4 dir
  dir="$root$STORE/$name-global"
  mkdir -p "$dir/files/etc/profile.d"
  echo "$version" >"$dir/version"
  echo "$name preloaded by login shells" >"$dir/description"
  echo "malloc-global=1" >"$dir/provides"
  echo "$name" >"$dir/depends"
  printf 'LD_PRELOAD=/lib/%s\nexport LD_PRELOAD\n' "$library" >"$dir/files/etc/profile.d/$name.sh"
}

os_release() {
  cat <<EOF
NAME="Alpaquita Linux"
ID=alpaquita
ID_LIKE=alpine
VERSION_ID=${2:-stream}
PRETTY_NAME="Alpaquita Linux ${3:-Stream} (malloc-matrix test stand-in, $1)"
HOME_URL="https://bell-sw.com/alpaquita-linux/"
LIBC_TYPE=$1
EOF
}

# make_skeleton ROOT LIBC: directories, Alpaquita's /lib -> usr/lib links, users, os-release,
# and apk's files where Alpaquita's apk-tools keeps them (the database under /var/lib/apk).
make_skeleton() {
  local root=$1 libc=$2
  [ -n "$root" ] || die "make_skeleton needs a root directory"
  rm -rf "$root"
  mkdir -p "$root"/usr/{bin,sbin,lib,lib64,local/bin} "$root"/{etc/apk,dev,proc,sys,run,home,root,opt,tmp,var/tmp}
  mkdir -p "$root$(dirname "$APK_DB")"
  ln -s usr/lib "$root/lib"
  ln -s usr/lib64 "$root/lib64"
  ln -s usr/bin "$root/bin"
  ln -s usr/sbin "$root/sbin"
  chmod 1777 "$root/tmp" "$root/var/tmp"
  chmod 0700 "$root/root"
  install -m 0644 "$HERE/files/passwd" "$HERE/files/group" "$root/etc/"
  install -m 0755 "$HERE/files/apk" "$root/usr/sbin/apk"
  grep -qx "DB=$APK_DB" "$root/usr/sbin/apk" || die "files/apk does not keep its database at $APK_DB"
  # The stand-in store is the only repository; an http(s) line added here cannot be reached.
  echo "$STORE" >"$root/etc/apk/repositories"
  WORLD_FILE="$root/etc/apk/world"
  : >"$WORLD_FILE"
  os_release "$libc" >"$root/etc/os-release"
}

build_musl_rootfs() {
  local root=$1 allocators=$2
  make_skeleton "$root" musl
  copy_packages "$root" "$MUSL_CLOSURE"
  install_busybox "$root" /bin/busybox
  # Debian's musl looks in its multiarch directory; Alpaquita keeps libraries in /usr/lib.
  printf '/lib\n/usr/local/lib\n/usr/lib\n/usr/lib/x86_64-linux-musl\n' >"$root/etc/ld-musl-x86_64.path"
  rm -f "$root/usr/bin/cc" "$root/usr/bin/gcc" "$root/usr/bin/ldd"
  install -m 0755 "$HERE/files/musl-cc" "$root/usr/bin/cc"
  ln -s cc "$root/usr/bin/gcc"
  install -m 0755 "$HERE/files/musl-ldd" "$root/usr/bin/ldd"
  {
    db_entry alpaquita-baselayout "1.0.0-r3" "Alpaquita base layout (stand-in)"
    db_entry musl-perf "$(apk_version "$MUSL_VERSION")" "musl libc, performance build (stand-in: Debian musl $MUSL_VERSION)"
    db_entry busybox "$(apk_version "$BUSYBOX_VERSION")" "BusyBox (stand-in: Debian busybox-static $BUSYBOX_VERSION)"
    db_entry apk-tools "$APK2_VERSION" "apk package manager (stand-in script)"
    db_entry gcc "$(apk_version "$GCC_VERSION")" "GNU C compiler targeting musl (stand-in: Debian gcc-12 with musl specs)"
    db_entry musl-dev "$(apk_version "$MUSL_VERSION")" "musl headers and startup files"
  } >"$root$APK_DB"
  local jemalloc_v mimalloc_v
  jemalloc_v=$(apk_version "$JEMALLOC_VERSION")
  mimalloc_v=$(apk_version "$MIMALLOC_VERSION")
  store_package "$root" jemalloc "$jemalloc_v" "jemalloc built with musl-gcc" "$allocators"/musl/jemalloc/*
  store_package "$root" mimalloc "$mimalloc_v" "mimalloc built with musl-gcc" "$allocators"/musl/mimalloc/*
  store_package "$root" mimalloc-secure "$mimalloc_v" "mimalloc (MI_SECURE) built with musl-gcc" "$allocators"/musl/mimalloc-secure/*
  # Kept aside for the LTS variant, whose mimalloc is the 1.x build.
  mkdir -p "$root$LTS_STASH"
  cp -a "$allocators"/musl/mimalloc-v1/* "$root$LTS_STASH/"
}

build_glibc_rootfs() {
  local root=$1 allocators=$2 busybox=$3
  make_skeleton "$root" glibc
  copy_packages "$root" "$GLIBC_CLOSURE"
  install_busybox "$root" "$busybox"
  ln -s gcc "$root/usr/bin/cc"
  # Alpaquita's glibc lives directly in /lib; keep the version probe `/lib/libc.so.6` working.
  ln -s x86_64-linux-gnu/libc.so.6 "$root/usr/lib/libc.so.6"
  # Debian's ldd asks for bash, which Alpaquita does not have; busybox ash runs it fine.
  sed -i '1s,^#!.*,#!/bin/sh,' "$root/usr/bin/ldd"
  {
    db_entry alpaquita-baselayout "1.0.0-r3" "Alpaquita base layout (stand-in)"
    db_entry glibc "$(apk_version "$GLIBC_VERSION")" "GNU C library (stand-in: Debian libc6 $GLIBC_VERSION)"
    db_entry libgcc "$(apk_version "$GCC_VERSION")" "GCC runtime library"
    db_entry busybox "$(apk_version "$BUSYBOX_VERSION")" "BusyBox (stand-in: Debian busybox $BUSYBOX_VERSION)"
    db_entry apk-tools "$APK2_VERSION" "apk package manager (stand-in script)"
    db_entry gcc "$(apk_version "$GCC_VERSION")" "GNU C compiler (stand-in: Debian gcc-12)"
    db_entry glibc-dev "$(apk_version "$GLIBC_VERSION")" "glibc headers and startup files"
  } >"$root$APK_DB"
  local jemalloc_v mimalloc_v multiarch=/usr/lib/x86_64-linux-gnu
  jemalloc_v=$(apk_version "$JEMALLOC_VERSION")
  mimalloc_v=$(apk_version "$MIMALLOC_VERSION")
  store_package "$root" jemalloc "$jemalloc_v" "jemalloc (Debian libjemalloc2)" "$multiarch"/libjemalloc.so.2
  store_package "$root" mimalloc "$mimalloc_v" "mimalloc (Debian libmimalloc2.0)" "$multiarch"/libmimalloc.so.2*
  store_package "$root" mimalloc-secure "$mimalloc_v" "mimalloc (MI_SECURE) built with gcc" "$allocators"/glibc/mimalloc-secure/*
}

# import_rootfs ROOT TAG: the directory becomes a one-layer image owned by root.
import_rootfs() {
  log "importing $2"
  tar -C "$1" --numeric-owner --owner=0 --group=0 -cf - . |
    docker import \
      --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      --change 'CMD ["/bin/sh"]' \
      --change "LABEL org.malloc-matrix.standin=$HASH" \
      - "$2" >/dev/null
}

# derive_image FROM TAG SCRIPT: runs the shell SCRIPT in a container of FROM and commits the
# result as TAG with FROM's command. The variants share FROM's layer and cost seconds.
derive_image() {
  local from=$1 tag=$2 script=$3 container
  log "deriving $tag"
  container=$(docker create "$from" /bin/sh -c "$script")
  if ! docker start --attach "$container" >&2; then
    docker rm "$container" >/dev/null
    die "deriving $tag from $from failed"
  fi
  docker commit --change 'CMD ["/bin/sh"]' "$container" "$tag" >/dev/null
  docker rm "$container" >/dev/null
}

# The apk-tools 3 variant: its apk switched to apk-tools 3's messages and formats.
apk3_script() {
  cat <<SCRIPT
set -e
sed -i 's/^GENERATION=2\$/GENERATION=3/' /usr/sbin/apk
grep -qx 'GENERATION=3' /usr/sbin/apk
sed -i 's/^V:$APK2_VERSION\$/V:$APK3_VERSION/' $APK_DB
grep -qx 'V:$APK3_VERSION' $APK_DB
SCRIPT
}

# The negative-test image: the musl image, but /etc/os-release claims glibc.
wronglibc_script() {
  cat <<SCRIPT
set -e
cat >/etc/os-release <<'RELEASE'
$(os_release glibc)
RELEASE
SCRIPT
}

# The LTS release: VERSION_ID=23, and the store's mimalloc is the 1.x build (.so.1), which
# its -global subpackage preloads.
lts_script() {
  cat <<SCRIPT
set -e
cat >/etc/os-release <<'RELEASE'
$(os_release musl 23 23)
RELEASE
rm -f $STORE/mimalloc/files/usr/lib/*
mv $LTS_STASH/* $STORE/mimalloc/files/usr/lib/
rm -rf $(dirname "$LTS_STASH")
ls $STORE/mimalloc/files/usr/lib/libmimalloc.so.1
printf 'LD_PRELOAD=/lib/libmimalloc.so.1\nexport LD_PRELOAD\n' >$STORE/mimalloc-global/files/etc/profile.d/mimalloc.sh
SCRIPT
}

# apk's database moved where neither Alpaquita's, upstream's nor apk 3's path finds it; the
# stand-in apk is told, as a differently built apk-tools would be.
moved_db_script() {
  cat <<SCRIPT
set -e
mkdir -p $(dirname "$MOVED_APK_DB")
mv $APK_DB $MOVED_APK_DB
sed -i 's,^DB=$APK_DB\$,DB=$MOVED_APK_DB,' /usr/sbin/apk
grep -qx 'DB=$MOVED_APK_DB' /usr/sbin/apk
SCRIPT
}

ALLOCATORS=$(build_allocators)
DYNAMIC_BUSYBOX=$(fetch_dynamic_busybox)
WORK="$CACHE_DIR/work-$HASH"
trap 'rm -rf "$WORK"' EXIT

log "assembling the musl root filesystem"
build_musl_rootfs "$WORK/musl" "$ALLOCATORS"
import_rootfs "$WORK/musl" "$MUSL_IMAGE"
rm -rf "$WORK/musl"

log "assembling the glibc root filesystem"
build_glibc_rootfs "$WORK/glibc" "$ALLOCATORS" "$DYNAMIC_BUSYBOX"
import_rootfs "$WORK/glibc" "$GLIBC_IMAGE"
rm -rf "$WORK/glibc"

derive_image "$MUSL_IMAGE" "$MUSL_APK3_IMAGE" "$(apk3_script)"
derive_image "$GLIBC_IMAGE" "$GLIBC_APK3_IMAGE" "$(apk3_script)"
derive_image "$MUSL_IMAGE" "$WRONGLIBC_IMAGE" "$(wronglibc_script)"
derive_image "$MUSL_IMAGE" "$LTS_MUSL_IMAGE" "$(lts_script)"
derive_image "$MUSL_APK3_IMAGE" "$MOVEDDB_IMAGE" "$(moved_db_script)"
log "done in $((SECONDS - started))s"
print_images
