#!/usr/bin/env bash
# Bad input to scripts/build-node-image ends with a clear error and the documented exit code, and
# leaves no image tagged that was not there before. Also builds once from a directory of ready
# binaries (--binaries) under a throw-away tag, removed at the end.
#   test/node-image-bad-input.sh
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${ROOT}/scripts/build-node-image"
TMP="$(mktemp -d)"
chmod 755 "${TMP}"
TEST_TAG="dind-cluster/node:bad-input-test-$$"
trap 'rm -rf "${TMP}"; docker rmi "${TEST_TAG}" >/dev/null 2>&1 || true' EXIT
passed=0 failed=0
log() { printf '[%s] %s\n' "$(basename "$0")" "$*" >&2; }
images() { docker images --format '{{.Repository}}:{{.Tag}} {{.ID}}' | grep -E '^dind-cluster' | sort; }

# expect NAME EXIT_CODE MESSAGE_REGEX COMMAND...
expect() {
  local name="$1" want="$2" msg="$3"; shift 3
  local before after rc
  before="$(images)"
  "$@" >"${TMP}/out" 2>"${TMP}/err"; rc=$?
  after="$(images)"
  if [ "${rc}" != "${want}" ]; then
    failed=$((failed + 1)); log "FAILED: ${name}: exit ${rc}, expected ${want}"; tail -n 5 "${TMP}/err" >&2
  elif ! grep -Eq "${msg}" "${TMP}/err"; then
    failed=$((failed + 1)); log "FAILED: ${name}: stderr lacks /${msg}/:"; tail -n 5 "${TMP}/err" >&2
  elif [ -s "${TMP}/out" ]; then
    failed=$((failed + 1)); log "FAILED: ${name}: printed on stdout: $(head -c 200 "${TMP}/out")"
  elif [ "${before}" != "${after}" ]; then
    failed=$((failed + 1)); log "FAILED: ${name}: images changed:"; diff <(echo "${before}") <(echo "${after}") >&2
  else
    passed=$((passed + 1)); log "ok: ${name} -> exit ${rc}: $(grep -E "${msg}" "${TMP}/err" | head -n1)"
  fi
}

BINDIR="$("${ROOT}/scripts/build-k8s-binaries")" || { log "cannot build binaries"; exit 1; }
mkdir -p "${TMP}/empty"

expect "unknown version without --binaries" 2 "'v1\.19\.7'.*--binaries" \
  "${BUILD}" --kubernetes-version v1.19.7
expect "malformed version" 2 "'1\.20' is not of the form vX\.Y\.Z" \
  "${BUILD}" --kubernetes-version 1.20
expect "--binaries without a version" 2 "needs --kubernetes-version" \
  "${BUILD}" --binaries "${BINDIR}"
expect "--binaries without kubeadm" 2 "no executable 'kubeadm'" \
  "${BUILD}" --binaries "${TMP}/empty" --kubernetes-version v1.10.13
expect "--binaries of another version" 2 "kubeadm reports 'v1\.20\.2', not v1\.19\.7" \
  "${BUILD}" --binaries "${BINDIR}" --kubernetes-version v1.19.7
expect "unknown option" 2 "unknown option '--frobnicate'" \
  "${BUILD}" --frobnicate
expect "no engine" 1 "no Docker engine answers" \
  env DOCKER_HOST=unix:///nonexistent/docker.sock "${BUILD}"
# Not root: run a copy of the scripts as nobody.
cp -a "${ROOT}/scripts" "${TMP}/scripts"
chmod -R a+rX "${TMP}/scripts"
expect "not root" 1 "must run as root" \
  setpriv --reuid=65534 --regid=65534 --clear-groups "${TMP}/scripts/build-node-image"
# A recipe naming a package Debian does not have.
echo dind-cluster-no-such-package >>"${TMP}/scripts/node-image/base-packages"
expect "missing Debian package" 1 "Debian package 'dind-cluster-no-such-package' is not available" \
  "${TMP}/scripts/build-node-image" --tag "${TEST_TAG}"

# --binaries with ready binaries builds an image (of the same version here: it is what we have).
if out="$("${BUILD}" --binaries "${BINDIR}" --kubernetes-version v1.20.2 --tag "${TEST_TAG}" 2>"${TMP}/err")" \
   && [ "${out}" = "${TEST_TAG}" ] \
   && [ "$(docker image inspect --format '{{ index .Config.Labels "dev.dindcluster.kubernetes-version" }}' "${TEST_TAG}")" = v1.20.2 ]; then
  passed=$((passed + 1)); log "ok: --binaries DIR builds ${TEST_TAG}"
else
  failed=$((failed + 1)); log "FAILED: --binaries DIR build"; tail -n 10 "${TMP}/err" >&2
fi
echo "node-image-bad-input: ${passed} passed, ${failed} failed"
[ "${failed}" = 0 ]
