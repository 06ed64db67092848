# Shared helpers for the end-to-end tests (sourced, not run). They call the fixed script through
# the project's JBang launcher, exactly as users do; the docker CLI is used only to check results.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DIND="${DIND:-$ROOT/scripts/jbang $ROOT/fixed/dind-cluster-v1.20.java}"
TEST_TOOLS="${TEST_TOOLS:-/var/cache/dind-cluster/test-tools}"
POD_IMAGE="dind-cluster-test/pod:1"

log() { printf '[%s %s] %s\n' "$(basename "$0")" "$(date +%T)" "$*" >&2; }
fail() { printf '[%s] FAIL: %s\n' "$(basename "$0")" "$*" >&2; exit 1; }
dind() { $DIND "$@"; }

# kubectl for checking clusters from the host: the one built into the node image (any kubectl works).
ensure_kubectl() {
  if [ ! -x "$TEST_TOOLS/kubectl" ]; then
    mkdir -p "$TEST_TOOLS"
    local c; c=$(docker create dind-cluster/node:v1.20.2 true)
    docker cp "$c:/usr/bin/kubectl" "$TEST_TOOLS/kubectl"
    docker rm "$c" >/dev/null
  fi
  KUBECTL="$TEST_TOOLS/kubectl"
}

# A tiny image for test pods, made without a registry from Debian's static busybox.
ensure_pod_image() {
  docker image inspect "$POD_IMAGE" >/dev/null 2>&1 && return 0
  [ -x /bin/busybox ] || fail "need /bin/busybox (apt-get install busybox-static)"
  local dir; dir=$(mktemp -d)
  mkdir -p "$dir/bin" "$dir/tmp" "$dir/etc"
  cp /bin/busybox "$dir/bin/busybox"
  for applet in $(/bin/busybox --list); do
    [ "$applet" = busybox ] || ln -s busybox "$dir/bin/$applet"
  done
  echo 'root:x:0:0:root:/:/bin/sh' > "$dir/etc/passwd"
  tar -C "$dir" -c . | docker import -c 'CMD ["sh"]' -c 'ENV PATH=/bin' \
    -c 'LABEL dev.dindcluster.test-image=1' - "$POD_IMAGE" >/dev/null
  rm -rf "$dir"
}

# wait_for <seconds> <description> <command...>
wait_for() {
  local seconds=$1 what=$2; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || fail "timed out after ${seconds}s waiting for: $what"
    sleep 1
  done
}

count_labelled() { # <kind: ps|volume|network> <filter>
  case "$1" in
    ps) docker ps -aq --filter "label=$2" | wc -l ;;
    volume) docker volume ls -q --filter "label=$2" | wc -l ;;
    network) docker network ls -q --filter "label=$2" | wc -l ;;
  esac
}
