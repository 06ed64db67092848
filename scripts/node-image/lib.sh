# Shared helpers for scripts/build-node-image and scripts/build-k8s-binaries (sourced, not run).
# Progress and errors go to stderr; stdout is kept for a script's one result line.

CACHE="${DIND_CACHE_DIR:-/var/cache/dind-cluster}"
DEB_SRC_FILE=/etc/apt/sources.list.d/dind-cluster-src.sources
LOG_TAG="${LOG_TAG:-$(basename "$0")}"

log() { printf '[%s] %s\n' "${LOG_TAG}" "$*" >&2; }
die() { printf '[%s] error: %s\n' "${LOG_TAG}" "$*" >&2; exit 1; }
# Invalid input: nothing was created.
die_usage() { printf '[%s] error: %s\n' "${LOG_TAG}" "$*" >&2; exit 2; }

# set -e would otherwise end a script silently on an unexpected failure.
trap 'printf "[%s] error: unexpected failure (exit %s) at %s:%s: %s\n" "${LOG_TAG}" "$?" "${BASH_SOURCE[0]}" "${LINENO}" "${BASH_COMMAND}" >&2' ERR

sha256() { sha256sum | cut -d' ' -f1; }

# node_tree_contents: every path under scripts/node-image/node with its content (a link's target), in a
# fixed order: what the node base images' cache keys hash.
node_tree_contents() {
  (cd "$(dirname "${BASH_SOURCE[0]}")/node" && find . -print0 | LC_ALL=C sort -z \
    | xargs -0 -I{} sh -c 'echo "{}"; if [ -L "{}" ]; then readlink "{}"; elif [ -f "{}" ]; then cat "{}"; fi')
}

_step_name=""
_step_t0=0
step_start() { _step_name="$1"; _step_t0="$(date +%s.%N)"; log "${_step_name} ..."; }
step_end() {
  local t1; t1="$(date +%s.%N)"
  local secs; secs="$(awk -v a="${_step_t0}" -v b="${t1}" 'BEGIN { printf "%.1f", b - a }')"
  log "${_step_name} done in ${secs} s"
  if [ -n "${DIND_TIMINGS_FILE:-}" ]; then printf '%s\t%s\n' "${_step_name}" "${secs}" >>"${DIND_TIMINGS_FILE}"; fi
}

require_root() {
  [ "$(id -u)" = 0 ] || die "must run as root (it installs Debian packages, runs debootstrap and talks to dockerd); try: sudo $0 $*"
}

require_engine() {
  command -v docker >/dev/null 2>&1 || die "no docker CLI found; run scripts/ensure-docker (installs Debian's docker.io) first"
  docker version --format '{{.Server.Version}}' >/dev/null 2>&1 \
    || die "no Docker engine answers on ${DOCKER_HOST:-/var/run/docker.sock}; run scripts/ensure-docker first"
}

pkg_version() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null || true; }

# The versioned Go package golang-go depends on (golang-1.19-go on bookworm).
go_debian_package() {
  dpkg-query -W -f='${Depends}' golang-go 2>/dev/null | tr ',' '\n' | sed -n 's/^ *\(golang-[0-9.]*-go\).*/\1/p' | head -n1
}

_apt_updated=false
apt_update_once() {
  ${_apt_updated} && return 0
  apt-get update -qq >&2 || die "apt-get update failed (is Debian's mirror reachable?)"
  _apt_updated=true
}

# Installs the named Debian packages when missing; a package Debian does not have is a clear error.
ensure_packages() {
  local missing=() p
  for p in "$@"; do
    [ "$(dpkg-query -W -f='${Status}' "${p}" 2>/dev/null)" = "install ok installed" ] || missing+=("${p}")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  apt_update_once
  for p in "${missing[@]}"; do
    apt-cache show "${p}" >/dev/null 2>&1 || die "Debian package '${p}' is not available from the configured mirror"
  done
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=600 --no-install-recommends "${missing[@]}" >&2 \
    || die "apt-get install ${missing[*]} failed"
}

# A deb-src entry for bookworm with the same URI and keyring as the machine's `deb` entry
# (the stock sources have none, and `apt-get source kubernetes` needs it).
ensure_deb_src() {
  if apt-cache showsrc kubernetes >/dev/null 2>&1 && [ -n "$(apt-cache showsrc kubernetes 2>/dev/null)" ]; then
    return 0
  fi
  local uri keyring suite
  read -r uri keyring suite < <(debian_mirror)
  [ -n "${uri}" ] || die "cannot find Debian's mirror in /etc/apt/sources.list.d/debian.sources or /etc/apt/sources.list"
  log "adding deb-src entry ${uri} ${suite} to ${DEB_SRC_FILE}"
  {
    echo "Types: deb-src"
    echo "URIs: ${uri}"
    echo "Suites: ${suite}"
    echo "Components: main"
    if [ "${keyring}" != "-" ]; then echo "Signed-By: ${keyring}"; fi
  } >"${DEB_SRC_FILE}"
  _apt_updated=false
  apt_update_once
}

# Prints "URI KEYRING SUITE" of the machine's main Debian `deb` entry (deb822 or one-line format).
debian_mirror() {
  local f=/etc/apt/sources.list.d/debian.sources
  if [ -f "${f}" ]; then
    awk '
      BEGIN { RS=""; FS="\n" }
      /Types:[^\n]*deb([ \n]|$)/ && $0 !~ /security/ {
        uri=""; key=""; suite=""
        for (i = 1; i <= NF; i++) {
          if ($i ~ /^URIs:/) { split($i, a, " "); uri=a[2] }
          if ($i ~ /^Signed-By:/) { split($i, a, " "); key=a[2] }
          if ($i ~ /^Suites:/) { split($i, a, " "); suite=a[2] }
        }
        if (uri != "") { print uri, (key == "" ? "-" : key), suite; exit }
      }' "${f}"
    return
  fi
  awk '$1 == "deb" && $0 !~ /security/ { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i, "-", $(i+1); exit } }' \
    /etc/apt/sources.list 2>/dev/null
}
