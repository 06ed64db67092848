#!/usr/bin/env bash
# Every fixed script and every catalog alias compiles through JBang and answers --help and plan,
# called exactly as users call them (from the repo root).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
jbang=scripts/jbang
fail() { echo "FAIL: $*" >&2; exit 1; }

check() { # <script-or-alias> <expected kubernetes version>
  local target=$1 version=$2 out
  out=$($jbang "$target" --help 2>/dev/null) || fail "$target --help exited non-zero"
  grep -q 'plan' <<<"$out" || fail "$target --help does not list plan"
  out=$($jbang "$target" plan --json 2>/dev/null) || fail "$target plan --json exited non-zero"
  grep -q '"image" *: *"dind-cluster/node:'"$version"'"' <<<"$out" \
    || fail "$target plan --json does not pin image dind-cluster/node:$version: $out"
  local rc=0
  $jbang "$target" plan --set IP_MODE=ipv5 >/dev/null 2>&1 || rc=$?
  [ "$rc" = 2 ] || fail "$target plan with IP_MODE=ipv5 exited $rc, want 2"
  echo "ok  $target (Kubernetes $version)" >&2
}

# A catalog alias resolves to its script: plan pins the version (the rest is the script's, checked above).
check_alias() { # <alias> <expected kubernetes version>
  local out
  out=$($jbang "$1" plan --json 2>/dev/null) || fail "$1 plan --json exited non-zero"
  grep -q '"image" *: *"dind-cluster/node:'"$2"'"' <<<"$out" || fail "$1 plan --json does not pin image dind-cluster/node:$2"
  echo "ok  $1 -> Kubernetes $2" >&2
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
check_kubeadm_config() { # <script> <minor>
  local out api
  api=$(kubeadm_api "$2")
  out=$($jbang "$1" plan --kubeadm-config 2>/dev/null) || fail "$1 plan --kubeadm-config exited non-zero"
  [ "$(grep -c "^apiVersion: kubeadm.k8s.io/" <<<"$out")" -ge 2 ] || fail "$1 plan --kubeadm-config renders no init and join documents"
  ! grep "^apiVersion: kubeadm.k8s.io/" <<<"$out" | grep -qv "kubeadm.k8s.io/$api\$" \
    || fail "$1 plan --kubeadm-config does not render kubeadm.k8s.io/$api only: $(grep '^apiVersion: kubeadm' <<<"$out" | sort -u | tr '\n' ' ')"
  echo "ok  $1 renders kubeadm.k8s.io/$api" >&2
}

while read -r minor version flag; do
  case "$minor" in ''|'#'*) continue ;; esac
  check "fixed/dind-cluster-$minor.java" "$version"
  check_kubeadm_config "fixed/dind-cluster-$minor.java" "$minor"
  check_alias "dind-cluster-$minor" "$version"
  [ "${flag:-}" = default ] && check dind-cluster "$version"
done < scripts/fixed-versions
echo "fixed scripts: all answer --help and plan through JBang" >&2
