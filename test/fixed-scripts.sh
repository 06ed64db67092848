#!/usr/bin/env bash
# Every fixed script and every catalog alias compiles through JBang and plans its own version and
# kubeadm API, called exactly as users call them (from the repo root); help and bad input once.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
jbang=scripts/jbang
fail() { echo "FAIL: $*" >&2; exit 1; }

# A script compiles through JBang and its plan pins its version.
check() { # <script-or-alias> <expected kubernetes version>
  local target=$1 version=$2 out
  out=$($jbang "$target" plan -o json 2>/dev/null) || fail "$target plan -o json exited non-zero"
  grep -q '"image" *: *"dind-cluster/node:'"$version"'"' <<<"$out" \
    || fail "$target plan -o json does not pin image dind-cluster/node:$version: $out"
  echo "ok  $target (Kubernetes $version)" >&2
}

# What every script shares (help, validation) is checked once, on the default one.
check_shared() { # <script>
  local out rc=0
  out=$($jbang "$1" --help 2>/dev/null) || fail "$1 --help exited non-zero"
  grep -q 'plan' <<<"$out" || fail "$1 --help does not list plan"
  $jbang "$1" plan --set IP_MODE=ipv5 >/dev/null 2>&1 || rc=$?
  [ "$rc" = 2 ] || fail "$1 plan with IP_MODE=ipv5 exited $rc, want 2"
  echo "ok  $1 --help, and bad input exits 2" >&2
}

# The kubeadm API each pinned minor's configuration must use (kubeadm's own API ranges).
kubeadm_api() {
  case "$1" in
    v1.8|v1.9|v1.10) echo v1alpha1 ;;
    v1.20) echo v1beta2 ;;
    v1.35|v1.36|v1.37) echo v1beta4 ;;
    *) fail "no expected kubeadm API for $1 in test/fixed-scripts.sh" ;;
  esac
}
check_kubeadm_config() { # <script-or-alias> <minor> <kubernetes version>
  local out api
  api=$(kubeadm_api "$2")
  out=$($jbang "$1" plan --kubeadm-config 2>/dev/null) || fail "$1 plan --kubeadm-config exited non-zero"
  [ "$(grep -c "^apiVersion: kubeadm.k8s.io/" <<<"$out")" -ge 2 ] || fail "$1 plan --kubeadm-config renders no init and join documents"
  ! grep "^apiVersion: kubeadm.k8s.io/" <<<"$out" | grep -qv "kubeadm.k8s.io/$api\$" \
    || fail "$1 plan --kubeadm-config does not render kubeadm.k8s.io/$api only: $(grep '^apiVersion: kubeadm' <<<"$out" | sort -u | tr '\n' ' ')"
  grep -q "^kubernetesVersion: $3\$" <<<"$out" || fail "$1 plan --kubeadm-config does not configure Kubernetes $3"
  echo "ok  $1 renders kubeadm.k8s.io/$api for $3" >&2
}

while read -r minor version flag; do
  case "$minor" in ''|'#'*) continue ;; esac
  check "fixed/dind-cluster-$minor.java" "$version"
  # Through the alias: it resolves to the script of that version and renders its kubeadm API.
  check_kubeadm_config "dind-cluster-$minor" "$minor" "$version"
  if [ "${flag:-}" = default ]; then check dind-cluster "$version"; check_shared "fixed/dind-cluster-$minor.java"; fi
done < scripts/fixed-versions
echo "fixed scripts and aliases: all plan their own version through JBang" >&2

# The launcher's cache of JBang's command: used when nothing changed (with the caller's arguments
# exactly as given), rebuilt when the script changes, skipped when a jar it names is gone.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp fixed/dind-cluster-v1.20.java "$tmp/pinned.java"
export XDG_CACHE_HOME="$tmp/cache"
cache="$tmp/cache/dind-cluster/launch"
$jbang "$tmp/pinned.java" --version >/dev/null 2>&1 || fail "the pinned copy does not run"
[ "$(ls "$cache" | wc -l)" = 1 ] || fail "the launcher cached no command"
[ "$(stat -c %a "$cache")" = 700 ] || fail "the launch cache is not private (mode $(stat -c %a "$cache"))"
# A stand-in entry shows the cache is what runs, and how the arguments arrive.
entry=$(ls "$cache"/*)
printf '%s -classpath %s cache-hit __dind_cluster_launch_args__\n' "$(type -P echo)" "$tmp" >"$entry"
out=$($jbang "$tmp/pinned.java" "a b" "'q'" '$HOME' '*')
[ "$out" = "-classpath $tmp cache-hit a b 'q' \$HOME *" ] || fail "the cached command did not run with the arguments as given: $out"
chmod 666 "$entry"
$jbang "$tmp/pinned.java" --version 2>/dev/null | grep -q "Kubernetes v1.20.2" || fail "a cache entry others can write was used"
sed -i 's/"dind-cluster-v1.20", "v1.20.2"/"dind-cluster-v1.20", "v1.20.9"/' "$tmp/pinned.java"
$jbang "$tmp/pinned.java" --version 2>/dev/null | grep -q "Kubernetes v1.20.9" || fail "a changed script ran from the stale cache"
for f in "$cache"/*; do
  sed -i 's/ -classpath / -classpath \/nonexistent.jar:/; s/ dind_cluster_v1_20 / NoSuchMainClass /' "$f"
done
$jbang "$tmp/pinned.java" --version 2>/dev/null | grep -q "Kubernetes v1.20.9" || fail "a cache entry naming a missing jar was used"
echo "launcher cache: reused with the arguments as given, rebuilt for a changed script, skipped when a jar is gone or others can write it" >&2
