#!/usr/bin/env bash
# Benchmark of the image-hardening scanner (issue 6) on the debootstrap Debian 12 image
# (~270 MB unpacked, 3 gzip layers), side by side in one run with
#   - the physical floor: `igzip -dc` over the same gzip layers to /dev/null;
#   - portcullis without hardening (`image --scanners ''`: the same walk, OS and package
#     analyzers, no hardening analyzer or rules), so the difference is what the hardening pass
#     costs;
#   - the peer's approach: Dockle is a Go binary that neither Debian nor npm packages, so it
#     cannot be installed here; what it does for its file checks — extract every layer, then
#     walk the tree for setuid/setgid bits (CIS-DI-0008) — is timed instead with
#     `tar -xzf` of the layers into a temporary directory plus `find -perm /6000`.
# Prints CPU times (user + system; the development machines are shared, so wall time is noisy),
# medians of interleaved runs, the ratios and peak RSS. Needs scripts/setup,
# a build in build/ and the test image (tests/tools/make-debian-image.sh, called here).
#   bench/hardening.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
cache=${PORTCULLIS_TEST_CACHE:-/var/cache/portcullis-test}
tests/tools/make-debian-image.sh
oci="$cache/bookworm-oci"
bin=./build/portcullis
[ -x "$bin" ] || { echo "build first: cmake -S . -B build -G Ninja && cmake --build build" >&2; exit 1; }

manifest=$(python3 -c "import json;i=json.load(open('$oci/index.json'));print(i['manifests'][0]['digest'][7:])")
layers=$(python3 -c "
import json;m=json.load(open('$oci/blobs/sha256/$manifest'))
print(' '.join('$oci/blobs/sha256/'+l['digest'][7:] for l in m['layers']))")

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
timed() {  # CPU seconds (user + system) of a command and its children
  /usr/bin/time -f '%U %S' -o "$work/time" "$@" >/dev/null 2>&1
  awk '{printf "%.2f\n", $1 + $2}' "$work/time"
}
extract_and_find() {
  rm -rf "$work/root" && mkdir "$work/root"
  for l in $layers; do tar -xzf "$l" -C "$work/root" 2>/dev/null || true; done
  find "$work/root" -xdev -type f -perm /6000 >/dev/null
}
export -f extract_and_find
export work layers

floor_t=(); sbom_t=(); hard_t=(); peer_t=()
for _ in $(seq "$runs"); do
  peer_t+=("$(timed bash -c extract_and_find)")
  sync
  floor_t+=("$(timed sh -c "for l in $layers; do igzip -dc \"\$l\"; done")")
  sbom_t+=("$(timed "$bin" image "$oci" --scanners '' -q -f json -o "$work/none.json")")
  hard_t+=("$(timed "$bin" image "$oci" --scanners hardening -q -f json -o "$work/hard.json")")
done
floor=$(printf '%s\n' "${floor_t[@]}" | median)
sbom=$(printf '%s\n' "${sbom_t[@]}" | median)
hard=$(printf '%s\n' "${hard_t[@]}" | median)
peer=$(printf '%s\n' "${peer_t[@]}" | median)
rss_sbom=$( { /usr/bin/time -f '%M' "$bin" image "$oci" --scanners '' -q -f json -o /dev/null; } \
  2>&1 | tail -1)
rss_hard=$( { /usr/bin/time -f '%M' "$bin" image "$oci" --scanners hardening -q -f json \
  -o /dev/null; } 2>&1 | tail -1)
findings=$(python3 -c "import json;print(len(json.load(open('$work/hard.json'))['misconfigurations']))")

printf 'image: %s (%s gzip layers)\n' "$oci" "$(echo $layers | wc -w)"
printf 'CPU seconds (user + system), median of %s runs\n' "$runs"
printf '%-46s %7s s\n' "floor: igzip -dc of the layers" "$floor"
printf '%-46s %7s s   peak RSS %d MB\n' "portcullis image --scanners '' (no scanner)" "$sbom" \
  "$((rss_sbom / 1024))"
printf '%-46s %7s s   peak RSS %d MB, %s findings\n' "portcullis image --scanners hardening" "$hard" \
  "$((rss_hard / 1024))" "$findings"
printf '%-46s %7s s\n' "Dockle's approach: tar -xzf + find -perm /6000" "$peer"
python3 - "$floor" "$sbom" "$hard" "$peer" <<'PY'
import sys
floor, sbom, hard, peer = map(float, sys.argv[1:])
print(f"hardening / floor = {hard/floor:.2f}x; hardening / no scanner = {hard/sbom:.2f}x "
      f"(cost of the pass); extract+find / hardening = {peer/hard:.1f}x")
PY
