#!/usr/bin/env bash
# Benchmark of the OS package and language analyzers (issue 2, ospkg part), in one run, as
# ratios:
#   1. a large dpkg database (the debootstrap bookworm status file repeated to about 12,000
#      packages, names made unique): `portcullis sbom dir:ROOT` against the floor (reading the
#      file with dd in 64 KiB blocks, as portcullis reads) and the peer `dpkg-query -W` (dpkg's
#      own C parser) on the same database;
#   2. Go binaries (the Go programs found on this machine, copied into a root): the buildinfo
#      content scanner against the floor of reading the same bytes with dd.
# Whole-image figures (floor igzip, peer cdxgen) are bench/sbom.sh's.
# Needs a build in build/ and the debootstrap root (tests/tools/make-debian-image.sh).
#   bench/ospkg.sh [RUNS] [COPIES]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
copies=${2:-100}
cache=${PORTCULLIS_TEST_CACHE:-/var/cache/portcullis-test}
rootfs="$cache/bookworm-rootfs"
bin=./build/portcullis
[ -x "$bin" ] || { echo "build first: cmake -S . -B build -G Ninja && cmake --build build" >&2; exit 1; }
[ -f "$rootfs/var/lib/dpkg/status" ] || tests/tools/make-debian-image.sh

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/dpkg/var/lib/dpkg" "$work/dpkg/etc" "$work/go/usr/local/bin"
cp "$rootfs/etc/os-release" "$work/dpkg/etc/os-release"
python3 - "$rootfs/var/lib/dpkg/status" "$copies" >"$work/dpkg/var/lib/dpkg/status" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8").read().strip("\n")
for i in range(int(sys.argv[2])):
    sys.stdout.write(text.replace("\nPackage: ", "\nPackage: c%d-" % i)
                     .replace("Package: ", "Package: c%d-" % i, 1) + "\n\n")
PY
status="$work/dpkg/var/lib/dpkg/status"

# Go binaries: whatever module-mode Go programs this machine has (up to ~300 MB).
total=0
for f in /usr/local/bin/* /usr/lib/google-cloud-sdk/bin/* /usr/bin/skopeo /usr/bin/umoci; do
  [ -f "$f" ] && [ -x "$f" ] || continue
  head -c 4 "$f" | grep -q ELF || continue
  grep -c -a -m1 $'\xff Go buildinf:' "$f" >/dev/null 2>&1 || continue
  size=$(stat -c %s "$f"); [ $((total + size)) -le $((300 << 20)) ] || continue
  cp "$f" "$work/go/usr/local/bin/"; total=$((total + size))
done

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
# "WALL CPU" seconds of one command; CPU (user + system) is what a shared, loaded machine
# distorts least.
t() {
  /usr/bin/time -f '%e %U %S' -o "$work/time" "$@" >/dev/null 2>&1
  tail -1 "$work/time" | awk '{printf "%s %.2f\n", $1, $2 + $3}'
}
floor=(); ours=(); peer=(); gfloor=(); gours=()
for _ in $(seq "$runs"); do  # interleaved, so machine noise hits all alike
  floor+=("$(t dd if="$status" of=/dev/null bs=65536 status=none)")
  ours+=("$(t "$bin" sbom "dir:$work/dpkg" -q -f json -o "$work/dpkg.json")")
  peer+=("$(t dpkg-query --admindir="$work/dpkg/var/lib/dpkg" -W \
    -f='${Package}\t${Version}\t${source:Package}\t${source:Version}\t${Architecture}\n')")
  gfloor+=("$(t sh -c "for f in $work/go/usr/local/bin/*; do dd if=\$f of=/dev/null bs=65536 \
    status=none; done")")
  gours+=("$(t "$bin" sbom "dir:$work/go" -q -f json -o "$work/go.json")")
done
# Median wall and median CPU of a list of "WALL CPU" pairs.
m() {
  printf '%s s wall, %s s CPU' "$(printf '%s\n' "$@" | awk '{print $1}' | median)" \
    "$(printf '%s\n' "$@" | awk '{print $2}' | median)"
}
cpu() { printf '%s\n' "$@" | awk '{print $2}' | median; }
floor_c=$(cpu "${floor[@]}"); ours_c=$(cpu "${ours[@]}"); peer_c=$(cpu "${peer[@]}")
gfloor_c=$(cpu "${gfloor[@]}"); gours_c=$(cpu "${gours[@]}")
floor=$(m "${floor[@]}"); ours=$(m "${ours[@]}"); peer=$(m "${peer[@]}")
gfloor=$(m "${gfloor[@]}"); gours=$(m "${gours[@]}")
rss=$(/usr/bin/time -f '%M' -o "$work/time" "$bin" sbom "dir:$work/dpkg" -q -f json \
  -o "$work/dpkg.json"; tail -1 "$work/time")
grss=$(/usr/bin/time -f '%M' -o "$work/time" "$bin" sbom "dir:$work/go" -q -f json \
  -o "$work/go.json"; tail -1 "$work/time")
read -r npkg ngo <<<"$(python3 -c "
import json
print(len(json.load(open('$work/dpkg.json'))['packages']), len(json.load(open('$work/go.json'))['packages']))")"
nq=$(dpkg-query --admindir="$work/dpkg/var/lib/dpkg" -W | wc -l)

printf 'dpkg status: %d MB, %d packages (dpkg-query lists %d)\n' "$(( $(stat -c %s "$status") >> 20 ))" "$npkg" "$nq"
printf '  %-34s %s\n' "floor: dd bs=64k (read only)" "$floor"
printf '  %-34s %s; peak RSS %d MB\n' "portcullis sbom dir: (median of $runs)" "$ours" "$((rss / 1024))"
printf '  %-34s %s\n' "peer: dpkg-query -W" "$peer"
printf 'Go binaries: %d files, %d MB, %d Go packages found\n' "$(ls "$work/go/usr/local/bin" | wc -l)" "$((total >> 20))" "$ngo"
printf '  %-34s %s\n' "floor: dd bs=64k (read only)" "$gfloor"
printf '  %-34s %s; peak RSS %d MB\n' "portcullis sbom dir: (median of $runs)" "$gours" "$((grss / 1024))"
python3 - "$ours_c" "$floor_c" "$peer_c" "$gours_c" "$gfloor_c" <<'PY'
import sys
ours, floor, peer, gours, gfloor = (max(float(x), 0.01) for x in sys.argv[1:])
print(f"CPU ratios: dpkg: dpkg-query / portcullis = {peer/ours:.2f}x, "
      f"portcullis / dd = {ours/floor:.0f}x; go: portcullis / dd = {gours/gfloor:.2f}x")
PY
