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

while read -r minor version flag; do
  case "$minor" in ''|'#'*) continue ;; esac
  check "fixed/dind-cluster-$minor.java" "$version"
  check "dind-cluster-$minor" "$version"
  [ "${flag:-}" = default ] && check dind-cluster "$version"
done < scripts/fixed-versions
echo "fixed scripts: all answer --help and plan through JBang" >&2
