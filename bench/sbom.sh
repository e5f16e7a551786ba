#!/usr/bin/env bash
# Benchmark of the foundation (issue 2): `portcullis sbom` on the debootstrap Debian 12 image
# (python3, curl, ca-certificates; ~270 MB unpacked, gzip layers), side by side in one run with
#   - the physical floor: `igzip -dc` over the same gzip layers to /dev/null, and
#   - a peer: `cdxgen -t docker` (npm @cyclonedx/cdxgen) on the same image as a docker-archive.
# Prints the times, the ratios and portcullis' peak RSS. Needs: scripts/setup, a build in
# build/, and the test image (tests/tools/make-debian-image.sh, called here).
#   bench/sbom.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
cache=${PORTCULLIS_TEST_CACHE:-/var/cache/portcullis-test}
tests/tools/make-debian-image.sh
oci="$cache/bookworm-oci"
docker="$cache/bookworm-docker.tar"
bin=${PORTCULLIS:-./build/portcullis}
[ -x "$bin" ] || { echo "build first: cmake -S . -B build -G Ninja && cmake --build build" >&2; exit 1; }

peers=bench/.peers
if [ ! -x "$peers/node_modules/.bin/cdxgen" ]; then
  mkdir -p "$peers"
  (cd "$peers" && npm install --no-audit --no-fund --loglevel=error @cyclonedx/cdxgen >/dev/null)
fi

# The gzip layer blobs of the OCI image, in manifest order.
manifest=$(python3 -c "import json,sys;i=json.load(open('$oci/index.json'));print(i['manifests'][0]['digest'][7:])")
layers=$(python3 -c "
import json;m=json.load(open('$oci/blobs/sha256/$manifest'))
print(' '.join('$oci/blobs/sha256/'+l['digest'][7:] for l in m['layers']))")
unpacked=$(for l in $layers; do igzip -dc "$l"; done | wc -c)

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
time_runs() {  # time_runs N CMD... -> median wall seconds
  local n=$1; shift
  for _ in $(seq "$n"); do
    /usr/bin/time -f '%e' "$@" 2>&1 >/dev/null | tail -1
  done | median
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Interleave the runs so that machine noise hits both alike.
floor_t=(); ours_t=()
for _ in $(seq "$runs"); do
  floor_t+=("$( { /usr/bin/time -f '%e' sh -c "for l in $layers; do igzip -dc \"\$l\"; done >/dev/null"; } 2>&1 | tail -1)")
  ours_t+=("$( { /usr/bin/time -f '%e' "$bin" sbom "$oci" -q -f cyclonedx -o "$work/bom.json"; } 2>&1 | tail -1)")
done
floor=$(printf '%s\n' "${floor_t[@]}" | median)
ours=$(printf '%s\n' "${ours_t[@]}" | median)
rss=$( { /usr/bin/time -f '%M' "$bin" sbom "$oci" -q -f cyclonedx -o "$work/bom.json"; } 2>&1 | tail -1)
packages=$(python3 -c "import json;print(len(json.load(open('$work/bom.json'))['components']))")

# The peer is slow: one run is enough to establish the ratio.
cdxgen=$(realpath "$peers/node_modules/.bin/cdxgen")
(cd "$work" && /usr/bin/time -o "$work/cdx.time" -f '%e %M' "$cdxgen" -t docker "$docker" \
    -o cdx.json >cdx.log 2>&1 || true)
peer=$(awk '{print $1}' "$work/cdx.time" | tail -1)
peer_rss=$(awk '{print $2}' "$work/cdx.time" | tail -1)

printf 'image: %s (%d MB unpacked, %s)\n' "$oci" "$((unpacked / 1048576))" "$(echo $layers | wc -w) gzip layers"
printf '%-38s %8s s\n' "floor: igzip -dc of the layers" "$floor"
printf '%-38s %8s s   peak RSS %d MB, %s packages\n' "portcullis sbom (median of $runs)" "$ours" "$((rss / 1024))" "$packages"
printf '%-38s %8s s   peak RSS %d MB\n' "cdxgen -t docker (1 run)" "$peer" "$((peer_rss / 1024))"
python3 - "$ours" "$floor" "$peer" <<'PY'
import sys
ours, floor, peer = map(float, sys.argv[1:])
print(f"portcullis / floor = {ours/floor:.2f}x (goal <= 1.5x); cdxgen / portcullis = {peer/ours:.0f}x (goal >= 20x)")
PY
