#!/usr/bin/env bash
# Benchmark of secret scanning (issue 4), side by side in one run:
#   (a) the debootstrap Debian 12 image: `portcullis image` with secrets on vs off (goal: within
#       1.3x), and `portcullis fs` over its root file system;
#   (b) a generated text corpus (bench/secret_corpus.py: source code, configs, logs; MB
#       megabytes, one planted secret about every 200 KB): portcullis throughput on one core
#       (goal: >= 1 GB/s) and recall (must be 100%), against
#       - the physical floor: `cat` of the same files to /dev/null, and
#       - the peer: secretlint (npm, with its recommended rule preset, installed into
#         bench/.peers) on the same files.
# The Vectorscan database compile is a fixed cost per process; it is measured on an empty
# directory and subtracted to give the scan throughput.
#   bench/secret.sh [MB] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-200}
runs=${2:-3}
cache=${PORTCULLIS_TEST_CACHE:-/var/cache/portcullis-test}
tests/tools/make-debian-image.sh
bin=./build/portcullis
[ -x "$bin" ] || { echo "build first: cmake -S . -B build -G Ninja && cmake --build build" >&2; exit 1; }

peers=bench/.peers
if [ ! -x "$peers/node_modules/.bin/secretlint" ]; then
  mkdir -p "$peers"
  (cd "$peers" && npm install --no-audit --no-fund --loglevel=error secretlint \
    @secretlint/secretlint-rule-preset-recommend >/dev/null)
fi

work=${SECRET_BENCH_DIR:-$(mktemp -d)}
corpus="$work/corpus"
if [ ! -f "$work/planted" ]; then
  python3 bench/secret_corpus.py "$corpus" "$mb" > "$work/planted"
fi
planted=$(cat "$work/planted")
bytes=$(cat "$corpus"/* | wc -c)
mkdir -p "$work/empty"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
time_runs() {  # time_runs N CMD... -> median wall seconds
  local n=$1; shift
  for _ in $(seq "$n"); do
    /usr/bin/time -f '%e' "$@" 2>&1 >/dev/null | tail -1
  done | median
}

# (b) corpus
t_floor=$(time_runs "$runs" sh -c "cat '$corpus'/* > /dev/null")
t_compile=$(time_runs "$runs" "$bin" fs "$work/empty" --scanners secret --parallel 1 -q -f json -o /dev/null)
t_pc=$(time_runs "$runs" "$bin" fs "$corpus" --scanners secret --parallel 1 -q -f json -o /dev/null)
"$bin" fs "$corpus" --scanners secret -q -f json -o "$work/report.json"
found=$(python3 -c "import json;print(len(json.load(open('$work/report.json'))['secrets']))")
cat > "$work/.secretlintrc.json" <<'JSON'
{"rules": [{"id": "@secretlint/secretlint-rule-preset-recommend"}]}
JSON
/usr/bin/time -f '%e' -o "$work/peer.time" "$peers/node_modules/.bin/secretlint" \
  --secretlintrc "$work/.secretlintrc.json" "$corpus/*" >"$work/peer.txt" 2>&1 || true
t_peer=$(tail -1 "$work/peer.time")
peer_found=$(grep -c " error " "$work/peer.txt" || true)

# (a) Debian image
oci="$cache/bookworm-oci"
t_img_on=$(time_runs "$runs" "$bin" image "oci:$oci" --scanners secret,hardening -q -f json -o /dev/null)
t_img_off=$(time_runs "$runs" "$bin" image "oci:$oci" --scanners hardening -q -f json -o /dev/null)
t_root=$(time_runs "$runs" "$bin" fs "$cache/bookworm-rootfs" --scanners secret --parallel 1 -q -f json -o /dev/null)
root_bytes=$(du -sb "$cache/bookworm-rootfs" | cut -f1)

python3 - "$bytes" "$planted" "$found" "$peer_found" "$t_floor" "$t_compile" "$t_pc" "$t_peer" \
  "$t_img_on" "$t_img_off" "$t_root" "$root_bytes" <<'PY'
import sys
b, planted, found, peer_found = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
floor, comp, pc, peer, on, off, root, root_b = map(float, sys.argv[5:13])
scan = max(pc - comp, 1e-3)
mbs = lambda n, t: n / t / 1e6
print(f"corpus: {b/1e6:.0f} MB, {planted} planted secrets")
print(f"  floor (cat)             {floor:7.2f} s  {mbs(b, floor):8.0f} MB/s")
print(f"  portcullis fs, 1 core   {pc:7.2f} s  {mbs(b, pc):8.0f} MB/s end to end; "
      f"{mbs(b, scan):.0f} MB/s scan after {comp:.2f} s database compile; "
      f"{pc/floor:.1f}x floor")
print(f"  secretlint (peer)       {peer:7.2f} s  {mbs(b, peer):8.0f} MB/s; portcullis is "
      f"{peer/pc:.0f}x faster")
print(f"  recall: {found}/{planted} found ({100*found/planted:.1f}%); secretlint findings: {peer_found}")
print(f"debian image (oci, gzip): secrets on {on:.2f} s, off {off:.2f} s: {on/off:.2f}x")
print(f"debian rootfs ({root_b/1e6:.0f} MB): portcullis fs secrets {root:.2f} s "
      f"({mbs(root_b, max(root - comp, 1e-3)):.0f} MB/s after compile)")
PY
