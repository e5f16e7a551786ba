#!/usr/bin/env bash
# Benchmark of registry pulls (issue 12): the debootstrap Debian 12 test image pushed to Debian's
# docker-registry (distribution 2.8) on 127.0.0.1, then, interleaved RUNS times:
#   - floor:   `skopeo copy docker://... oci:DIR` (the transfer alone, to disk),
#   - pull:    `portcullis image 127.0.0.1:PORT/test/app:1 --insecure --no-cache` (pull + full
#              scan: vuln, secret, hardening),
#   - local:   `portcullis image DIR` on the OCI layout (the scan alone),
#   - cached:  the same registry scan with a warm blob cache (only the manifest is downloaded).
# Goals (issue 12): pull + scan <= 1.2x the skopeo floor; cached re-scan <= 1.1x the local scan.
# Needs: a build in build/, docker-registry, skopeo, the test image.
#   bench/registry.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
cache=${PORTCULLIS_TEST_CACHE:-/var/cache/portcullis-test}
tests/tools/make-debian-image.sh
oci="$cache/bookworm-oci"
bin=./build/portcullis
[ -x "$bin" ] || { echo "build first" >&2; exit 1; }

work=$(mktemp -d)
reg_pid=
cleanup() { [ -n "$reg_pid" ] && kill "$reg_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
port=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
cat >"$work/registry.yml" <<YAML
version: 0.1
log:
  level: error
storage:
  filesystem:
    rootdirectory: $work/storage
http:
  addr: 127.0.0.1:$port
YAML
docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
reg_pid=$!
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/v2/" >/dev/null && break; sleep 0.05; done
skopeo copy --quiet --dest-tls-verify=false "oci:$oci:app" "docker://127.0.0.1:$port/test/app:1"
ref="127.0.0.1:$port/test/app:1"

# A database so that the vuln scanner runs as it would for a user.
db="$work/db.sqlite"
"$bin" db import tests/data/advisories/osv-subset.tar.zst --db "$db" -q >/dev/null

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
t() { /usr/bin/time -o "$work/time" -f '%e' "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }; tail -1 "$work/time"; }
scan=(image -q -f json --db "$db")
# Warm the blob cache once.
"$bin" "${scan[@]}" "$ref" --insecure --cache-dir "$work/blobs" >/dev/null
floor_t=(); pull_t=(); local_t=(); cached_t=()
for _ in $(seq "$runs"); do
  rm -rf "$work/copy"
  floor_t+=("$(t skopeo copy --quiet --src-tls-verify=false "docker://$ref" "oci:$work/copy:app")")
  pull_t+=("$(t "$bin" "${scan[@]}" "$ref" --insecure --no-cache)")
  local_t+=("$(t "$bin" "${scan[@]}" "$oci")")
  cached_t+=("$(t "$bin" "${scan[@]}" "$ref" --insecure --cache-dir "$work/blobs")")
done
floor=$(printf '%s\n' "${floor_t[@]}" | median)
pull=$(printf '%s\n' "${pull_t[@]}" | median)
local_scan=$(printf '%s\n' "${local_t[@]}" | median)
cached=$(printf '%s\n' "${cached_t[@]}" | median)
# Same packages and findings as the local scan?
"$bin" "${scan[@]}" "$ref" --insecure --no-cache -o "$work/remote.json"
"$bin" "${scan[@]}" "$oci" -o "$work/local.json"
same=$(python3 - "$work/remote.json" "$work/local.json" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
print("yes" if a["packages"] == b["packages"] and a.get("findings") == b.get("findings") else "NO")
PY
)
size=$(du -sb "$oci/blobs" | cut -f1)
printf 'image: %s (%d MB of blobs), registry 127.0.0.1:%s, %d runs, medians\n' "$oci" $((size / 1048576)) "$port" "$runs"
printf '  skopeo copy to an OCI dir (floor)   %6.2f s\n' "$floor"
printf '  local scan of the OCI dir           %6.2f s\n' "$local_scan"
printf '  pull + scan (--no-cache)            %6.2f s   %.2fx floor, %.2fx (floor + local)\n' "$pull" \
  "$(echo "$pull / $floor" | bc -l)" "$(echo "$pull / ($floor + $local_scan)" | bc -l)"
printf '  cached re-scan                      %6.2f s   %.2fx local\n' "$cached" "$(echo "$cached / $local_scan" | bc -l)"
printf '  same packages and findings as local: %s\n' "$same"
