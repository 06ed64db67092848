#!/usr/bin/env bash
# Compatibility of our dump toolchain with the original dind-cluster.sh, both ways, byte for byte:
#  1. our `dump64 --from-file F` decodes with the original's pipeline
#       sed -n '/^%%% start-base64 %%%$/,/^%%% end-base64 %%%$/p' | sed '1d;$d' | base64 -d | lzma -dc
#     to exactly F (and to our `dump --from-file F`);
#  2. a blob made the original's way (`lzma | base64 -w 100` between the markers) splits with our
#     `split-dump64` into exactly the files the original's awk splitter writes;
#  3. `split-dump64 --report` of the original's sample blob writes an index.html that headless
#     Chromium renders with its nodes, no problem pods and a link to every file (screenshot kept).
# Runs against the library's classes (no JBang needed). Exits non-zero on any mismatch.
set -euo pipefail
cd "$(dirname "$0")/.."
. test/lib.sh
ROOT=$PWD
log() { printf '[dump-compat] %s\n' "$*" >&2; }

if ! command -v lzma >/dev/null 2>&1; then
  log "installing xz-utils (for lzma)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o DPkg::Lock::Timeout=600 xz-utils >/dev/null
fi

# --- build the library and a launcher (Cli.main needs a FixedRelease) ---
BUILD="$ROOT/lib/target/dump-tools"
mkdir -p "$BUILD"
(cd lib && { mvn -B -q -o compile dependency:build-classpath -Dmdep.outputFile="$BUILD/cp.txt" >"$BUILD/mvn.log" 2>&1 \
  || mvn -B -q compile dependency:build-classpath -Dmdep.outputFile="$BUILD/cp.txt" >"$BUILD/mvn.log" 2>&1; }) \
  || { log "maven build failed, see $BUILD/mvn.log"; exit 1; }
CP="$ROOT/lib/target/classes:$(cat "$BUILD/cp.txt")"
cat >"$BUILD/DumpTool.java" <<'JAVA'
public class DumpTool {
  public static void main(String[] args) {
    dev.dindcluster.cli.Cli.main(
        new dev.dindcluster.config.FixedRelease("dind-cluster", "v1.20.2", "dind-cluster/node:v1.20.2"), args);
  }
}
JAVA
javac -cp "$CP" -d "$BUILD" "$BUILD/DumpTool.java"
ours() { java -cp "$BUILD:$CP" DumpTool "$@"; }

# --- the original's halves, verbatim from dind-cluster.sh ---
original_decode() { sed -n '/^%%% start-base64 %%%$/,/^%%% end-base64 %%%$/p' | sed '1d;$d' | base64 -d | lzma -dc; }
original_encode() { echo "%%% start-base64 %%%"; lzma | base64 -w 100; echo "%%% end-base64 %%%"; }
original_split() { # dind::split-dump, in directory $1
  mkdir -p "$1" && (cd "$1" && awk '!/^@@@ .* @@@$/{print >out}; /^@@@ .* @@@$/{out=$2}' out=/dev/null)
}

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
failures=0
fail() { log "MISMATCH: $*"; failures=$((failures + 1)); }

# Inputs: the real sample, and a generated dump with many sections, UTF-8, long lines, empty sections.
cp lib/src/test/resources/vectors/sample-dump.txt "$WORK/sample.txt"
awk 'BEGIN {
  srand(20261122); print "*** Dumping cluster state ***";
  for (s = 0; s < 120; s++) {
    printf "@@@ pod-kube-node-%d-kube-system-pod-%05d--c.log @@@\n", s % 3, s;
    n = int(rand() * 400); if (s % 17 == 0) n = 0;
    for (l = 0; l < n; l++) {
      line = sprintf("I1122 01:02:%02d.%06d %7d gen.go:%d] s=%d l=%d ä€ ", l % 60, int(rand() * 1e6), s, l, s, l);
      w = int(rand() * 12); if (l == 7) w = 3000;
      for (k = 0; k < w; k++) line = line sprintf("%x ", int(rand() * 2^31));
      print line;
    }
  }
}' >"$WORK/generated.txt"

for name in sample generated; do
  input="$WORK/$name.txt"
  # 1. ours -> original decoder
  ours dump64 --no-redact --from-file "$input" >"$WORK/$name.blob"
  sed -n 2p "$WORK/$name.blob" | cut -c1-17 | grep -qx 'XQAAgAD//////////' || fail "$name: blob does not start XQAAgAD//////////"
  awk 'NR > 1 && !/^%%%/ { if (length($0) > 100) bad = 1 } END { exit bad }' "$WORK/$name.blob" || fail "$name: a base64 line is longer than 100"
  if original_decode <"$WORK/$name.blob" >"$WORK/$name.decoded"; then
    cmp -s "$input" "$WORK/$name.decoded" || fail "$name: original pipeline decodes our dump64 to different bytes"
  else
    fail "$name: original pipeline failed on our dump64"
  fi
  ours dump --no-redact --from-file "$input" >"$WORK/$name.replain"
  cmp -s "$input" "$WORK/$name.replain" || fail "$name: dump --from-file does not re-print the input exactly"

  # 2. original encoder -> ours splitter, compared with the original splitter
  original_encode <"$input" >"$WORK/$name.orig-blob"
  original_split "$WORK/$name.expected" <"$input"
  (printf 'CI noise before\n'; cat "$WORK/$name.orig-blob"; printf 'CI noise after\n') \
    | ours split-dump64 --output "$WORK/$name.ours" >"$WORK/$name.list" 2>"$WORK/$name.err" || fail "$name: our split-dump64 failed"
  diff -r "$WORK/$name.expected" "$WORK/$name.ours" >/dev/null || fail "$name: split-dump64 files differ from the original's split-dump"
  ours split-dump "$input" --output "$WORK/$name.ours-plain" >/dev/null || fail "$name: our split-dump failed"
  diff -r "$WORK/$name.expected" "$WORK/$name.ours-plain" >/dev/null || fail "$name: split-dump files differ from the original's"
  files=$(find "$WORK/$name.expected" -type f | wc -l)
  [ "$(wc -l <"$WORK/$name.list")" -eq "$files" ] || fail "$name: listing has $(wc -l <"$WORK/$name.list") lines for $files files"
  log "$name: $(wc -c <"$input") bytes, $files files, blob $(wc -l <"$WORK/$name.blob") lines: checked"
done

# The recorded original blob is reproduced exactly by our encoder (same preset, same content).
ours dump64 --from-file "$WORK/sample.txt" | cmp -s - lib/src/test/resources/vectors/sample-dump64.txt \
  || fail "dump64 of sample-dump.txt differs from the original's sample-dump64.txt"

# 3. The report of the original's sample dump, rendered by Chromium.
ensure_chromium
ours split-dump64 --report --output "$WORK/report" lib/src/test/resources/vectors/sample-dump64.txt >"$WORK/report.out" \
  || fail "split-dump64 --report failed"
grep -qx "2 nodes, 2 Ready" "$WORK/report.out" || fail "the report summary does not say '2 nodes, 2 Ready': $(cat "$WORK/report.out")"
dom=$(render_report "$WORK/report/index.html" report-original-sample)
for want in '<td>kube-master</td><td class="ok">Ready</td>' 'Every pod is Ready and none restarted' \
    '<a href="nodes.txt">nodes.txt</a>' 'This dump has no events.txt'; do
  grep -qF "$want" <<<"$dom" || fail "Chromium's rendering of the report lacks: $want"
done
log "report of the original's sample: rendered by Chromium, screenshot $ARTIFACTS/report-original-sample.png"

if [ "$failures" -ne 0 ]; then
  log "$failures mismatch(es)"
  exit 1
fi
log "OK: our dump64 decodes with the original's pipeline; the original's blobs split identically with ours"
