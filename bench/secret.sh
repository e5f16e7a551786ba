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

# The machine is shared: wall time depends on what else runs, so CPU time (user + sys) is
# recorded too, and throughputs are given for both.
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
time_runs() {  # time_runs N CMD... -> "median-wall median-cpu" seconds
  local n=$1; shift
  local f; f=$(mktemp)
  for _ in $(seq "$n"); do
    /usr/bin/time -f '%e %U %S' -o "$f" "$@" >/dev/null 2>&1 || true
    tail -1 "$f"
  done > "$f.all"
  echo "$(awk '{print $1}' "$f.all" | median) $(awk '{print $2+$3}' "$f.all" | median)"
  rm -f "$f" "$f.all"
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
/usr/bin/time -f '%e %U %S' -o "$work/peer.time" "$peers/node_modules/.bin/secretlint" \
  --secretlintrc "$work/.secretlintrc.json" "$corpus/*" >"$work/peer.txt" 2>&1 || true
t_peer=$(tail -1 "$work/peer.time" | awk '{print $1, $2+$3}')
peer_found=$(grep -c " error " "$work/peer.txt" || true)

# (a) Debian image
oci="$cache/bookworm-oci"
t_img_on=$(time_runs "$runs" "$bin" image "oci:$oci" --scanners secret,hardening -q -f json -o /dev/null)
t_img_off=$(time_runs "$runs" "$bin" image "oci:$oci" --scanners hardening -q -f json -o /dev/null)
t_root=$(time_runs "$runs" "$bin" fs "$cache/bookworm-rootfs" --scanners secret --parallel 1 -q -f json -o /dev/null)
root_bytes=$(du -sb "$cache/bookworm-rootfs" | cut -f1)

python3 - "$bytes" "$planted" "$found" "$peer_found" "$root_bytes" "$t_floor" "$t_compile" \
  "$t_pc" "$t_peer" "$t_img_on" "$t_img_off" "$t_root" <<'PY'
import sys
b, planted, found, peer_found, root_b = (int(x) for x in sys.argv[1:6])
t = {k: tuple(map(float, v.split())) for k, v in zip(
    ["floor", "comp", "pc", "peer", "on", "off", "root"], sys.argv[6:13])}
mbs = lambda n, s: n / max(s, 1e-3) / 1e6
print(f"corpus: {b/1e6:.0f} MB, {planted} planted secrets   (wall s / cpu s)")
for name, key in [("floor: cat > /dev/null", "floor"), ("portcullis fs, 1 core", "pc"),
                  ("secretlint (peer)", "peer")]:
    w, c = t[key]
    print(f"  {name:24} {w:7.2f} / {c:6.2f}  {mbs(b, w):6.0f} MB/s wall  {mbs(b, c):6.0f} MB/s cpu")
w, c = t["pc"]
cw, cc = t["comp"]
print(f"  database compile (empty dir): {cw:.2f} / {cc:.2f}; scan alone {mbs(b, w - cw):.0f} MB/s "
      f"wall, {mbs(b, c - cc):.0f} MB/s cpu")
print(f"  ratios: portcullis/floor {w / t['floor'][0]:.1f}x wall; secretlint/portcullis "
      f"{t['peer'][0] / w:.1f}x wall, {t['peer'][1] / c:.1f}x cpu")
print(f"  recall: {found}/{planted} ({100 * found / planted:.1f}%); secretlint findings: {peer_found}")
on, off = t["on"], t["off"]
print(f"debian image (oci, gzip): secrets on {on[0]:.2f} / {on[1]:.2f}, off {off[0]:.2f} / "
      f"{off[1]:.2f}: {on[0] / off[0]:.2f}x wall, {on[1] / off[1]:.2f}x cpu")
r = t["root"]
print(f"debian rootfs ({root_b / 1e6:.0f} MB): fs secrets {r[0]:.2f} / {r[1]:.2f}; "
      f"{mbs(root_b, r[1] - cc):.0f} MB/s cpu after compile")
PY
