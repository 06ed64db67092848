#!/usr/bin/env bash
# A pinned script without a clone, the way the README tells users to run one:
#   jbang --repos mavencentral --repos dind=<repository> dind-cluster-v1.10@<catalog> plan
# Here both ends are loopback stand-ins: the library is published (maven-deploy-plugin's deploy-file, as
# a release would) into a file repository, the catalog and fixed/ are served over HTTP on 127.0.0.1 from
# a directory holding nothing else, and JBang starts from an empty local Maven repository and an empty
# JBang home. "Maven Central" is this machine's ~/.m2 as a file repository (links to everything in it but
# the library), so the test downloads nothing.
# Checks: the alias resolves through the served catalog, the library comes from the published
# repository (not from ~/.m2), plan pins the script's version; without the repository the run fails
# and names the missing library.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

jar="$ROOT/lib/target/dind-cluster-lib-0.1.0.jar"
[ -f "$jar" ] || fail "no $jar: run scripts/setup first (it builds the library)"
version=$(awk '$1 == "v1.10" { print $2 }' "$ROOT/scripts/fixed-versions")
[ -n "$version" ] || fail "scripts/fixed-versions pins no v1.10"

work=$(mktemp -d)
server=
on_exit() { [ -z "$server" ] || kill "$server" 2>/dev/null || true; rm -rf "$work"; }
trap on_exit EXIT

log "publishing the library into a file repository"
(cd "$ROOT/lib" && mvn -B -q org.apache.maven.plugins:maven-deploy-plugin:3.1.4:deploy-file \
   -Dfile="$jar" -DpomFile=pom.xml -Dsources=target/dind-cluster-lib-0.1.0-sources.jar \
   -Djavadoc=target/dind-cluster-lib-0.1.0-javadoc.jar -Durl="file://$work/published" -DrepositoryId=dind) \
  >"$work/deploy.log" 2>&1 || { cat "$work/deploy.log" >&2; fail "deploy-file failed"; }

log "serving the catalog and fixed/ on 127.0.0.1 (no lib/, no .git)"
mkdir -p "$work/site"
cp -r "$ROOT/jbang-catalog.json" "$ROOT/fixed" "$work/site/"
python3 "$ROOT/test/mirror-server.py" "$work/site" "$work/port" >/dev/null 2>&1 & server=$!
for _ in $(seq 300); do [ -s "$work/port" ] && break; kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
[ -s "$work/port" ] || fail "the catalog server did not start"
catalog="http://127.0.0.1:$(cat "$work/port")/jbang-catalog.json"

# ~/.m2 without dev/dindcluster stands in for Maven Central.
m2="${MAVEN_REPO_LOCAL:-$HOME/.m2/repository}"
mkdir -p "$work/central/dev"
for d in "$m2"/*; do [ "$(basename "$d")" = dev ] || ln -s "$d" "$work/central/"; done
for d in "$m2"/dev/*; do [ "$(basename "$d")" = dindcluster ] || ln -s "$d" "$work/central/dev/"; done
central="central-stand-in=file://$work/central"

export JBANG_DIR="$work/jbang-home" JBANG_REPO="$work/m2"
cd "$work"   # nowhere near the checkout

log "dind-cluster-v1.10@<served catalog> plan, the library from the published repository"
out=$("$ROOT/scripts/jbang" --repos "dind=file://$work/published" --repos "$central" \
  "dind-cluster-v1.10@$catalog" plan -o json 2>"$work/err") || { cat "$work/err" >&2; fail "plan through the served catalog failed"; }
grep -q '"image" *: *"dind-cluster/node:'"$version"'"' <<<"$out" || fail "plan does not pin dind-cluster/node:$version: $out"
origin="$JBANG_REPO/dev/dindcluster/dind-cluster-lib/0.1.0/_remote.repositories"
grep -q '^dind-cluster-lib-0.1.0.jar>dind=$' "$origin" \
  || fail "the library did not come from the published repository: $(cat "$origin" 2>/dev/null)"
log "  ok: Kubernetes $version, dind-cluster-lib from the published repository"

log "the same without the library's repository fails and names the library"
rm -rf "$JBANG_REPO" "$JBANG_DIR"
rc=0
"$ROOT/scripts/jbang" --repos "$central" "dind-cluster-v1.10@$catalog" plan >/dev/null 2>"$work/err" || rc=$?
[ "$rc" != 0 ] || fail "plan succeeded without the library's repository"
grep -q 'dind-cluster-lib' "$work/err" || fail "the failure does not name dind-cluster-lib: $(tail -n 5 "$work/err")"
log "  ok: exit $rc, names dev.dindcluster:dind-cluster-lib"
log "*** OK ***"
