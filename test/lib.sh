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

# check_default_dns <kubectl function> <name> <expected address>: a pod with dnsPolicy Default (not
# hostNetwork) inherits the node's resolv.conf, as kubeadm's CoreDNS and kube-dns do. It must name no
# loopback resolver (the engine's 127.0.0.11 answers only in the node's own namespace) and answer <name>.
check_default_dns() {
  local kc=$1 name=$2 want=$3 pod="dns-default-$RANDOM" out
  "$kc" run "$pod" --image "$POD_IMAGE" --image-pull-policy=Never --restart=Never \
    --overrides '{"apiVersion":"v1","spec":{"dnsPolicy":"Default","terminationGracePeriodSeconds":1}}' \
    --command -- sh -c "cat /etc/resolv.conf; echo ---; nslookup $name" >/dev/null
  local deadline=$((SECONDS + 90)) phase=""
  until [[ "$phase" =~ ^(Succeeded|Failed)$ ]]; do
    [ $SECONDS -lt $deadline ] || fail "timed out after 90s waiting for pod $pod to finish (phase '$phase')"
    sleep 1
    phase=$("$kc" get pod "$pod" -o jsonpath='{.status.phase}' 2>/dev/null || true)
  done
  out=$("$kc" logs "$pod" 2>&1 || true)
  "$kc" delete pod "$pod" --wait=false >/dev/null 2>&1 || true
  if printf '%s\n' "$out" | sed '/^---$/q' | grep -qE '^nameserver +(127\.|::1)'; then
    fail "a dnsPolicy Default pod got a loopback resolver: $(printf '%s' "$out" | tr '\n' ' ')"
  fi
  printf '%s\n' "$out" | sed '1,/^---$/d' | grep -q "Address.*$want" \
    || fail "a dnsPolicy Default pod did not resolve $name to $want: $(printf '%s' "$out" | tr '\n' ' ')"
  log "  ok: a dnsPolicy Default pod resolves $name ($want) through $(printf '%s\n' "$out" | awk '/^nameserver/ {print $2}' | tr '\n' ' ')"
}

# A free TCP port on 127.0.0.1, as the kernel picks one (free when asked: use it at once).
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# push_test_image <image> <text>: builds <image> on the host from the pod image, with /built holding
# <text>, and pushes it (to a local registry: the image name says which).
push_test_image() {
  local dir; dir=$(mktemp -d)
  printf 'FROM %s\nRUN echo %s > /built\n' "$POD_IMAGE" "$2" >"$dir/Dockerfile"
  docker build -q -t "$1" "$dir" >/dev/null 2>"$dir/build.err" || { cat "$dir/build.err" >&2; rm -rf "$dir"; fail "docker build of $1 failed"; }
  rm -rf "$dir"
  docker push "$1" >/dev/null || fail "docker push $1 failed"
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

# expect_exit CODE DESCRIPTION COMMAND...: fails the test unless COMMAND exits with CODE; its stdout
# is left in $workdir/out and its stderr in $workdir/expect.err for the checks that follow.
expect_exit() {
  local want=$1 what=$2; shift 2
  local got=0
  "$@" >"$workdir/out" 2>"$workdir/expect.err" || got=$?
  [ "$got" = "$want" ] || fail "$what: exit $got, expected $want: $(cat "$workdir/expect.err")"
}

count_labelled() { # <kind: ps|volume|network> <filter>
  case "$1" in
    ps) docker ps -aq --filter "label=$2" | wc -l ;;
    volume) docker volume ls -q --filter "label=$2" | wc -l ;;
    network) docker network ls -q --filter "label=$2" | wc -l ;;
  esac
}

# Test artifacts (screenshots) a CI job can keep; not in git.
ARTIFACTS="${TEST_ARTIFACTS:-$ROOT/test-artifacts}"

# Debian's chromium, for rendering dump reports headless.
ensure_chromium() {
  command -v chromium >/dev/null 2>&1 && return 0
  log "installing Debian's chromium (once per machine)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -o DPkg::Lock::Timeout=600 --no-install-recommends chromium >/dev/null 2>&1 \
    || fail "apt-get install chromium failed"
}

# render_report <index.html> <name>: the page's DOM as Chromium renders it on stdout, and a
# screenshot in $ARTIFACTS/<name>.png. Chromium runs in a network namespace of its own with only
# loopback, so it cannot send a packet anywhere (the page is a local file and loads nothing).
render_report() {
  local page=$1 name=$2 flags
  mkdir -p "$ARTIFACTS"
  flags=(--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --disable-background-networking
         --disable-component-update --disable-sync --disable-default-apps --user-data-dir="$(mktemp -d)")
  unshare --net chromium "${flags[@]}" --window-size=1280,1600 --screenshot="$ARTIFACTS/$name.png" "file://$page" \
    >/dev/null 2>&1 || fail "chromium could not screenshot $page"
  [ -s "$ARTIFACTS/$name.png" ] || fail "chromium wrote no screenshot of $page"
  unshare --net chromium "${flags[@]}" --dump-dom "file://$page" 2>/dev/null
}
